internal import NIOCore
package import NIOHTTP1
package import Serve

extension RemoteRequest {
    /// The head every client of this package sends: `Host`, the given fields, `Content-Type:
    /// application/json` for a body that names none, `Content-Length`, and `Connection: close` when asked.
    package func head(uri: String, host: String, closing: Bool) -> HTTPRequestHead {
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: uri)
        head.headers.add(name: "Host", value: host)
        if closing { head.headers.add(name: "Connection", value: "close") }
        for header in headers { head.headers.add(name: header.name, value: header.value) }
        if let body {
            if !head.headers.contains(name: "content-type") {
                head.headers.add(name: "Content-Type", value: "application/json")
            }
            head.headers.add(name: "Content-Length", value: String(body.count))
        }
        return head
    }

    /// The request's parts for NIO's HTTP/1.1 client codec, in order.
    package func parts(uri: String, host: String, closing: Bool) -> [HTTPClientRequestPart] {
        var parts: [HTTPClientRequestPart] = [.head(head(uri: uri, host: host, closing: closing))]
        if let body { parts.append(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
        parts.append(.end(nil))
        return parts
    }
}

/// Gathers the parts NIO's HTTP/1.1 client codec decodes into one ``RemoteResponse``.
package struct ResponseAccumulator {
    private var status = 0
    private var headers: [(name: String, value: String)] = []
    private var body: [UInt8] = []

    package init() {}

    /// Takes one part; returns the whole response once its end arrives.
    package mutating func add(_ part: HTTPClientResponsePart) -> RemoteResponse? {
        switch part {
        case .head(let head):
            status = Int(head.status.code)
            headers = head.headers.map { ($0.name, $0.value) }
        case .body(let buffer):
            body += buffer.readableBytesView
        case .end:
            return RemoteResponse(status: status, headers: headers, body: body)
        }
        return nil
    }
}
