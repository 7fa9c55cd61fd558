import ServeMacros
import SwiftSyntaxBuilder
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import Testing

/// What successful expansions produce: the code every served function, group and schema runs on.
@Suite struct MacroExpansionTests {
    let macros: [String: MacroSpec] = [
        "Endpoint": MacroSpec(type: EndpointMacro.self),
        "EndpointGroup": MacroSpec(type: EndpointGroupMacro.self, conformances: ["EndpointGroup"]),
        "Schema": MacroSpec(type: SchemaMacro.self, conformances: ["WireCodable"]),
    ]

    private func expect(_ source: String, expandsTo expanded: String) {
        assertMacroExpansion(
            source, expandedSource: expanded, macroSpecs: macros,
            failureHandler: { Issue.record(Comment(rawValue: $0.message)) })
    }

    @Test func endpointDescribesAndBindsAFreeFunction() {
        expect(
            """
            /// Adds two integers.
            /// - Parameters:
            ///   - a: The first addend.
            ///   - b: The second addend.
            /// - Returns: The sum.
            @Endpoint func add(a: Int, b: Int = 1) -> Int { a + b }
            """,
            expandsTo:
                """
                /// Adds two integers.
                /// - Parameters:
                ///   - a: The first addend.
                ///   - b: The second addend.
                /// - Returns: The sum.
                func add(a: Int, b: Int = 1) -> Int { a + b }

                let $add = ServedFunction<Void>(
                    name: "add",
                    path: nil,
                    summary: "Adds two integers.",
                    discussion: nil,
                    parameters: [Parameter("a", (Int).self, description: "The first addend."),
                        Parameter("b", (Int).self, default: 1, description: "The second addend.")],
                    result: (Int).jsonSchema,
                    resultDescription: "The sum.",
                    invocation: .immediate { _, __arguments, __writer in
                        let __a = __arguments.value((Int).self, at: 0)
                        let __b = __arguments.value((Int).self, at: 1, default: 1)
                        guard __arguments.isValid, let __a, let __b else {
                            throw __arguments.failure
                        }
                        add(a: __a, b: __b).writeJSON(to: &__writer)
                    }
                )

                /// Calls `add` on a running service with these arguments and returns its result.
                func add(on __service: some RemoteService, a: Int, b: Int = 1) async throws -> Int {
                    var __arguments = RemoteArguments()
                    __arguments.append("a", a)
                    __arguments.append("b", b)
                    return try await __service.call($add, group: nil, arguments: __arguments)
                }
                """)
    }

    @Test func endpointDefersAnAsyncMethodOfAGroupAndTakesItsRoute() {
        expect(
            """
            struct Tools {
                /// Waits.
                @Endpoint(path: "/wait") func nap(_ milliseconds: Int, note: String?) async throws {}
            }
            """,
            expandsTo:
                """
                struct Tools {
                    /// Waits.
                    func nap(_ milliseconds: Int, note: String?) async throws {}

                    static let $nap = ServedFunction<Tools>(
                        name: "nap",
                        path: "/wait",
                        summary: "Waits.",
                        discussion: nil,
                        parameters: [Parameter("milliseconds", (Int).self, description: nil),
                            Parameter("note", (String?).self, description: nil)],
                        result: .null,
                        resultDescription: nil,
                        invocation: .deferred { __state, __arguments in
                            let __milliseconds = __arguments.value((Int).self, at: 0)
                            let __note = __arguments.value((String?).self, at: 1, default: nil)
                            guard __arguments.isValid, let __milliseconds, let __note else {
                                throw __arguments.failure
                            }
                            return {
                                try await __state.nap(__milliseconds, note: __note);
                                return .null
                            }
                        }
                    )

                    /// Calls `nap` on a running service with these arguments and returns its result.
                    static func nap(on __service: some RemoteService, _ milliseconds: Int, note: String?) async throws {
                        var __arguments = RemoteArguments()
                        __arguments.append("milliseconds", milliseconds)
                        __arguments.append("note", note)
                        try await __service.call($nap, group: groupName, arguments: __arguments)
                    }
                }
                """)
    }

