import Synchronization

/// The model a served function runs, replaced whole when its file is loaded again: each call takes the
/// model in place when it starts, so no call sees half of one.
final class ModelSlot: Sendable {
    private let current: Mutex<ONNXModel>

    init(_ model: ONNXModel) {
        current = Mutex(model)
    }

    /// The model in place now.
    var model: ONNXModel { current.withLock { $0 } }

    /// Puts `model` in place for the calls that start from now on.
    func replace(with model: ONNXModel) {
        current.withLock { $0 = model }
    }
}
