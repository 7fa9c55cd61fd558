/// The shipped model artifacts, compiled in so `serve` works without files beside it. Each model's
/// data is generated from `models/NAME.json` into `Sources/Handlers/Generated/` by `scripts/embed-models`.
enum EmbeddedModels {}
