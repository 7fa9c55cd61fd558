import Testing

@testable import Serve
@testable import ServeAppBuilder

/// An app's files are read once per build: a save after that changes neither the cache key's input nor
/// the copy that is compiled.
@Suite struct AppSnapshotTests {
    @Test func aSaveAfterTheSnapshotReachesNeitherTheKeyNorTheCompiledCopy() throws {
        try withApp("func predict(text: String) -> String { text }\n") { app in
            let snapshot = try AppSnapshot(app)
            let before = snapshot.hashInput
            #expect(ProcessCalls.writeFile("\(app.directory)/app.swift", Array("func predict() -> Int { 1 }\n".utf8)))
            #expect(snapshot.hashInput == before)
            let copies = app.directory + "/build/sources"
            try snapshot.write(to: copies)
            #expect(
                SystemCalls.readFile(copies + "/app.swift")
                    == Array("func predict(text: String) -> String { text }\n".utf8))
            // The next build reads the saved file.
            #expect(try AppSnapshot(app).hashInput != before)
        }
    }

    @Test func aFolderAppsFilesAreCopiedAtTheirPaths() throws {
        try withApp("") { root in
            let folder = root.directory + "/shop"
            #expect(ProcessCalls.makeDirectory(folder))
            #expect(ProcessCalls.writeFile(folder + "/a.swift", Array("func a() -> Int { 1 }\n".utf8)))
            #expect(ProcessCalls.writeFile(folder + "/b.swift", Array("func b() -> Int { 2 }\n".utf8)))
            let app = try #require(AppSource.find("shop", in: root.directory))
            let copies = root.directory + "/copies"
            try AppSnapshot(app).write(to: copies)
            #expect(SystemCalls.readFile(copies + "/shop/b.swift") == Array("func b() -> Int { 2 }\n".utf8))
        }
    }

    @Test func aFileThatCannotBeReadIsAnError() throws {
        try withApp("func predict() -> Int { 1 }\n") { app in
            ProcessCalls.remove(app.directory + "/app.swift")
            #expect(throws: AppBuildError.self) { try AppSnapshot(app) }
        }
    }
}
