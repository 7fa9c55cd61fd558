import Testing

@testable import ServeMacros

/// What `generate-app` makes of a plain app.swift: additions on the user's own lines, and the problems it
/// reports before compiling.
@Suite struct AppProgramTests {
    func program(_ source: String) throws(AppError) -> AppProgram {
        try AppProgram(files: [SourceFile(path: "app.swift", bytes: Array(source.utf8))])
    }

    func error(_ source: String) -> String? {
        do {
            _ = try program(source)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func servesPublicTopLevelFunctionsWithTheirDocCommentsOnTheirOwnLines() throws {
        let source = """
            /// Predicts.
            func predict(text: String) -> String { text }
            private func helper() -> Int { 1 }
            func _hidden() {}
            @Endpoint func already(a: Int) -> Int { a }
            """
        let program = try program(source)
        #expect(program.served == ["predict", "already"])
        let main = program.mainSource(source: "./app.swift")
        #expect(main.contains("#sourceLocation(file: \"app.swift\", line: 1)\n/// Predicts.\n@Endpoint func predict("))
        #expect(!main.contains("@Endpoint private") && !main.contains("@Endpoint @Endpoint"))
        #expect(main.hasSuffix("ServeApp.main(functions: [$predict, $already], source: \"./app.swift\")\n"))
        #expect(program.columnMap == "app.swift\t2\t1\t10\n")
    }

    @Test func importsServeModelsOnlyForAnAppThatLoadsAModel() throws {
        let withModel = try program(
            """
            let model = try ONNXModel("model.onnx")
            func predict(x: [Double]) throws -> Int { 1 }
            """)
        #expect(withModel.usesModels)
        let prelude = "import Serve\nimport ServeApp\nimport ServeImages\nimport ServeModels\n"
        #expect(withModel.mainSource(source: "./app.swift").hasPrefix(prelude))
        // A comment or a string naming it is not a use.
        let without = try program(
            """
            // No ONNXModel here.
            func predict(x: [Double]) -> String { "ONNXModel" }
            """)
        #expect(!without.usesModels)
        #expect(!without.mainSource(source: "./app.swift").contains("import ServeModels"))
    }

    @Test func addsSchemaToTheStructsAndEnumsTheSignaturesUse() throws {
        let main = try program(
            """
            struct Point { var x: Double; var tags: [Tag] }
            enum Tag: String { case a, b }
            struct Unused { var date: Int }
            func shift(p: Point) -> Point? { p }
            """
        ).mainSource(source: "./app.swift")
        #expect(main.contains("@Schema struct Point"))
        #expect(main.contains("@Schema enum Tag"))
        #expect(!main.contains("@Schema struct Unused"))
    }

    @Test func wrapsTopLevelThrowingInitialisersSoAThrowIsOneLine() throws {
        let program = try program(
            """
            let model = try Model(path: "m.json")
            try check()
            let safe = try? Model(path: "m.json")
            func f() -> Int { 1 }
            """)
        let main = program.mainSource(source: "./app.swift")
        #expect(
            main.contains("let model = ServeApp.load(file: \"app.swift\", line: 1) { try Model(path: \"m.json\") }"))
        #expect(main.contains("ServeApp.load(file: \"app.swift\", line: 2) { try check() }"))
        #expect(main.contains("let safe = try? Model"))
        #expect(program.columnMap.contains("app.swift\t1\t13\t"))
    }

    @Test func aTypeWithAThrowingInitIsAServiceWhoseMethodsAreServed() throws {
        let program = try program(
            """
            struct Predictor {
                init() throws {}
                /// Predicts.
                func predict(text: String, limit: Int = 3) async throws -> [String] { [] }
                func _hidden() {}
                static func make() -> Int { 1 }
            }
            struct Plain { init() {}; func ignored() {} }
            """)
        #expect(program.served == ["predict"])
        let main = program.mainSource(source: "./app.swift")
        #expect(
            main.contains("let __service_Predictor = ServeApp.load(file: \"app.swift\", line: 1) { try Predictor() }"))
        #expect(
            main.contains(
                "/// Predicts.\n@Endpoint func predict(text: String, limit: Int = 3) async throws -> [String] { "
                    + "try await __service_Predictor.predict(text: text, limit: limit) }"))
    }

    @Test func reportsTypesThatCannotTravelAsJSONWithTheirPlace() {
        #expect(
            error("import Foundation\nfunc age(born: Date) -> Int { 0 }")?.hasPrefix(
                "app.swift:2:16: error: parameter 'born' of 'age' has type 'Date', which cannot travel as JSON") == true
        )
        #expect(error("func f() -> (Int, Int) { (1, 2) }")?.contains("the result of 'f' has type '(Int, Int)'") == true)
        #expect(error("func f(x: [Int: String]) {}")?.contains("dictionary needs String keys") == true)
        #expect(error("enum Color { case red }\nfunc f(c: Color) {}")?.contains("enum 'Color' cannot travel") == true)
        #expect(error("struct S { var f: () -> Void }\nfunc g(s: S) {}")?.contains("property 'f' of 'S'") == true)
        #expect(error("func f<T>(x: T) {}")?.contains("'f' is generic") == true)
        #expect(error("func f(x: Int...) {}")?.contains("variadic") == true)
        // The same rule as @Endpoint's (ServableSignature): once a user's app passed it and failed in the macro.
        #expect(
            error("func f(x: inout Int) {}")?.hasPrefix(
                "app.swift:1:8: error: parameter 'x' of 'f' must be a plain value (no inout, borrowing or consuming)")
                == true)
    }

    @Test func aFreeFormJSONValueIsServable() {
        #expect(error("func echo(value: JSONValue) -> JSONValue { value }") == nil)
    }
}
