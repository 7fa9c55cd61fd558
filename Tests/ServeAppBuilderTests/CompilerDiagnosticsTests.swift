import Serve
import Testing

@testable import ServeAppBuilder

/// Compiler errors shown at the user's own line and column, whatever the generator added to the line.
@Suite struct CompilerDiagnosticsTests {
    @Test func columnsAfterAnAdditionMoveBackAndTheUsersLineIsShown() throws {
        try withApp("func add(a: Int) -> Int { a + missing }\n") { app in
            // generate-app added "@Endpoint " (10 columns) at column 1 of line 1.
            let diagnostics = CompilerDiagnostics(columnMap: "app.swift\t1\t1\t10\n", app: app)
            let output = """
                app.swift:1:41: error: cannot find 'missing' in scope
                @Endpoint func add(a: Int) -> Int { a + missing }
                                                        ^~~~~~~
                app.swift:1:5: warning: something minor
                /tmp/build/main.swift:3:27: error: cannot find '$add' in scope
                """
            #expect(
                diagnostics.render(output) == """
                    app.swift:1:31: error: cannot find 'missing' in scope
                    func add(a: Int) -> Int { a + missing }
                                                  ^
                    """)
        }
    }

    @Test func aColumnInsideAnAdditionPointsAtWhereItWasAdded() throws {
        try withApp("let m = try M()\n") { app in
            let map = "app.swift\t1\t9\t47\napp.swift\t1\t16\t2\n"
            let diagnostics = CompilerDiagnostics(columnMap: map, app: app)
            #expect(diagnostics.render("app.swift:1:12: error: e").hasPrefix("app.swift:1:9: error: e"))
            #expect(diagnostics.render("app.swift:1:58: error: e").hasPrefix("app.swift:1:11: error: e"))
            #expect(diagnostics.render("app.swift:1:66: error: e").hasPrefix("app.swift:1:17: error: e"))
        }
    }

    @Test func errorsOutsideTheUsersFilesAreShownWhenThereIsNoOther() throws {
        try withApp("func f() {}\n") { app in
            let diagnostics = CompilerDiagnostics(columnMap: "", app: app)
            #expect(diagnostics.render("error: link command failed") == "error: link command failed")
        }
    }

    @Test func aSuccessfulBuildsWarningsAreShownAtTheUsersLinesAndTheGeneratedCodesAreNot() throws {
        try withApp("func f() -> Int {\n    let unused = 1\n    return 2\n}\n") { app in
            let diagnostics = CompilerDiagnostics(columnMap: "app.swift\t1\t1\t10\n", app: app)
            let output = """
                app.swift:2:9: warning: initialization of immutable value 'unused' was never used
                /tmp/build/main.swift:9:5: warning: something in the generated main
                """
            #expect(
                diagnostics.warnings(in: output) == """
                    app.swift:2:9: warning: initialization of immutable value 'unused' was never used
                        let unused = 1
                            ^
                    """)
            #expect(diagnostics.warnings(in: "/tmp/build/main.swift:9:5: warning: generated") == nil)
            #expect(diagnostics.warnings(in: "") == nil)
        }
    }

}

/// Runs `body` with an app.swift holding `source` in a fresh folder.
func withApp(_ source: String, _ body: (AppSource) throws -> Void) throws {
    let folder = "/tmp/serve-app-tests-\(SystemCalls.processID)-\(Int.random(in: 0..<1_000_000))"
    #expect(ProcessCalls.makeDirectory(folder))
    defer { ProcessCalls.remove(folder) }
    #expect(ProcessCalls.writeFile(folder + "/app.swift", Array(source.utf8)))
    let app = try #require(AppSource.find("app", in: folder))
    try body(app)
}
