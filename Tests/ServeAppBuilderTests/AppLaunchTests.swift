import Testing

@testable import ServeAppBuilder

/// How `serve NAME…` is read when a NAME is a local app.
@Suite struct AppLaunchTests {
    let reserved: Set<String> = ["build", "list"]

    @Test func namesSelectFunctionsAndTheOtherArgumentsPassThrough() throws {
        try withApp("func predict(text: String) -> String { text }\n") { app in
            let launch = try #require(
                try AppLaunch.parse(
                    ["app.predict", "app.explain", "--bind", ":80", "--reload"], reserved: reserved, in: app.directory))
            #expect(launch.app.display == "./app.swift")
            #expect(launch.functions == ["predict", "explain"])
            #expect(launch.arguments == ["--bind", ":80"])
            #expect(launch.reload)
            let all = try #require(try AppLaunch.parse(["app"], reserved: reserved, in: app.directory))
            #expect(all.functions.isEmpty && !all.reload)
        }
    }

    @Test func bundledNamesSubcommandsAndFlagsAreNotApps() throws {
        try withApp("func f() {}\n") { app in
            for arguments in [["add"], ["iris.predict"], ["list"], ["--list"], []] {
                let launch = try AppLaunch.parse(arguments, reserved: reserved, in: app.directory)
                #expect(launch == nil)
            }
        }
    }

    @Test func aNameOfAnotherAppIsAUsageError() throws {
        try withApp("func f() {}\n") { app in
            #expect(throws: AppBuildError.self) {
                try AppLaunch.parse(["app.f", "add"], reserved: reserved, in: app.directory)
            }
        }
    }
}
