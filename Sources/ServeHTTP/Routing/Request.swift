internal import NIOCore
internal import NIOHTTP1

/// A complete request as responders read it: its method, its path (without the query, and without a
/// trailing slash), its query, its header fields and its body. The one place that knows how the HTTP
/// library delivered the request.
struct Request {
    let head: HTTPRequestHead
    /// `/iris/predict` for `/iris/predict/?x=1`.
    let path: String
    /// The bytes after the `?`, empty when there are none.
    let query: Substring.UTF8View
    /// Nil when the request had no body.
    let body: ByteBuffer?

    init(head: HTTPRequestHead, body: ByteBuffer?) {
        self.head = head
        self.body = body
        let uri = head.uri
        let queryStart = uri.utf8.firstIndex(of: UInt8(ascii: "?"))
        var path = queryStart.map { String(uri[..<$0]) } ?? uri
        if path.utf8.count > 1, path.hasSuffix("/") { path.removeLast() }
        self.path = path
        query = queryStart.map { uri.utf8[uri.utf8.index(after: $0)...] } ?? uri.utf8[uri.utf8.endIndex...]
    }

    var method: HTTPMethod { head.method }

    /// The first value of the header field `name` (case-insensitive), if any.
    func header(_ name: String) -> String? {
        head.headers.first(name: name)
    }

    /// Whether an `Accept` field names `mediaType` (a browser asks for `text/html`).
    func accepts(_ mediaType: String) -> Bool {
        head.headers[canonicalForm: "accept"].contains { $0.contains(mediaType) }
    }

    /// The `Content-Type`, or "" when there is none.
    var contentType: String { header("content-type") ?? "" }
}
