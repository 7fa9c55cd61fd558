// A group: functions that share state set up once, at start-up, from `--option` settings.
import Serve

/// Greets in a language chosen at start-up.
@EndpointGroup("greeter")
struct Greeter {
    let greeting: String

    init(options: GroupOptions) async throws {
        greeting = options["greeter.greeting"] ?? "Hello"
    }

    /// Greets someone.
    /// - Parameter name: Who to greet.
    @Endpoint func greet(name: String) -> String { "\(greeting), \(name)!" }  // served as greeter.greet
}

// snippet.hide
print(Greeter.self)
