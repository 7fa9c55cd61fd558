internal import NIOCore
internal import NIOHTTP1
internal import Serve

/// Answers `GET` for the service's documents, made once at start-up: the manifest at `/` (the docs page
/// for a browser that asks for HTML), `/openapi.json`, `/docs` and the page's script and style sheet.
struct DocumentResponder: Responder {
    /// The documents by path.
    let documents: [String: Response]
    private let docsPage: Response

    init(functions: [BoundFunction], info: ServiceInfo, maximumBatchSize: Int, requiresToken: Bool) {
        let manifest = ServiceManifest(functions: functions, info: info, maximumBatchSize: maximumBatchSize).jsonValue
        let openAPI = OpenAPIDocument.document(
            for: functions, info: info, maximumBatchSize: maximumBatchSize, requiresToken: requiresToken)
        func document(_ contentType: String, _ text: String) -> Response {
            Response(status: .ok, contentType: contentType, body: ByteBuffer(string: text))
        }
        var page = document(
            "text/html; charset=utf-8", DocsPage.html(manifest: manifest, info: info, requiresToken: requiresToken))
        page.headers = [("content-security-policy", DocsPage.contentSecurityPolicy)]
        docsPage = page
        documents = [
            "/": document("application/json", manifest.text),
            "/openapi.json": document("application/json", openAPI.text),
            "/docs": page,
            DocsPage.scriptPath: document("text/javascript; charset=utf-8", DocsPageAssets.script),
            DocsPage.styleSheetPath: document("text/css; charset=utf-8", DocsPageAssets.css),
        ]
    }

    func respond(to request: Request) -> Outcome? {
        guard let document = documents[request.path] else { return nil }
        guard request.method == .GET else {
            return .plain(.methodNotAllowed(request.method, path: request.path, allow: "GET"))
        }
        if request.path == "/", request.accepts("text/html") {
            return .plain(docsPage)
        }
        return .plain(document)
    }
}
