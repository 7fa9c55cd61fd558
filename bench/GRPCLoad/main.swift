// A closed-loop load of ModelInfer calls over gRPC, for bench/grpc: CONNECTIONS clients, each with an HTTP/2
// connection of its own and one call at a time (as wrk's connections are), for SECONDS. Prints one JSON
// line: requests per second, p50 and p99 in milliseconds, errors.
//
//   GRPCLoad HOST:PORT MODEL SHAPE CONNECTIONS SECONDS      (SHAPE: the FP32 input X's, e.g. 1,4)
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import ServeGRPC

let arguments = CommandLine.arguments
guard arguments.count == 6, let port = arguments[1].split(separator: ":").last.flatMap({ Int($0) }),
    let connections = Int(arguments[4]), let seconds = Double(arguments[5])
else {
    FileHandle.standardError.write(Data("usage: GRPCLoad HOST:PORT MODEL SHAPE CONNECTIONS SECONDS\n".utf8))
    exit(2)
}
let host = String(arguments[1].split(separator: ":").first ?? "127.0.0.1")
let shape = arguments[3].split(separator: ",").compactMap { Int64($0) }

var request = Inference_ModelInferRequest()
request.modelName = arguments[2]
var input = Inference_ModelInferRequest.InferInputTensor()
input.name = "X"
input.datatype = "FP32"
input.shape = shape
request.inputs = [input]
let count = Int(shape.reduce(1, *))
request.rawInputContents = [
    (0..<count).reduce(into: Data()) { data, index in
        withUnsafeBytes(of: Float(index % 7).bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }
]
let message = request

/// One connection's calls until `end`: their latencies in seconds, and the calls that failed.
func run(until end: ContinuousClock.Instant) async throws -> (latencies: [Double], errors: Int) {
    let transport = try HTTP2ClientTransport.Posix(
        target: .ipv4(address: host, port: port), transportSecurity: .plaintext)
    return try await withGRPCClient(transport: transport) { client in
        let service = Inference_GRPCInferenceService.Client(wrapping: client)
        var latencies: [Double] = []
        var errors = 0
        while ContinuousClock.now < end {
            let started = ContinuousClock.now
            do {
                _ = try await service.modelInfer(message)
                let elapsed = ContinuousClock.now - started
                latencies.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
            } catch {
                errors += 1
            }
        }
        return (latencies, errors)
    }
}

let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
let results = try await withThrowingTaskGroup(of: (latencies: [Double], errors: Int).self) { group in
    for _ in 0..<connections { group.addTask { try await run(until: end) } }
    var all: [(latencies: [Double], errors: Int)] = []
    for try await result in group { all.append(result) }
    return all
}
let latencies = results.flatMap(\.latencies).sorted()
func percentile(_ fraction: Double) -> Double {
    latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))] * 1000
}
print(
    #"{"requests_per_second": \#(Double(latencies.count) / seconds), "p50_ms": \#(percentile(0.5)), "#
        + #""p99_ms": \#(percentile(0.99)), "errors": \#(results.reduce(0) { $0 + $1.errors })}"#)
