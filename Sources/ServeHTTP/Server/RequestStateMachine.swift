internal import NIOCore
internal import NIOHTTP1

/// One connection's requests as states and transitions, apart from the channel, so that each can be
/// tested without a socket. ``RequestHandler`` feeds it what arrives and carries out the action each
/// transition returns.
///
///     idle ──head──▶ reading ──end──▶ idle                 (answered at once)
///                      │       └────▶ awaitingResult ──the result, or the call timeout──▶ idle
///                      └──URI too long, body too large──▶ discarding ──64 MiB more──▶ closed
///
/// A malformed request goes to `discarding` too. A client's half-close is remembered in every state:
/// the connection closes once no answer is owed.
struct RequestStateMachine {
    enum State {
        /// Between requests: nothing read, nothing owed.
        case idle
        /// A head arrived; its body is being collected. `bodyLimit` is settled once a body comes near the
        /// smaller of the two limits (the path is compared only then).
        case reading(head: HTTPRequestHead, body: ByteBuffer?, bodyLimit: Int?)
        /// An `async` call is running; `call` tells its answer from a late one after a timeout.
        case awaitingResult(call: Int)
        /// An early answer was sent (413, 414, 400): what the client still sends is dropped, then the
        /// connection closes.
        case discarding(bytes: Int)
        /// Closing: nothing more is read.
        case closed
        /// Held only while a body in `reading` is appended to, so its buffer is not copied.
        case modifying
    }

    /// What the handler does after a head.
    enum HeadAction {
        /// Go on reading.
        case read
        /// Go on reading, after `100 Continue` (the client waits for it before it sends the body).
        case sendContinue
        /// Answer with `error` now, close the output and linger.
        case reject(RequestError)
        /// Nothing: the head is dropped (the connection is discarding).
        case ignore
    }

    /// What the handler does after a part of a body.
    enum BodyAction {
        case read
        /// Answer with `error` now (for the request `head`), close the output and linger.
        case reject(RequestError, head: HTTPRequestHead)
        /// Enough was dropped: close.
        case close
    }

    /// What the handler does at the end of a request.
    enum EndAction {
        /// Route the complete request.
        case route(HTTPRequestHead, body: ByteBuffer?)
        case ignore
    }

    /// What the handler does on a channel error.
    enum ErrorAction {
        /// Answer with `error` (for `head`, when one was read) and close.
        case respond(RequestError, head: HTTPRequestHead?)
        case close
    }

    /// How many bytes an early answer drops before it closes (the time is the handler's: ``RequestHandler/lingerTime``).
    static let lingerBytes = 64 << 20

    let limits: HTTPServer.Limits
    private(set) var state = State.idle
    /// The client half-closed: no request follows, and the connection closes once no answer is owed.
    private(set) var inputClosed = false
    private var calls = 0

    init(limits: HTTPServer.Limits) {
        self.limits = limits
    }

    /// A request's head: read its body, or refuse it early by its target's length or its declared size.
    /// `takesUploads` says whether a target is a function that takes files (its body may be larger).
    mutating func receivedHead(_ head: HTTPRequestHead, takesUploads: (String) -> Bool) -> HeadAction {
        guard case .idle = state else { return .ignore }
        if head.uri.utf8.count > limits.maximumURILength {
            state = .discarding(bytes: 0)
            let message = "The request target is longer than the limit of \(limits.maximumURILength) bytes."
            return .reject(RequestError(status: 414, message: message))
        }
        var bodyLimit: Int?
        if let length = head.headers.first(name: "content-length").flatMap(Int.init),
            exceeds(length, uri: head.uri, bodyLimit: &bodyLimit, takesUploads: takesUploads)
        {
            state = .discarding(bytes: 0)
            return .reject(tooLarge(bodyLimit))
        }
        state = .reading(head: head, body: nil, bodyLimit: bodyLimit)
        let expectsContinue =
            head.version == .http1_1 && head.headers.first(name: "expect")?.lowercased() == "100-continue"
        return expectsContinue ? .sendContinue : .read
    }

