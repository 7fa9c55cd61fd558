import ArgumentParser
import Serve
import Synchronization
import Testing

@testable import ServeCommandLine
@testable import ServeFixtures

/// The `serve` command line run in process: ArgumentParser's subcommands, exit statuses returned rather
/// than exited with, the environment twins, and the hand-over of an app's names to its launcher.
@Suite struct ServeCommandTests {
    /// A context serving the fixtures, with `environment` as the process's variables.
    func context(
        _ arguments: [String], environment: [String: String] = [:], launchApp: AppLauncher? = nil
    ) -> CommandLineContext {
        var context = CommandLineContext()
        context.catalog = fixtureCatalog
        context.commands = [RecordingCommand.self]
        context.arguments = arguments
        context.environment = { environment[$0] }
        context.launchApp = launchApp
        return context
    }

    func run(_ arguments: [String], environment: [String: String] = [:], launchApp: AppLauncher? = nil) async
        -> Int32
    {
        await ServeCommand.run(arguments, context: context(arguments, environment: environment, launchApp: launchApp))
    }

    @Test func listingTheFunctionsSucceeds() async {
        #expect(await run(["--list"]) == 0)
        #expect(await run(["run", "--list"]) == 0)
    }

    @Test(arguments: [["--help"], ["-h"], ["help"], ["run", "--help"], ["record", "--help"], ["help", "record"]])
    func helpSucceeds(_ arguments: [String]) async {
        #expect(await run(arguments) == 0)
    }

    @Test func theServingHelpHasEveryOptionAndNamesTheSubcommands() {
        let help = CommandLineContext.$current.withValue(context([])) {
            ServeCommand.helpMessage(for: ServeFunctionsCommand.self)
        }
        #expect(help.contains("--bind"))
        #expect(help.contains("(env SERVE_MAX_IN_FLIGHT)"))
        #expect(help.contains("Subcommands: healthcheck, list, call, record."))
    }

    @Test func usageErrorsAreStatusTwo() async {
        #expect(await run(["nosuch"]) == 2)
        #expect(await run(["add", "--bind", "localhost"]) == 2)
        #expect(await run(["add", "--no-such-flag"]) == 2)
        #expect(await run(["add", "--reload"]) == 2)  // --reload is for an app
        #expect(await run(["record", "--count", "many"]) == 2)
    }

    @Test func aSubcommandOfTheBinaryRunsWithItsOptionsAndItsFailureIsStatusOne() async {
        RecordingCommand.counts.withLock { $0 = [] }
        #expect(await run(["record", "--count", "3"], environment: ["SERVE_MAX_IN_FLIGHT": "0"]) == 0)
        #expect(RecordingCommand.counts.withLock { $0 } == [3])
        #expect(await run(["record", "--count=-1"]) == 1)
    }

    @Test func environmentVariablesSetTheServingOptionsAndTheCommandLineWins() async {
        #expect(await run(["add"], environment: ["SERVE_MAX_IN_FLIGHT": "0"]) == 2)
        #expect(await run(["run", "add"], environment: ["SERVE_MAX_IN_FLIGHT": "0"]) == 2)
        #expect(await run(["add"], environment: ["SERVE_PUBLIC_DOCS": "maybe"]) == 2)
        #expect(await run(["--list"], environment: ["SERVE_FUNCTIONS": "add", "SERVE_MAX_IN_FLIGHT": "4"]) == 0)
    }

    @Test func anAppsNamesReachItsLauncherWhereverTheyStand() async {
        let calls = Mutex<[([String], Bool, [String])]>([])
        let arguments = ["--bind", ":80", "app.predict", "--reload", "app.explain"]
        let status = await run(arguments) { names, reload, typed in
            calls.withLock { $0.append((names, reload, typed)) }
            return 7
        }
        #expect(status == 7)
        let call = calls.withLock { $0.first }
        #expect(call?.0 == ["app.predict", "app.explain"])
        #expect(call?.1 == true)
        #expect(call?.2 == arguments)
    }

    @Test func namesThatAreNoAppAreTheBinarysOwn() async {
        let status = await run(["nosuch"]) { _, _, _ in nil }
        #expect(status == 2)  // not an app, and not a fixture: an unknown function
    }
}

/// A subcommand such as a binary adds (`serve train`): records what it was given; fails on a negative count.
struct RecordingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Record a count.")
    static let counts = Mutex<[Int]>([])

    @Option(help: "The count to record.")
    var count: Int

    func run() throws {
        guard count >= 0 else { throw CommandFailure("a count cannot be negative") }
        Self.counts.withLock { $0.append(count) }
    }
}
