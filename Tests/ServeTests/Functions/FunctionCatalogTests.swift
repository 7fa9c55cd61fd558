import Testing

@testable import Serve
@testable import ServeFixtures

@Suite struct CatalogTests {
    @Test func selectsByQualifiedOrGroupName() throws {
        #expect(try fixtureCatalog.select(["add"]) == ["add"])
        #expect(try fixtureCatalog.select(["greeter"]) == ["greeter.greet", "greeter.greetAll"])
        #expect(try fixtureCatalog.select([]).count == 12)
        #expect(throws: CatalogError.self) { try fixtureCatalog.select(["subtract"]) }
    }

    @Test func namesAGroupThatCannotStart() async {
        let catalog = FunctionCatalog(groups: [Unstartable.self])
        await #expect {
            _ = try await catalog.bind(["unstartable.noop"], options: GroupOptions())
        } throws: { error in
            "\(error)" == "Cannot set up unstartable: model file missing"
        }
    }

    @Test func setsUpAGroupOnceWithItsOptions() async throws {
        let before = setups.increment()
        let bound = try await fixtureCatalog.bind(
            ["greeter.greet", "greeter.greetAll"], options: GroupOptions(["greeter.greeting": "Hi"]))
        #expect(bound.functions.map(\.route.path) == ["/greeter/greet", "/greeter/greetAll"])
        #expect(bound.setupTimes.map(\.group) == ["greeter"])
        var arguments = Arguments(fields: [("name", "Ada")], names: ["name"])
        #expect(try result(of: bound.functions[0], &arguments) == "\"Hi, Ada! (setup \(before + 1))\"")
    }
}