    /// A part of a body: kept, refused once the body passes its limit, or dropped while discarding.
    mutating func receivedBody(_ chunk: ByteBuffer, takesUploads: (String) -> Bool) -> BodyAction {
        switch state {
        case .reading(let head, var body, var bodyLimit):
            state = .modifying  // the buffer is then the only reference to its storage: appended in place
            if body == nil {
                body = chunk
            } else {
                var chunk = chunk
                body!.writeBuffer(&chunk)
            }
            if exceeds(body!.readableBytes, uri: head.uri, bodyLimit: &bodyLimit, takesUploads: takesUploads) {
                state = .discarding(bytes: 0)
                return .reject(tooLarge(bodyLimit), head: head)
            }
            state = .reading(head: head, body: body, bodyLimit: bodyLimit)
            return .read
        case .discarding(let bytes):
            let dropped = bytes + chunk.readableBytes
            guard dropped <= Self.lingerBytes else {
                state = .closed
                return .close
            }
            state = .discarding(bytes: dropped)
            return .read
        case .idle, .awaitingResult, .closed, .modifying:
            return .read
        }
    }

    /// The end of a request: the complete request goes to routing, unless it was refused.
    mutating func receivedEnd() -> EndAction {
        guard case .reading(let head, let body, _) = state else { return .ignore }
        state = .idle
        return .route(head, body: body)
    }

    /// An `async` call starts; returns its number for ``finishedCall(_:)``.
    mutating func startedCall() -> Int {
        calls += 1
        state = .awaitingResult(call: calls)
        return calls
    }

    /// Call `call` finished, or its timeout passed: true for whichever comes first (its answer is written
    /// then), false for the other.
    mutating func finishedCall(_ call: Int) -> Bool {
        guard case .awaitingResult(let running) = state, running == call else { return false }
        state = .idle
        return true
    }

    /// The client went away: true when an `async` call was running for it (it is abandoned, and its
    /// answer, should it come, is dropped).
    mutating func abandonedCall() -> Bool {
        guard case .awaitingResult = state else { return false }
        state = .idle
        return true
    }

    /// The client half-closed: true when the connection may close now (no answer is owed), false when an
    /// `async` call's answer is still to be written (the connection closes after it).
    mutating func receivedInputClosed() -> Bool {
        inputClosed = true
        if case .awaitingResult = state { return false }
        return true
    }

    /// A channel error: malformed HTTP is answered (400, or 431 for a head over the size limit) unless an
    /// answer is owed or under way; anything else closes.
    mutating func caught(_ error: any Error) -> ErrorAction {
        guard let parserError = error as? HTTPParserError else { return .close }
        var head: HTTPRequestHead?
        switch state {
        case .awaitingResult, .discarding, .closed:
            return .close
        case .reading(let reading, _, _):
            head = reading
        case .idle, .modifying:
            break
        }
        state = .discarding(bytes: 0)
        let failure =
            parserError == .headerOverflow
            ? RequestError(
                status: 431, message: "The request head is larger than the limit of \(limits.maximumHeaderSize) bytes.")
            : RequestError(status: 400, message: "Malformed HTTP request (\(error)).")
        return .respond(failure, head: head)
    }

    /// Whether a body of `length` bytes is over the request's limit: the upload limit for a function that
    /// takes files, the body limit for any other. The path is compared only for a body over the smaller
    /// of the two, so most requests never pay for it.
    private func exceeds(_ length: Int, uri: String, bodyLimit: inout Int?, takesUploads: (String) -> Bool) -> Bool {
        guard length > min(limits.maximumBodySize, limits.maximumUploadSize) else { return false }
        let limit = bodyLimit ?? (takesUploads(uri) ? limits.maximumUploadSize : limits.maximumBodySize)
        bodyLimit = limit
        return length > limit
    }

    private func tooLarge(_ bodyLimit: Int?) -> RequestError {
        RequestError(
            status: 413, message: "The body is larger than the limit of \(bodyLimit ?? limits.maximumBodySize) bytes.")
    }
}
