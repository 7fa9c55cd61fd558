import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

@Suite struct DocumentsTests {
    let functions = [
        BoundFunction($add, group: nil, state: ()), BoundFunction($describe, group: nil, state: ()),
        BoundFunction($move, group: nil, state: ()),
    ]

    @Test func openAPIHasBothOperationsForScalarFunctionsAndOnlyPostOtherwise() throws {
        let document = OpenAPIDocument.document(for: functions, info: ServiceInfo(), maximumBatchSize: 1_000)
        #expect(document["openapi"]?.text == #""3.1.0""#)
        let add = try #require(document["paths"]?["/add"])
        #expect(add["get"]?["operationId"]?.text == #""add_get""#)
        #expect(
            add["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]?["required"]?.text == #"["a","b"]"#)
        #expect(add["post"]?["responses"]?["422"] != nil)
        let move = try #require(document["paths"]?["/move"])
        #expect(move["get"] == nil)
        #expect(move["post"] != nil)
        let batch = try #require(document["paths"]?["/add/batch"]?["post"])
        #expect(
            batch["requestBody"]?["content"]?["application/json"]?["schema"]?["properties"]?["instances"]?["maxItems"]?
                .text == "1000")
        #expect(batch["responses"]?["413"] != nil)
    }

    @Test func docsPageNeedsNothingFromOtherOriginsAndEmbedsTheManifest() {
        let manifest = ServiceManifest(functions: functions, info: ServiceInfo(), maximumBatchSize: 1_000).jsonValue
        let page = DocsPage.html(manifest: manifest, info: ServiceInfo(title: "Math <API>"), requiresToken: false)
        #expect(page.contains("Math &lt;API&gt;"))
        #expect(page.contains("Adds two integers."))
        #expect(!page.contains("http://") && !page.contains("https://"))
        // Its only script and style sheet come from this origin, as the CSP requires; no inline script runs.
        #expect(page.contains(#"<script src="/docs/docs.js"></script>"#))
        #expect(page.contains(#"<link rel="stylesheet" href="/docs/docs.css">"#))
        #expect(!page.contains("<style>") && !page.contains("<script>"))
        #expect(!page.contains(#"id="token""#))
        #expect(DocsPage.html(manifest: manifest, info: ServiceInfo(), requiresToken: true).contains(#"id="token""#))
    }

    @Test func openAPIDeclaresBearerAuthWithOpenProbesWhenATokenIsRequired() throws {
        let open = OpenAPIDocument.document(for: functions, info: ServiceInfo(), maximumBatchSize: 1_000)
        #expect(open["security"] == nil)
        #expect(open["paths"]?["/add"]?["post"]?["responses"]?["401"] == nil)
        #expect(open["paths"]?["/readyz"]?["get"]?["responses"]?["503"] != nil)
        let guarded = OpenAPIDocument.document(
            for: functions, info: ServiceInfo(), maximumBatchSize: 1_000, requiresToken: true)
        #expect(guarded["security"]?.text == #"[{"bearerAuth":[]}]"#)
        #expect(guarded["components"]?["securitySchemes"]?["bearerAuth"]?["scheme"]?.text == #""bearer""#)
        #expect(guarded["paths"]?["/add"]?["post"]?["responses"]?["401"] != nil)
        #expect(guarded["paths"]?["/add"]?["post"]?["responses"]?["403"] != nil)
        #expect(guarded["paths"]?["/healthz"]?["get"]?["security"]?.text == "[]")
    }
}
