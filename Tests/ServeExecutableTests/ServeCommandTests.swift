import Foundation
import FoundationNetworking
import Testing

/// Runs the built `serve` executable as a user would.
@Suite struct ServeCommandTests {
    /// The `serve` binary next to this test bundle.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("serve").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("serve")
    }()

    struct Run {
        let status: Int32
        let output: String
        let error: String
    }

    /// The repository's root (commands with default paths run there).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.currentDirectoryURL = Self.repository
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            output: String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            error: String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }

    @Test func listsTheBundledFunctions() throws {
        let result = try run(["--list"])
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").contains("add"))
    }

    @Test func unknownFunctionIsAUsageErrorNamingTheChoices() throws {
        let result = try run(["subtract"])
        #expect(result.status == 2)
        #expect(result.error.contains("Unknown function 'subtract'. Available: add"))
    }

    @Test(arguments: ["localhost", "127.0.0.1:99999", "::1:80", "[::1", "host:port"])
    func badBindIsAUsageError(_ address: String) throws {
        let result = try run(["add", "--bind", address])
        #expect(result.status == 2)
        #expect(result.error.contains("Invalid address '\(address)'"))
    }

    @Test func helpExplainsTheCommand() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("--bind"))
        #expect(result.output.contains("/openapi.json"))
    }

    /// A `serve` process started with `arguments` on a free port, and the URL its start-up line announced.
    struct LaunchedServer {
        let process = Process()
        let log = Pipe()
        let line: String
        let url: String

        /// Starts `serve` with `arguments`, run by `launcher` (such as `taskset -c 0`) when given.
        init(_ arguments: [String], environment: [String: String] = [:], launcher: [String] = []) throws {
            process.executableURL = URL(fileURLWithPath: launcher.first ?? ServeCommandTests.executable.path)
            process.arguments =
                launcher.dropFirst() + (launcher.isEmpty ? [] : [ServeCommandTests.executable.path]) + arguments
                + ["--bind", "127.0.0.1:0"]
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = log
            try process.run()
            line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            url = try #require(line.split(separator: " ").first { $0.hasPrefix("http://") }).trimmingCharacters(
                in: .whitespaces)
        }

        /// The body and status of `POST path` with `body`.
        func post(_ path: String, _ body: String) async throws -> (body: Data, status: Int?) {
            var request = URLRequest(url: URL(string: url + path)!)
            request.httpMethod = "POST"
            request.httpBody = Data(body.utf8)
            let (data, response) = try await URLSession.shared.data(for: request)
            return (data, (response as? HTTPURLResponse)?.statusCode)
        }

        /// The body of `GET path`.
        func get(_ path: String) async throws -> Data {
            try await URLSession.shared.data(from: URL(string: url + path)!).0
        }

        /// The status of `GET path` with `headers`.
        func status(_ path: String, headers: [String: String] = [:]) async throws -> Int? {
            var request = URLRequest(url: URL(string: url + path)!)
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            return (try await URLSession.shared.data(for: request).1 as? HTTPURLResponse)?.statusCode
        }

        /// Sends SIGTERM and returns the exit status.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    @Test func servesOnTheAnnouncedPortAndStopsOnSIGTERM() async throws {
        let server = try LaunchedServer(["add"])
        #expect(server.line.hasPrefix("Serving add on http://127.0.0.1:"))
        #expect(String(decoding: try await server.get("/add?a=10&b=20"), as: UTF8.self) == "30")
        #expect(try await server.post("/add", #"{"a": 9223372036854775807, "b": 1}"#).status == 422)
        #expect(server.stop() == 0)
        // The access log is buffered; stopping flushes it.
        let lines = String(decoding: server.log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(lines.contains("info serve: request duration_ms="))
        #expect(lines.contains("method=GET path=/add?a=10&b=20 request_id="))
        #expect(lines.contains("method=POST path=/add request_id="))
        #expect(lines.contains("status=422"))
    }

    @Test func runsOneEventLoopPerCPUItMayUse() async throws {
        func eventLoops(_ server: LaunchedServer) throws -> Int {
            let tasks = "/proc/\(server.process.processIdentifier)/task"
            return try FileManager.default.contentsOfDirectory(atPath: tasks).filter { task in
                let name = try String(contentsOfFile: "\(tasks)/\(task)/comm", encoding: .utf8)
                return name.hasPrefix("NIO-ELT")
            }.count
        }
        let pinned = try LaunchedServer(["add"], launcher: ["/usr/bin/taskset", "-c", "0"])
        #expect(try eventLoops(pinned) == 1)
        #expect(pinned.stop() == 0)
        let free = try LaunchedServer(["add"])
        #expect(try eventLoops(free) == ProcessInfo.processInfo.activeProcessorCount)
        #expect(free.stop() == 0)
    }

    @Test func healthcheckAsksARunningService() async throws {
        let server = try LaunchedServer(["add", "--log-level", "warning"])
        let healthy = try run(["healthcheck", "--url", server.url])
        #expect(healthy.status == 0)
        #expect(healthy.output.contains("/healthz answered 200"))
        let missing = try run(["healthcheck", "--url", server.url + "/no-such-path"])
        #expect(missing.status == 1)
        #expect(missing.error.contains("answered 404, not 200"))
        #expect(server.stop() == 0)
        let stopped = try run(["healthcheck", "--url", server.url, "--timeout", "1"])
        #expect(stopped.status == 1)
        #expect(stopped.error.contains("cannot connect"))
        let port = try #require(server.url.split(separator: ":").last)
        let byPort = try run(["healthcheck"], environment: ["PORT": String(port)])
        #expect(byPort.error.contains("http://127.0.0.1:\(port)/healthz: cannot connect"))
    }

    @Test func listAndCallTalkToARunningService() async throws {
        let server = try LaunchedServer(["--log-level", "warning"])
        defer { _ = server.stop() }
        let list = try run(["list", "--url", server.url])
        #expect(list.status == 0)
        #expect(list.output.hasPrefix("add(a: integer, b: integer) -> integer\n    Adds two integers.\n"))
        #expect(list.output.contains("sentiment.predict(text: string) -> SentimentPrediction object"))

        let sum = try run(["call", "add", "a=10", "b=20", "--url", server.url])
        #expect(sum.status == 0)
        #expect(sum.output == "30\n")
        // A string parameter takes the text as it is, even when it looks like a number.
        let text = try run(["call", "sentiment.predict", "text=10", "--url", server.url])
        #expect(text.status == 0)
        #expect(text.output.contains(#""label": "#))
        let port = try #require(server.url.split(separator: ":").last)
        let local = try run(
            ["call", "iris.predict", "sepalLength=5.9", "sepalWidth=3", "petalLength=5.1", "petalWidth=1.8"],
            environment: ["PORT": String(port)])
        #expect(local.output.hasPrefix("{\n  \"species\": \"virginica\",\n"))

        let bad = try run(["call", "add", "a=ten", "b=20", "--url", server.url])
        #expect(bad.status == 1)
        #expect(bad.error.contains("HTTP 422: Invalid arguments for add"))
        #expect(bad.error.contains(#"a: expected integer, got "ten""#))
        let unknown = try run(["call", "subtract", "--url", server.url])
        #expect(unknown.status == 1)
        #expect(
            unknown.error.contains(
                "serves no function 'subtract'. Available: add, iris.predict, sentiment.predict, fashion.predict."))
        let malformed = try run(["call", "add", "a", "--url", server.url])
        #expect(malformed.error.contains("Invalid argument 'a': expected NAME=VALUE."))
    }

    @Test func servesIrisPredictions() async throws {
        let server = try LaunchedServer(["iris.predict", "--log-level", "warning"])
        defer { _ = server.stop() }
        #expect(server.line.hasPrefix("Serving iris.predict on "))
        let data = try await server.post("/iris/predict", "[5.9, 3.0, 5.1, 1.8]").body
        let prediction = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(prediction?["species"] as? String == "virginica")
    }

    @Test func servesSentimentByGetAndPost() async throws {
        let server = try LaunchedServer(["sentiment", "--log-level", "warning"])
        defer { _ = server.stop() }
        #expect(server.line.hasPrefix("Serving sentiment.predict on "))

        let got = try await server.get("/sentiment/predict?text=What%20a%20wonderful%20film%20%F0%9F%98%8D")
        let positive = try JSONSerialization.jsonObject(with: got) as? [String: Any]
        #expect(positive?["label"] as? String == "positive")

        let posted = try await server.post("/sentiment/predict", #"{"text": "Dull and far too long."}"#).body
        let negative = try JSONSerialization.jsonObject(with: posted) as? [String: Any]
        #expect(negative?["label"] as? String == "negative")

        #expect(try await server.post("/sentiment/predict", #"{"text": "   "}"#).status == 422)
    }

    @Test func aBadModelFileStopsStartUp() throws {
        let result = try run(["iris.predict", "--option", "iris.model=/no/such/iris.json"])
        #expect(result.status == 1)
        #expect(result.error.contains("Cannot set up iris: /no/such/iris.json: no such file"))
        #expect(result.error.contains("train one with: serve train iris --out /no/such/iris.json"))
    }

    @Test func trainReproducesTheShippedModelAndEvaluateReportsIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-train-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("iris.json").path
        let trained = try run(["train", "iris", "--out", out])
        #expect(trained.status == 0)
        #expect(trained.output.contains("test accuracy"))
        #expect(
            FileManager.default.contentsEqual(
                atPath: out, andPath: Self.repository.appendingPathComponent("models/iris.json").path))

        let report = directory.appendingPathComponent("report.json").path
        let evaluated = try run(["evaluate", "iris", "--model", out, "--report", report])
        #expect(evaluated.status == 0)
        #expect(evaluated.output.contains("(30/30)") || evaluated.output.contains("(29/30)"))
        let written =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect(written?["confusion"] != nil)

        let missing = try run(["train", "iris", "--data", "/no/such.csv", "--out", out])
        #expect(missing.status == 1)
        #expect(missing.error.contains("/no/such.csv: no such file"))
    }

    @Test func helpNamesTheEnvironmentVariableOfEveryOption() throws {
        let help = try run(["--help"]).output
        // Each option's entry runs from its "  --name" line to the next option's.
        let entries = help.components(separatedBy: "\n  -").dropFirst().map { "-" + $0 }
        // --list and --help are commands, and --reload is for development on your own machine: no environment twin.
        let options = entries.filter {
            $0.hasPrefix("--") && !$0.hasPrefix("--list") && !$0.hasPrefix("--help") && !$0.hasPrefix("--reload")
        }
        #expect(options.count >= 18)
        for entry in options {
            let flattened = entry.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flattened.contains("(env SERVE_"), "\(entry.prefix(30))")
        }
        for documented in [
            "--token", "--token-file", "--allow-origin", "--max-in-flight", "--read-timeout", "--call-timeout",
            "--grace-period", "--max-header-size", "--max-uri-length", "--log-format", "--public-docs",
        ] {
            #expect(help.contains(documented), "\(documented)")
        }
    }

    @Test func environmentVariablesSetOptionsAndTheCommandLineWins() async throws {
        let bad = try run(["add"], environment: ["SERVE_MAX_IN_FLIGHT": "0"])
        #expect(bad.status == 2)
        #expect(bad.error.contains("--max-in-flight must be at least 1."))
        let flag = try run(["add"], environment: ["SERVE_PUBLIC_DOCS": "maybe"])
        #expect(flag.status == 2)
        #expect(flag.error.contains("SERVE_PUBLIC_DOCS=maybe is not true or false."))
        let server = try LaunchedServer(
            ["--max-body-size", "64"],
            environment: ["SERVE_MAX_BODY_SIZE": "8", "SERVE_FUNCTIONS": "add", "SERVE_TOKEN": "env-t0ken"])
        #expect(server.line.hasPrefix("Serving add on"))
        #expect(try await server.status("/add?a=1&b=2") == 401)
        var request = URLRequest(url: URL(string: server.url + "/add")!)
        request.httpMethod = "POST"
        request.setValue("Bearer env-t0ken", forHTTPHeaderField: "Authorization")
        request.httpBody = Data(#"{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}"#.utf8)  // 40 bytes: under 64, over 8
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 422)  // read (unknown arguments), not 413
        #expect(server.stop() == 0)
    }

    @Test func theTokenNeverReachesTheLogsAndJSONLinesParse() async throws {
        let secret = "do-not-log-\(UInt32.random(in: 0...UInt32.max))"
        let server = try LaunchedServer(["add", "--log-level", "trace", "--log-format", "json", "--token", secret])
        #expect(try await server.status("/add?a=1&b=2", headers: ["Authorization": "Bearer \(secret)"]) == 200)
        #expect(try await server.status("/add?a=1&b=2", headers: ["Authorization": "Token \(secret)x"]) == 403)
        #expect(try await server.status("/add?a=1&b=2") == 401)
        #expect(try await server.status("/healthz", headers: ["X-Request-ID": "probe-1"]) == 200)
        #expect(server.stop() == 0)
        let log = String(decoding: server.log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!log.contains(secret) && !server.line.contains(secret))
        let lines = log.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
        }
        #expect(lines.count == log.split(separator: "\n").count)
        #expect(lines.map { $0["status"] } == ["200", "403", "401", "200"])
        #expect(lines.last?["request_id"] == "probe-1")
        #expect(lines.allSatisfy { $0["level"] == "info" && $0["message"] == "request" && $0["time"] != nil })
    }

    @Test func honoursThePortVariable() throws {
        let result = try run(["add", "--list"], environment: ["PORT": "not-a-port"])
        #expect(result.status == 0)  // --list does not bind
        let bad = try run(["add"], environment: ["PORT": "not-a-port"])
        #expect(bad.status == 2)
        #expect(bad.error.contains("Invalid address ':not-a-port'"))
    }
}
