import AddFunctions
import Foundation
import Serve
import ServeClient

// Calls a running add-service: first with the functions' own declarations (the compiler checks the
// argument and result types: `add(on: client, a: "10", b: 20)` does not compile), then by name.
let url = URL(string: CommandLine.arguments.dropFirst().first ?? "http://127.0.0.1:5001")!
let client = ServeClient(url: url, token: ProcessInfo.processInfo.environment["SERVE_TOKEN"])

do {
    let sum: Int = try await add(on: client, a: 10, b: 20)
    print("add(a: 10, b: 20) = \(sum)")
    let quotient: Double = try await divide(on: client, dividend: 7, divisor: 2, rounding: .up)
    print("divide(dividend: 7, divisor: 2, rounding: .up) = \(quotient)")
    let byName = try await client.call("add", ["a": 1, "b": 2])
    print("call(\"add\", [\"a\": 1, \"b\": 2]) = \(byName.text)")
    _ = try await divide(on: client, dividend: 7, divisor: 0)
} catch let error as RemoteCallError {
    // The service's status, message and one problem per bad argument.
    print("divide(dividend: 7, divisor: 0) failed: \(error)")
}
