internal import Logging
public import Serve
public import ServeHTTP

/// Your functions served for a test, through the real routing, binding, error mapping, limits and headers:
/// in process (no socket: requests go through the same SwiftNIO pipeline as on a connection) or live
/// (a real server on a free loopback port). The service lives for one ``test(_:_:)`` call.
///
/// ```swift
/// import ServeTesting
/// import Testing
///
/// @Test func addsTwoNumbers() async throws {
///     try await TestService(functions: [$add]).test(.inProcess) { client in
///         #expect(try await add(on: client, a: 10, b: 20) == 30)           // typed, like a client app
///         let response = try await client.post("/add", json: #"{"a": "ten", "b": 20}"#)
///         #expect(response.status == 422)                                   // what a user would get
///     }
/// }
/// ```
public struct TestService: Sendable {
    /// How test requests reach the service.
    public enum Transport: Sendable, CaseIterable {
        /// Through the server's channel pipeline in this process, without a socket: fast, and the same
        /// HTTP parsing, handlers and responses as on a connection.
        case inProcess
        /// A real server on `127.0.0.1` and a free port, called over TCP.
        case live
    }

    private let catalog: FunctionCatalog
    private let names: [String]
    private let options: GroupOptions
    private let info: ServiceInfo
    /// The server's settings; its address is ignored (tests listen on a free loopback port).
    public var configuration: HTTPServer.Configuration

    /// A service of `functions` (`$add`) and `groups` (`Greeter.self`); `names` selects some of them by
    /// qualified or group name (all when empty), and `options` are the groups' `--option` settings.
    /// The configuration has the documented defaults, one event loop and a logger that only reports
    /// problems; change ``configuration`` for limits, timeouts or a token.
    public init(
        functions: [ServedFunction<Void>] = [],
        groups: [any EndpointGroup.Type] = [],
        names: [String] = [],
        options: [String: String] = [:],
        info: ServiceInfo = ServiceInfo()
    ) {
        catalog = FunctionCatalog(functions: functions, groups: groups)
        self.names = names
        self.options = GroupOptions(options)
        self.info = info
        var logger = Logger(label: "serve-test")
        logger.logLevel = .warning
        configuration = HTTPServer.Configuration(
            address: BindAddress(host: "127.0.0.1", port: 0), threads: 1, logger: logger)
    }

    /// Sets the service up (its groups included), runs `body` with a client, and tears everything down
    /// afterwards, also when `body` throws.
    public func test(_ transport: Transport, _ body: (TestClient) async throws -> Void) async throws {
        try await withClient(transport, body)
    }

    /// ``test(_:_:)`` for a closure that returns a value: sets the service up, runs `body` with a client,
    /// tears everything down (also when `body` throws), and returns what `body` returned.
    ///
    /// Apart from `test`, which takes no generic closure, so that a closure of one `#expect(try …)` is
    /// known to throw.
    public func withClient<Value>(_ transport: Transport, _ body: (TestClient) async throws -> Value) async throws
        -> Value
    {
        let functions = try await catalog.bind(names, options: options)
        switch transport {
        case .inProcess:
            let connection = InProcessConnection(
                pipeline: try ServerPipeline(functions: functions, info: info, configuration: configuration))
            return try await run(body, with: TestClient(transport: .inProcess(connection))) {
                await connection.close()
            }
        case .live:
            var configuration = configuration
            configuration.address = BindAddress(host: "127.0.0.1", port: 0)
            let server = try await HTTPServer.start(functions: functions, info: info, configuration: configuration)
            return try await run(body, with: TestClient(transport: .live(server))) { await server.stop() }
        }
    }

    private func run<Value>(
        _ body: (TestClient) async throws -> Value, with client: TestClient, tearDown: () async -> Void
    ) async throws -> Value {
        let value: Value
        do {
            value = try await body(client)
        } catch {
            await tearDown()
            throw error
        }
        await tearDown()
        return value
    }
}
