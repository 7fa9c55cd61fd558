import NIOCore
import NIOHTTP1
import Testing

@testable import ServeHTTP

/// The states of a connection's requests and their transitions, without a channel.
@Suite struct RequestStateMachineTests {
    let limits = HTTPServer.Limits(maximumBodySize: 100, maximumUploadSize: 1_000, maximumURILength: 64)

    func head(_ uri: String, _ fields: HTTPHeaders = [:]) -> HTTPRequestHead {
        HTTPRequestHead(version: .http1_1, method: .POST, uri: uri, headers: fields)
    }

    func body(_ count: Int) -> ByteBuffer { ByteBuffer(repeating: UInt8(ascii: "x"), count: count) }

    /// "/upload" takes files; nothing else does.
    let takesUploads: (String) -> Bool = { $0 == "/upload" }

    @Test func aRequestIsReadThenRoutedAndTheMachineIsIdleAgain() throws {
        var machine = RequestStateMachine(limits: limits)
        guard case .read = machine.receivedHead(head("/add"), takesUploads: takesUploads) else {
            Issue.record("a head is read")
            return
        }
        guard case .read = machine.receivedBody(body(30), takesUploads: takesUploads),
            case .read = machine.receivedBody(body(30), takesUploads: takesUploads),
            case .route(let routed, let collected) = machine.receivedEnd()
        else {
            Issue.record("the body is collected and routed")
            return
        }
        #expect(routed.uri == "/add")
        #expect(collected?.readableBytes == 60)
        guard case .idle = machine.state else { Issue.record("idle after routing"); return }
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() {
        var machine = RequestStateMachine(limits: limits)
        let action = machine.receivedHead(head("/add", ["expect": "100-continue"]), takesUploads: takesUploads)
        guard case .sendContinue = action else { Issue.record("100 Continue, got \(action)"); return }
    }

    @Test func aLongTargetIsRefusedWith414AndTheRestIsDropped() {
        var machine = RequestStateMachine(limits: limits)
        let action = machine.receivedHead(head("/" + String(repeating: "a", count: 64)), takesUploads: takesUploads)
        guard case .reject(let error) = action else { Issue.record("414, got \(action)"); return }
        #expect(error.status == 414)
        guard case .read = machine.receivedBody(body(10), takesUploads: takesUploads),
            case .ignore = machine.receivedEnd(),
            case .ignore = machine.receivedHead(head("/add"), takesUploads: takesUploads)
        else {
            Issue.record("a discarding connection drops what follows")
            return
        }
    }

    @Test func theBodyLimitIsTheUploadLimitForFunctionsThatTakeFiles() {
        var machine = RequestStateMachine(limits: limits)
        _ = machine.receivedHead(head("/upload"), takesUploads: takesUploads)
        guard case .read = machine.receivedBody(body(900), takesUploads: takesUploads) else {
            Issue.record("900 bytes fit the upload limit")
            return
        }
        guard case .reject(let error, let refused) = machine.receivedBody(body(200), takesUploads: takesUploads)
        else {
            Issue.record("1,100 bytes do not")
            return
        }
        #expect(error.status == 413 && error.message.contains("1000 bytes"))
        #expect(refused.uri == "/upload")

        var declared = RequestStateMachine(limits: limits)
        let action = declared.receivedHead(head("/add", ["content-length": "101"]), takesUploads: takesUploads)
        guard case .reject(let early) = action else { Issue.record("a declared length over the limit"); return }
        #expect(early.status == 413 && early.message.contains("100 bytes"))
    }

    @Test func aDiscardingConnectionClosesAfterTheLingerBytes() {
        var machine = RequestStateMachine(limits: limits)
        _ = machine.receivedHead(head("/add", ["content-length": "999999999"]), takesUploads: takesUploads)
        let chunk = body(1 << 20)
        for _ in 0..<64 {
            guard case .read = machine.receivedBody(chunk, takesUploads: takesUploads) else {
                Issue.record("64 MiB are dropped")
                return
            }
        }
        guard case .close = machine.receivedBody(chunk, takesUploads: takesUploads) else {
            Issue.record("then the connection closes")
            return
        }
    }

    @Test func theFirstOfAResultAndItsTimeoutWins() {
        var machine = RequestStateMachine(limits: limits)
        _ = machine.receivedHead(head("/nap"), takesUploads: takesUploads)
        _ = machine.receivedEnd()
        let first = machine.startedCall()
        let timedOut = machine.finishedCall(first)  // the timeout, say
        let late = machine.finishedCall(first)  // then the late result: dropped
        let second = machine.startedCall()
        let stale = machine.finishedCall(first)
        let answered = machine.finishedCall(second)
        #expect(timedOut && !late && !stale && answered)
        let third = machine.startedCall()
        let abandoned = machine.abandonedCall()  // its client went away
        let nothingLeft = machine.abandonedCall()
        let lateResult = machine.finishedCall(third)
        #expect(abandoned && !nothingLeft && !lateResult)
    }

    @Test func aHalfCloseWaitsForTheAnswerOwed() {
        var machine = RequestStateMachine(limits: limits)
        _ = machine.receivedHead(head("/nap"), takesUploads: takesUploads)
        _ = machine.receivedEnd()
        let call = machine.startedCall()
        let closesNow = machine.receivedInputClosed()
        #expect(!closesNow)  // an answer is owed: close after it
        #expect(machine.inputClosed)
        let answered = machine.finishedCall(call)
        #expect(answered)

        var idle = RequestStateMachine(limits: limits)
        let idleClosesNow = idle.receivedInputClosed()
        #expect(idleClosesNow)  // nothing owed: close now
    }

    @Test func malformedHTTPIsAnsweredUnlessAnAnswerIsOwed() {
        var machine = RequestStateMachine(limits: limits)
        guard case .respond(let error, nil) = machine.caught(HTTPParserError.invalidMethod) else {
            Issue.record("400 for malformed HTTP")
            return
        }
        #expect(error.status == 400)
        guard case .close = machine.caught(HTTPParserError.invalidMethod) else {
            Issue.record("answered once: then it closes")
            return
        }

        var reading = RequestStateMachine(limits: limits)
        _ = reading.receivedHead(head("/add"), takesUploads: takesUploads)
        guard case .respond(let overflow, let request?) = reading.caught(HTTPParserError.headerOverflow) else {
            Issue.record("431 for a head over the limit, for the request read")
            return
        }
        #expect(overflow.status == 431 && request.uri == "/add")

        var awaiting = RequestStateMachine(limits: limits)
        _ = awaiting.startedCall()
        guard case .close = awaiting.caught(HTTPParserError.invalidMethod) else {
            Issue.record("an answer is under way: close")
            return
        }
        struct Other: Error {}
        guard case .close = RequestStateMachine(limits: limits).withCaught(Other()) else {
            Issue.record("any other error closes")
            return
        }
    }
}

extension RequestStateMachine {
    /// `caught(error)` on a copy, for an expression.
    fileprivate func withCaught(_ error: any Error) -> ErrorAction {
        var machine = self
        return machine.caught(error)
    }
}
