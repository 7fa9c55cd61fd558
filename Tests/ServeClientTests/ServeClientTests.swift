import Foundation
import Handlers
import ServeTesting
import Testing

@testable import Serve
@testable import ServeClient

/// The client against the real server, serving the bundled functions on a free loopback port.
@Suite struct ServeClientTests {
    static func withService(_ body: (ServeClient) async throws -> Void) async throws {
        try await TestService(functions: Bundled.functions, groups: Bundled.groups).test(.live) { server in
            try await body(ServeClient(url: URL(string: try #require(server.url))!))
        }
    }

    @Test func typedCallsUseTheServersOwnDeclarations() async throws {
        try await Self.withService { client in
            #expect(try await add(on: client, a: 10, b: 20) == 30)
            let iris = try await Iris.predict(
                on: client, sepalLength: 5.9, sepalWidth: 3.0, petalLength: 5.1, petalWidth: 1.8)
            #expect(iris.species == .virginica)
            #expect(try await Sentiment.predict(on: client, text: "What a wonderful film").label == .positive)
        }
    }

    @Test func typedCallsCarryTheDeclaredTypesBothWays() async throws {
        try await Self.withService { (client: ServeClient) async throws in
            // Int32 addends, an Int sum: the largest arguments have a sum, computed by the server.
            #expect(try await add(on: client, a: .max, b: .max) == 4_294_967_294)
            // A value the server would refuse cannot be made: the types check it before sending. (Variables,
            // not literals: `SentimentText("…")` with a literal is the literal initializer, SE-0213.)
            let blank = "   "
            let tooLong = 31.0
            #expect(throws: ArgumentError.self) { try SentimentText(blank) }
            #expect(Centimetres(tooLong) == nil)
        }
    }

    @Test func dynamicCallsFindTheRouteInTheManifest() async throws {
        try await Self.withService { client in
            let names = try await client.manifest().functions.map(\.name)
            #expect(names == ["add", "iris.predict", "sentiment.predict", "fashion.predict"])
            #expect(try await client.call("add", ["a": 10, "b": 20]).text == "30")
            let prediction = try await client.call(
                "iris.predict", ["sepalLength": 5.9, "sepalWidth": 3.0, "petalLength": 5.1, "petalWidth": 1.8])
            #expect(prediction["species"]?.stringValue == "virginica")
        }
    }

    @Test func aRejectedDynamicCallCarriesEveryProblem() async throws {
        try await Self.withService { client in
            let error = await #expect(throws: RemoteCallError.self) {
                try await client.call("add", ["a": "ten"])
            }
            #expect(error?.status == 422)
            #expect(error?.problems.map(\.field) == ["a", "b"])
            #expect(error?.problems.first?.expected == "integer")
            let unknown = await #expect(throws: RemoteCallError.self) { try await client.call("subtract", [:]) }
            #expect(unknown?.message.contains("serves no function 'subtract'") == true)
        }
    }

    @Test func anUnreachableServiceIsAnErrorWithoutStatus() async throws {
        let client = ServeClient(url: URL(string: "http://127.0.0.1:9")!)
        let error = await #expect(throws: RemoteCallError.self) { try await add(on: client, a: 1, b: 2) }
        #expect(error?.status == nil)
    }
}
