import GRPCCore
import ServeHTTP
import Testing

@testable import ServeGRPC

@Suite("Refusals as gRPC statuses")
struct GRPCStatusTests {
    @Test("each HTTP refusal has the gRPC code of the same meaning")
    func statusesMapToCodes() {
        let expected: [(Int, RPCError.Code)] = [
            (400, .invalidArgument), (422, .invalidArgument), (401, .unauthenticated), (403, .permissionDenied),
            (404, .notFound), (413, .resourceExhausted), (499, .cancelled), (503, .unavailable),
            (504, .deadlineExceeded), (500, .internalError),
        ]
        for (status, code) in expected {
            #expect(GRPCStatus.code(for: status) == code, "HTTP \(status)")
        }
    }

    @Test("a refusal keeps its message and carries the response's metadata")
    func refusalsKeepTheirMessage() {
        let refusal = RequestError(status: 404, message: "No model 'x'.")
        let error = GRPCStatus.error(refusal, metadata: ["x-request-id": "r1"])
        #expect(error.code == .notFound && error.message == "No model 'x'.")
        #expect(Array(error.metadata[stringValues: "x-request-id"]) == ["r1"])
    }
}
