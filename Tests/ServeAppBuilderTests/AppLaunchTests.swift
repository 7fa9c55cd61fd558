import Testing

@testable import ServeAppBuilder

/// How `serve NAME…` is read when a NAME is a local app.
@Suite struct AppLaunchTests {
    @Test func namesSelectFunctionsAndTheOtherArgumentsPassThrough() throws {
        try withApp("func predict(text: String) -> String { text }\n") { app in
            let launch = try #require(
                try AppLaunch(
                    names: ["app.predict", "app.explain"], reload: true,
                    arguments: ["app.predict", "app.explain", "--bind", ":80", "--reload"], in: app.directory))
            #expect(launch.app.display == "./app.swift")
            #expect(launch.functions == ["predict", "explain"])
            #expect(launch.arguments == ["--bind", ":80"])
            #expect(launch.reload)
            let all = try #require(try AppLaunch(names: ["app"], reload: false, arguments: ["app"], in: app.directory))
            #expect(all.functions.isEmpty && !all.reload && all.arguments.isEmpty)
        }
    }

    @Test func namesAreFoundWhereverTheyStand() throws {
        try withApp("func predict(text: String) -> String { text }\n") { app in
            let launch = try #require(
                try AppLaunch(
                    names: ["app.predict"], reload: false,
                    arguments: ["run", "--bind", ":80", "app.predict", "--log-level", "debug"], in: app.directory))
            #expect(launch.functions == ["predict"])
            #expect(launch.arguments == ["--bind", ":80", "--log-level", "debug"])
        }
    }

    @Test func bundledNamesAreNotApps() throws {
        try withApp("func f() {}\n") { app in
            for names in [["add"], ["iris.predict"], []] {
                let launch = try AppLaunch(names: names, reload: false, arguments: names, in: app.directory)
                #expect(launch == nil)
            }
        }
    }

    @Test func aNameOfAnotherAppIsAUsageError() throws {
        try withApp("func f() {}\n") { app in
            #expect(throws: AppBuildError.self) {
                try AppLaunch(names: ["app.f", "add"], reload: false, arguments: ["app.f", "add"], in: app.directory)
            }
        }
    }
}
