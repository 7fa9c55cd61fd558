import Testing

@testable import Serve
@testable import ServeFixtures

@Suite struct ServiceManifestTests {
    let functions = [
        BoundFunction($add, group: nil, state: ()), BoundFunction($describe, group: nil, state: ()),
        BoundFunction($move, group: nil, state: ()),
    ]

    @Test func manifestListsParametersInDeclarationOrderWithDocs() throws {
        let manifest = ServiceManifest(
            functions: functions, info: ServiceInfo(title: "T", version: "1"), maximumBatchSize: 1_000
        ).jsonValue
        let add = try #require(manifest["functions"]?["add"])
        #expect(add["doc"]?.text == #""Adds two integers.""#)
        #expect(add["path"]?.text == #""/add""#)
        guard case .array(let parameters) = try #require(manifest["functions"]?["describe"]?["parameters"]) else {
            Issue.record("parameters is not an array")
            return
        }
        #expect(parameters.map { $0["name"]?.text } == [#""count""#, #""color""#, #""tags""#, #""note""#, #""scale""#])
        #expect(parameters.map { $0["required"]?.text } == ["true", "false", "false", "false", "false"])
        #expect(parameters[1]["default"]?.text == #""green""#)
        #expect(parameters[4]["default"]?.text == "1.5")
        #expect(parameters[0]["description"]?.text == #""How many to take.""#)
        #expect(add["returns"]?["description"]?.text == #""The sum.""#)
    }

    @Test func whatTheServiceWritesTheClientReadsBack() throws {
        let written = ServiceManifest(
            functions: functions + [BoundFunction($echo, group: "tools", state: ())],
            info: ServiceInfo(title: "T", version: "2"), maximumBatchSize: 7)
        let read = try ServiceManifest(parsing: Array(written.jsonValue.text.utf8))
        #expect(read.jsonValue.text == written.jsonValue.text)
        #expect((read.app, read.version) == ("T", "2"))
        let echo = try #require(read.function(named: "tools.echo"))
        #expect(echo.path == "/tools/echo")
        #expect(echo.batch.path == "/tools/echo/batch" && echo.batch.maximumInstances == 7)
        #expect(echo.signature == "tools.echo(text: string) -> string")
        #expect(read.function(named: "move")?.methods == ["POST"])
    }

    @Test func aDocumentThatIsNotAManifestIsRefused() {
        for text in ["[]", #"{"functions": []}"#, #"{"functions": {"add": {"doc": "no path"}}}"#, "not json"] {
            #expect(throws: ServiceManifest.NotAManifest.self) { try ServiceManifest(parsing: Array(text.utf8)) }
        }
    }
}
