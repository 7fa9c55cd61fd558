internal import ArgumentParser
internal import Serve
internal import ServeHTTP

/// `serve call NAME key=value…`: calls a function of a running service and prints its result.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a function of a running service and print its result (JSON).",
        discussion: """
            Each value is typed by the function's schema, read from the service: a=10 sends the number 10 \
            to an integer parameter, text=10 sends the string "10" to a string parameter. Arrays and \
            objects are written as JSON: xs='[1, 2]'. A rejected call prints the service's error and \
            exits with 1.

            Examples:
              serve call add a=10 b=20
              serve call sentiment.predict text='What a wonderful film' --url http://example.com
            """
    )

    @Argument(help: "The function's qualified name, e.g. iris.predict.")
    var name: String

    @Argument(help: ArgumentHelp("The arguments.", valueName: "name=value"))
    var arguments: [String] = []

    @OptionGroup var remote: RemoteOptions

    init() {}

    func validate() throws {
        for argument in arguments where !argument.contains("=") || argument.hasPrefix("=") {
            throw ValidationError("Invalid argument '\(argument)': expected NAME=VALUE.")
        }
    }

    func run() async throws {
        let service = remote.service
        do {
            let manifest = try await service.manifest()
            guard let function = manifest.function(named: name) else {
                let names = manifest.functions.map(\.name).joined(separator: ", ")
                throw CommandFailure("\(service.url) serves no function '\(name)'. Available: \(names).")
            }
            var members: [(key: String, value: JSONValue)] = []
            for argument in arguments {
                let equals = argument.firstIndex(of: "=")!
                let key = String(argument[..<equals])
                let text = String(argument[argument.index(after: equals)...])
                let parameter = function.parameters.first { $0.name == key }
                members.append((key, parameter?.value(fromText: text) ?? .string(text)))
            }
            print(try await service.call(function, arguments: .object(members)).prettyText)
        } catch let error as RemoteCallError {
            throw CommandFailure("\(error)")
        }
    }
}
