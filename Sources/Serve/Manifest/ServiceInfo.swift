/// What the service calls itself in its manifest, OpenAPI document and docs page.
public struct ServiceInfo: Sendable {
    /// The application's title.
    public var title: String
    /// Its version.
    public var version: String

    /// Names the service.
    public init(title: String = "Serve", version: String = "0.1.0") {
        self.title = title
        self.version = version
    }
}
