// What one request costs through the real pipeline (connection timeouts, NIO's HTTP codec, the request
// handler, routing, binding, the call, the response, metrics and the access-log line at `info`), on an
// embedded channel: no socket, no scheduler, so the counts repeat exactly.
//
//   RequestCost [--requests N] [--allocations] [--log-level warning]
//
// sends N requests (default 10,000) to each of add, iris.predict, sentiment.predict and a batch of 1,000
// iris instances (only the one named
// by REQUEST_COST_ONLY when it is set); with --allocations, and libMallocInterposerSwift.so preloaded,
// prints the allocations per request. bench/request-cost runs it so; without --allocations it is a
// workload for a profiler.
import Handlers
import Logging
import MallocInterposerSwift
import NIOCore
import NIOEmbedded
import Serve
import ServeCommandLine
import ServeHTTP

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

let arguments = CommandLine.arguments
let requests = arguments.firstIndex(of: "--requests").flatMap { Int(arguments[$0 + 1]) } ?? 10_000
let countsAllocations = arguments.contains("--allocations")
let only = SystemCalls.environment("REQUEST_COST_ONLY")

/// A keep-alive POST of `json` to `path`, as wrk sends it.
func request(_ path: String, _ json: String) -> ByteBuffer {
    ByteBuffer(
        string: "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(json.utf8.count)\r\n\r\n\(json)")
}

let allCalls: [(name: String, request: ByteBuffer)] = [
    ("add", request("/add", #"{"a": 10, "b": 20}"#)),
    (
        "iris.predict",
        request("/iris/predict", #"{"sepalLength": 5.9, "sepalWidth": 3.0, "petalLength": 5.1, "petalWidth": 1.8}"#)
    ),
    (
        "sentiment.predict",
        request(
            "/sentiment/predict",
            #"{"text": "The acting was wonderful and the story kept me hooked, but the ending felt rushed. Worth a watch!!!!"}"#
        )
    ),
]

/// A batch of 1,000 iris instances, the rows of `data/iris.csv` in turn, as `bench/run` sends it.
func irisBatch() throws -> String {
    let rows = try String(contentsOfFile: "data/iris.csv", encoding: .utf8).split(separator: "\n").dropFirst()
    let instances = (0..<1_000).map { index in
        let values = rows[rows.startIndex + index % rows.count].split(separator: ",").prefix(4)
        let fields = zip(["sepalLength", "sepalWidth", "petalLength", "petalWidth"], values).map {
            #""\#($0)": \#($1)"#
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }
    return #"{"instances": ["# + instances.joined(separator: ", ") + "]}"
}

let calls = (allCalls + [("iris.predict batch of 1000", request("/iris/predict/batch", try irisBatch()))]).filter {
    only == nil || $0.name == only
}

// As `serve` runs by default: one access-log line per request at `info`, buffered.
// `--log-level warning` measures without it.
let level: Logger.Level = arguments.contains("warning") ? .warning : .info
let accessLog = ServeCommand.bootstrapLogging(level: level, format: .text)
let functions = try await FunctionCatalog(functions: Bundled.functions, groups: Bundled.groups).bind()
let pipeline = try ServerPipeline(
    functions: functions, info: ServiceInfo(),
    configuration: HTTPServer.Configuration(
        address: BindAddress(host: "127.0.0.1", port: 0), logger: Logger(label: "serve"), accessLog: accessLog))
if countsAllocations { MallocInterposerSwift.initialize() }

for call in calls {
    let channel = EmbeddedChannel()
    defer { _ = try? channel.finish() }
    try pipeline.addHandlers(to: channel)
    // Connected without `await`: an embedded loop must stay on the thread that made it.
    channel.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 1), promise: nil)
    func send() throws {
        try channel.writeInbound(call.request)
        var answered = false
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
            answered = answered || buffer.readableBytesView.starts(with: "HTTP/1.1 200 OK".utf8)
        }
        precondition(answered, "\(call.name) did not answer 200")
    }
    for _ in 0..<100 { try send() }  // warm-up: caches, metric series, buffers at their size
    guard countsAllocations else {
        for _ in 0..<requests { try send() }
        continue
    }
    MallocInterposerSwift.hook()
    let before = MallocInterposerSwift.getStatistics().mallocCount
    for _ in 0..<requests { try send() }
    let after = MallocInterposerSwift.getStatistics().mallocCount
    MallocInterposerSwift.unhook()
    let perRequest = Double(after - before) / Double(requests)
    print("\(call.name) allocations per request: \((perRequest * 100).rounded() / 100)")
}
