import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Logging
import Serve
import Synchronization
import Testing

@testable import ServeFixtures
@testable import ServeGRPC
@testable import ServeHTTP

/// The gRPC server on a real socket beside a real HTTP server, called with grpc-swift's client.
@Suite struct GRPCInferenceServerTests {
    private typealias Service = Inference_GRPCInferenceService.Client<HTTP2ClientTransport.Posix>

    /// Starts an HTTP server of the fixtures and the gRPC server beside it.
    private func startServers(callTimeout: Duration = .seconds(30)) async throws -> (HTTPServer, GRPCInferenceServer) {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let configuration = HTTPServer.Configuration(
            address: BindAddress(host: "127.0.0.1", port: 0), timeouts: .init(call: callTimeout, grace: .seconds(5)),
            threads: 1, logger: logger)
        let http = try await HTTPServer.start(functions: try await fixtureCatalog.bind(), configuration: configuration)
        return (http, try await GRPCInferenceServer.start(at: BindAddress(host: "127.0.0.1", port: 0), beside: http))
    }

    /// Runs `body` with a client of `grpc`.
    private func withClient(of grpc: GRPCInferenceServer, _ body: (Service) async throws -> Void) async throws {
        let transport = try HTTP2ClientTransport.Posix(
            target: .ipv4(address: "127.0.0.1", port: grpc.address.port), transportSecurity: .plaintext)
        try await withGRPCClient(transport: transport) { client in try await body(Service(wrapping: client)) }
    }

    /// Runs `body` with both servers and a client; drains them after.
    private func withServers(_ body: (HTTPServer, Service) async throws -> Void) async throws {
        let (http, grpc) = try await startServers()
        try await withClient(of: grpc) { service in try await body(http, service) }
        await grpc.drain()
        await http.drain()
    }

    private func nap(_ milliseconds: Int64) -> Inference_ModelInferRequest {
        var request = Inference_ModelInferRequest()
        request.modelName = "nap"
        var input = Inference_ModelInferRequest.InferInputTensor()
        input.name = "milliseconds"
        input.datatype = "INT64"
        input.shape = [1]
        input.contents.int64Contents = [milliseconds]
        request.inputs = [input]
        return request
    }

    @Test("an async function answers over gRPC, its result in raw_output_contents")
    func anAsyncFunctionAnswers() async throws {
        try await withServers { _, service in
            let response = try await service.modelInfer(nap(1))
            #expect(response.modelName == "nap")
            #expect(response.outputs.map(\.name) == ["output"])
            #expect(response.rawOutputContents == [Data([1, 0, 0, 0, 0, 0, 0, 0])])
        }
    }

    @Test("a call whose deadline passes is cancelled and leaves the in-flight count at once", .timeLimit(.minutes(2)))
    func aDeadlineCancelsTheCall() async throws {
        try await withServers { http, service in
            let cancelledBefore = naps.cancelled.load(ordering: .relaxed)
            let started = ContinuousClock.now
            var options = CallOptions.defaults
            options.timeout = .milliseconds(200)
            await #expect {
                try await service.modelInfer(nap(60_000), options: options)
            } throws: { error in
                (error as? RPCError)?.code == .deadlineExceeded
            }
            while naps.cancelled.load(ordering: .relaxed) == cancelledBefore || http.pipeline.state.inFlight != 0 {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(ContinuousClock.now - started < .seconds(30), "the nap of 60 s was cancelled, not waited for")
        }
    }

    @Test("the call timeout applies to gRPC calls: DEADLINE_EXCEEDED from the server")
    func theCallTimeoutApplies() async throws {
        let (http, grpc) = try await startServers(callTimeout: .milliseconds(100))
        try await withClient(of: grpc) { service in
            await #expect {
                try await service.modelInfer(nap(60_000))
            } throws: { error in
                let error = error as? RPCError
                return error?.code == .deadlineExceeded && error?.message.contains("within 0.1 s") == true
            }
        }
        await grpc.drain()
        await http.drain()
    }

    @Test("readiness turns false with the HTTP server's drain; a drain stops the gRPC server", .timeLimit(.minutes(2)))
    func drainingStops() async throws {
        let (http, grpc) = try await startServers()
        try await withClient(of: grpc) { service in
            let before = try await service.serverReady(Inference_ServerReadyRequest())
            await http.drain()
            let after = try await service.serverReady(Inference_ServerReadyRequest())
            #expect(before.ready && !after.ready)
        }
        await grpc.drain()
        await #expect(throws: (any Error).self) {
            try await withClient(of: grpc) { service in
                var options = CallOptions.defaults
                options.timeout = .seconds(2)
                _ = try await service.serverLive(Inference_ServerLiveRequest(), options: options)
            }
        }
    }
}
