import GRPCCore
import Testing

@testable import ServeGRPC
@testable import ServeHTTP

@Suite("Running a gRPC call's work")
struct OutcomeRunnerTests {
    /// The HTTP status a 60 s nap ends with when its RPC is cancelled 50 ms after it starts, its client
    /// having given `clientTimeout`.
    private func statusWhenCancelled(clientTimeout: Duration?) async -> Int? {
        let state = ServerState(maximumInFlight: 1)
        #expect(state.enter())
        let outcome = CallOutcome<Int>.run(function: "nap", slot: CallSlot(state: state), onEventLoop: false) {
            try await Task.sleep(for: .seconds(60))
            return 0
        }
        let status = await withServerContextRPCCancellationHandle { handle in
            let canceller = Task {
                try await Task.sleep(for: .milliseconds(50))
                handle.cancel()
            }
            defer { canceller.cancel() }
            do {
                _ = try await OutcomeRunner.answer(of: outcome, timeout: .seconds(60), clientTimeout: clientTimeout)
                return nil as Int?
            } catch {
                return (error as? RequestError)?.status
            }
        }
        #expect(state.inFlight == 0, "the call's place is given back")
        return status
    }

    @Test("an RPC cancelled whose client gave a deadline is DEADLINE_EXCEEDED (504)", .timeLimit(.minutes(1)))
    func theClientsDeadline() async {
        #expect(await statusWhenCancelled(clientTimeout: .milliseconds(50)) == 504)
    }

    @Test("an RPC cancelled whose client gave no deadline is CANCELLED (499)", .timeLimit(.minutes(1)))
    func aClientThatWent() async {
        #expect(await statusWhenCancelled(clientTimeout: nil) == 499)
    }

    @Test("the call timeout cancels the work: DEADLINE_EXCEEDED (504) naming the function", .timeLimit(.minutes(1)))
    func theCallTimeout() async {
        let state = ServerState(maximumInFlight: 1)
        #expect(state.enter())
        let outcome = CallOutcome<Int>.run(function: "nap", slot: CallSlot(state: state), onEventLoop: false) {
            try await Task.sleep(for: .seconds(60))
            return 0
        }
        await #expect {
            try await withServerContextRPCCancellationHandle { _ in
                try await OutcomeRunner.answer(of: outcome, timeout: .milliseconds(20), clientTimeout: nil)
            }
        } throws: { error in
            (error as? RequestError).map { $0.status == 504 && $0.message.hasPrefix("nap did not finish") } == true
        }
    }
}
