// The server in a process of your own, with the functions a catalog binds.
import Serve
import ServeHTTP

let functions = try await FunctionCatalog(functions: [$add]).bind()
let server = try await HTTPServer.start(
    functions: functions,
    configuration: HTTPServer.Configuration(address: BindAddress(host: "127.0.0.1", port: 0)))
print("Serving on \(server.address.url)")
await server.waitUntilStopped()  // until server.drain() or server.stop()

// snippet.hide
/// Adds two integers.
/// - Parameters:
///   - a: The first addend.
///   - b: The second addend.
@Endpoint func add(a: Int, b: Int) -> Int { a &+ b }
