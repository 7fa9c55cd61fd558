// A client app: typed calls through the overloads `@Endpoint` generates, or by name with JSON arguments.
import Foundation
import Serve
import ServeClient

let url = URL(string: CommandLine.arguments.dropFirst().first ?? "http://127.0.0.1:5000")!
let client = ServeClient(url: url, token: ProcessInfo.processInfo.environment["SERVE_TOKEN"])

do {
    let sum: Int = try await add(on: client, a: 10, b: 20)  // 30; a String would not compile
    print("add(a: 10, b: 20) = \(sum)")
    let byName = try await client.call("add", ["a": 1, "b": 2])  // a JSONValue
    print("call(\"add\", [\"a\": 1, \"b\": 2]) = \(byName.text)")
} catch let error as RemoteCallError {
    // The service's status, message and one problem per bad argument; or why there was no answer.
    print("The call failed: \(error)")
}

// snippet.hide
/// Adds two integers.
/// - Parameters:
///   - a: The first addend.
///   - b: The second addend.
@Endpoint func add(a: Int, b: Int) -> Int { a &+ b }
