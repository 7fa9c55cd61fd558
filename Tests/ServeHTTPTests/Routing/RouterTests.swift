import NIOCore
import NIOHTTP1
import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

/// The responder chain without a socket: which responder answers, in which order.
@Suite struct RouterTests {
    let functions = [BoundFunction($add, group: nil, state: ()), BoundFunction($inspect, group: nil, state: ())]

    func router(token: String? = nil, publicDocs: Bool = false, origins: [String] = []) throws -> Router {
        try Router(
            functions: functions, info: ServiceInfo(), maximumBatchSize: 10, token: token.flatMap(AccessToken.init),
            publicDocs: publicDocs, crossOrigin: CrossOriginPolicy(allowing: origins),
            state: ServerState(maximumInFlight: 4), metrics: ServiceMetrics(groupSetupTimes: []))
    }

    /// The status and the function `method path` leads to.
    func status(_ router: Router, _ method: HTTPMethod, _ uri: String, headers: HTTPHeaders = [:], body: String? = nil)
        -> (status: UInt, function: String?)
    {
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: headers)
        switch router.route(head, body: body.map { ByteBuffer(string: $0) }) {
        case .respond(let response, let function): return (response.status.code, function)
        case .run(let function, _, _, _): return (0, function)
        }
    }

    @Test func functionsBatchesDocumentsMetricsAndProbesEachAnswerTheirPaths() throws {
        let router = try router()
        #expect(status(router, .GET, "/add?a=1&b=2") == (200, "add"))
        #expect(status(router, .GET, "/add/?a=1&b=2") == (200, "add"))
        #expect(status(router, .POST, "/add/batch", body: #"{"instances": [[1, 2]]}"#) == (200, "add/batch"))
        #expect(status(router, .GET, "/add/batch") == (405, "add/batch"))
        #expect(status(router, .DELETE, "/add") == (405, "add"))
        #expect(status(router, .GET, "/openapi.json") == (200, nil))
        #expect(status(router, .POST, "/docs") == (405, nil))
        #expect(status(router, .GET, "/metrics") == (200, nil))
        #expect(status(router, .GET, "/readyz") == (200, nil))
        #expect(status(router, .GET, "/nowhere") == (404, nil))
    }

    @Test func probesAndPreflightsComeBeforeTheToken() throws {
        let router = try router(token: "t0ken", origins: ["https://app.example"])
        #expect(status(router, .GET, "/healthz") == (200, nil))
        let preflight: HTTPHeaders = ["origin": "https://app.example", "access-control-request-method": "POST"]
        #expect(status(router, .OPTIONS, "/add", headers: preflight) == (204, nil))
        #expect(status(router, .GET, "/add?a=1&b=2") == (401, nil))
        #expect(status(router, .GET, "/add?a=1&b=2", headers: ["authorization": "Bearer wrong"]) == (403, nil))
        #expect(status(router, .GET, "/add?a=1&b=2", headers: ["authorization": "Bearer t0ken"]) == (200, "add"))
        #expect(status(router, .GET, "/openapi.json") == (401, nil))
        #expect(status(router, .GET, "/nowhere") == (401, nil))  // the token first: no map of the service
    }

    @Test func publicDocsOpenTheDocumentsAlone() throws {
        let router = try router(token: "t0ken", publicDocs: true)
        #expect(status(router, .GET, "/openapi.json") == (200, nil))
        #expect(status(router, .GET, "/docs") == (200, nil))
        #expect(status(router, .GET, "/metrics") == (401, nil))
        #expect(status(router, .GET, "/add?a=1&b=2") == (401, nil))
    }

    @Test func theUploadLimitAppliesToTheRoutesOfFunctionsThatTakeFiles() throws {
        let router = try router()
        #expect(router.takesUploads("/inspect"))
        #expect(router.takesUploads("/inspect/batch?x=1"))
        #expect(!router.takesUploads("/add"))
    }

    @Test func aModelNamedAsAFunctionStopsStartUp() throws {
        // A model named `add` (its route /add/predict) beside the function add: one /v2/models/add for two.
        let model = ServedFunction<Void>(
            name: "add.predict", summary: nil, discussion: nil, parameters: [], result: .null, resultDescription: nil,
            tensors: TensorInterface(name: "add", platform: "onnx", inputs: [], outputs: []),
            invocation: .immediate { _, _, writer in writer.writeNull() })
        do {
            _ = try Router(
                functions: [functions[0], BoundFunction(model, group: nil, state: ())], info: ServiceInfo(),
                maximumBatchSize: 1, token: nil, publicDocs: false, crossOrigin: CrossOriginPolicy(allowing: []),
                state: ServerState(maximumInFlight: 1), metrics: ServiceMetrics(groupSetupTimes: []))
            Issue.record("two models named add were routed")
        } catch {
            #expect(
                error.description == "add and add.predict would both be the model 'add' at /v2/models/add. Rename one.")
        }
    }

    @Test func twoFunctionsAtOneRouteStopStartUp() {
        let clash = BoundFunction($routed, group: nil, state: ())
        #expect(throws: RouterError.self) {
            try Router(
                functions: [clash, clash], info: ServiceInfo(), maximumBatchSize: 1, token: nil, publicDocs: false,
                crossOrigin: CrossOriginPolicy(allowing: []), state: ServerState(maximumInFlight: 1),
                metrics: ServiceMetrics(groupSetupTimes: []))
        }
    }
}