    @Test func endpointGroupListsItsFunctionsAndConforms() {
        expect(
            """
            /// Greets.
            @EndpointGroup("greeter")
            struct Greeter {
                init(options: GroupOptions) {}
                @Endpoint func greet(name: String) -> String { name }
                func helper() {}
            }
            """,
            expandsTo:
                """
                /// Greets.
                struct Greeter {
                    init(options: GroupOptions) {}
                    func greet(name: String) -> String { name }

                    static let $greet = ServedFunction<Greeter>(
                        name: "greet",
                        path: nil,
                        summary: nil,
                        discussion: nil,
                        parameters: [Parameter("name", (String).self, description: nil)],
                        result: (String).jsonSchema,
                        resultDescription: nil,
                        invocation: .immediate { __state, __arguments, __writer in
                            let __name = __arguments.value((String).self, at: 0)
                            guard __arguments.isValid, let __name else {
                                throw __arguments.failure
                            }
                            __state.greet(name: __name).writeJSON(to: &__writer)
                        }
                    )

                    /// Calls `greet` on a running service with these arguments and returns its result.
                    static func greet(on __service: some RemoteService, name: String) async throws -> String {
                        var __arguments = RemoteArguments()
                        __arguments.append("name", name)
                        return try await __service.call($greet, group: groupName, arguments: __arguments)
                    }
                    func helper() {}

                    static let groupName = "greeter"

                    static let groupSummary: String? = "Greets."

                    static let functions: [ServedFunction<Greeter>] = [$greet]
                }

                extension Greeter: EndpointGroup {
                }
                """)
    }

    @Test func schemaReadsWritesAndDescribesAStruct() {
        expect(
            """
            /// A point.
            @Schema struct Point {
                /// Across.
                var x: Double
                var y: Double = 0
                let label: String?
                var norm: Double { x * x + y * y }
            }
            """,
            expandsTo:
                """
                /// A point.
                struct Point {
                    /// Across.
                    var x: Double
                    var y: Double = 0
                    let label: String?
                    var norm: Double { x * x + y * y }
                }

                extension Point: WireCodable {
                    static var jsonSchema: JSONSchema {
                        .object(name: "Point", description: "A point.", properties: [.init("x", (Double).self, description: "Across."),
                                .init("y", (Double).self, hasDefault: true, description: nil),
                                .init("label", (String?).self, description: nil)])
                    }
                    init(json __reader: inout JSONReader) throws(ArgumentError) {
                        var __fields = try Arguments(object: &__reader, names: ["x", "y", "label"], expected: Self.jsonSchema.displayName)
                        let __x = __fields.value((Double).self, at: 0)
                        let __y = __fields.value((Double).self, at: 1, default: 0)
                        let __label = __fields.value((String?).self, at: 2, default: nil)
                        guard __fields.isValid, let __x, let __y, let __label else {
                            throw __fields.failure
                        }
                        self.x = __x
                        self.y = __y
                        self.label = __label
                    }
                    func writeJSON(to __writer: inout JSONWriter) {
                        __writer.beginObject()
                        __writer.writeKey(quoted: #""x":"#)
                        x.writeJSON(to: &__writer)
                        __writer.writeKey(quoted: #""y":"#)
                        y.writeJSON(to: &__writer)
                        __writer.writeKey(quoted: #""label":"#)
                        label.writeJSON(to: &__writer)
                        __writer.endObject()
                    }
                }
                """)
    }

    @Test func schemaListsTheRawValuesOfAnEnum() {
        expect(
            """
            /// A colour.
            @Schema enum Color: String { case red, green }
            """,
            expandsTo:
                """
                /// A colour.
                enum Color: String { case red, green 
                }

                extension Color: WireCodable {
                    static var jsonSchema: JSONSchema {
                        .enumeration(of: [Color.red, Color.green], name: "Color", description: "A colour.")
                    }
                }
                """)
    }
}
