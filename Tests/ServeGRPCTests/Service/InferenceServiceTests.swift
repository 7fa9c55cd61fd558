import GRPCCore
import Testing

@testable import ServeGRPC

@Suite("The gRPC service's reading of call metadata")
struct InferenceServiceTests {
    @Test(
        "grpc-timeout is read in each of its units",
        arguments: [
            ("1H", Duration.seconds(3600)), ("2M", .seconds(120)), ("3S", .seconds(3)), ("50m", .milliseconds(50)),
            ("7u", .microseconds(7)), ("99999999n", .nanoseconds(99_999_999)),
        ])
    func readsTimeouts(text: String, duration: Duration) {
        #expect(InferenceService.clientTimeout(["grpc-timeout": .string(text)]) == duration)
    }

    @Test("a missing or malformed grpc-timeout is no deadline", arguments: ["", "5", "m", "5x", "123456789S", "-5S"])
    func refusesMalformedTimeouts(text: String) {
        #expect(InferenceService.clientTimeout(["grpc-timeout": .string(text)]) == nil)
        #expect(InferenceService.clientTimeout([:]) == nil)
    }
}
