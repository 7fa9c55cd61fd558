import Serve
import Synchronization

// Functions and types that exercise every kind of parameter and result the runtime supports.

/// Adds two integers.
/// - Parameters:
///   - a: The first addend.
///   - b: The second addend.
/// - Returns: The sum.
@Endpoint func add(a: Int, b: Int) -> Int { a + b }

/// A colour with a raw value.
@Schema enum Color: String { case red, green, blue }

/// A point in the plane.
@Schema struct Point: Equatable {
    /// Horizontal position.
    var x: Double
    /// Vertical position.
    var y: Double = 0
    /// An optional label.
    var label: String?
}

/// Describes a list of options.
///
/// Exercises defaults, optionals, enums and arrays.
/// - Parameters:
///   - count: How many to take.
///   - color: The colour.
///   - tags: Free tags.
///   - note: Something optional.
///   - scale: A factor with a default.
/// - Returns: A sentence.
@Endpoint func describe(
    count: Int, color: Color = .green, tags: [String] = [], note: String? = nil, scale: Double = 1.5
) -> String {
    "\(count) \(color.rawValue) [\(tags.joined(separator: ","))] \(note ?? "-") \(scale)"
}

/// Moves a point.
@Endpoint func move(point: Point, by offset: Double) -> Point {
    Point(x: point.x + offset, y: point.y + offset, label: point.label)
}

/// Waits, then echoes its input.
@Endpoint func echo(_ text: String) async throws -> String {
    try await Task.sleep(for: .milliseconds(1))
    return text
}

/// Sleeps, then answers how long it slept; for timeout, in-flight and drain tests.
/// - Parameter milliseconds: How long to sleep.
@Endpoint func nap(milliseconds: Int) async throws -> Int {
    guard milliseconds >= 0 else {
        throw ArgumentError(field: "milliseconds", expected: "0 or more", got: String(milliseconds))
    }
    do {
        try await Task.sleep(for: .milliseconds(milliseconds))
    } catch {
        naps.cancelled.add(1, ordering: .relaxed)
        throw error
    }
    return milliseconds
}

/// Counts naps that were cancelled.
final class NapRecord: Sendable {
    let cancelled = Atomic(0)
}
let naps = NapRecord()

/// Always fails.
@Endpoint func fail() throws -> Int { throw FixtureError.broken }

/// Returns nothing.
@Endpoint func nothing() {}

/// Is served at a path of its own.
@Endpoint(path: "/custom/route") func routed(value: Int = 1) -> Int { value }

enum FixtureError: Error { case broken }

/// A counter that proves a group is set up once and shared.
final class SetupCounter: @unchecked Sendable {
    private var count = 0
    func increment() -> Int {
        count += 1
        return count
    }
}

let setups = SetupCounter()

/// Greets with a greeting chosen at start-up.
@EndpointGroup("greeter")
struct Greeter {
    let greeting: String
    let setupNumber: Int

    init(options: GroupOptions) async throws {
        greeting = options["greeter.greeting"] ?? "Hello"
        setupNumber = setups.increment()
    }

    /// Greets someone.
    /// - Parameter name: Who to greet.
    @Endpoint func greet(name: String) -> String { "\(greeting), \(name)! (setup \(setupNumber))" }

    /// Greets everyone.
    @Endpoint func greetAll(names: [String]) async -> [String] { names.map { "\(greeting), \($0)!" } }
}

/// A group whose set-up always fails.
@EndpointGroup
struct Unstartable {
    init(options: GroupOptions) throws { throw SetupFailure() }

    /// Never served.
    @Endpoint func noop() {}
}

struct SetupFailure: Error, CustomStringConvertible {
    var description: String { "model file missing" }
}

/// Describes an uploaded file.
/// - Parameters:
///   - file: Any file.
///   - note: Text sent beside it.
@Endpoint func inspect(file: UploadedFile, note: String = "") -> String {
    "\(note)|\(file.mediaType)|\(file.bytes.count)|\(file.fileName ?? "-")"
}

/// Wraps any JSON document.
/// - Parameter document: Anything.
@Endpoint func wrap(document: JSONValue) -> JSONValue { ["got": document] }

let fixtureFunctions = [$add, $describe, $move, $echo, $nap, $fail, $nothing, $routed, $inspect, $wrap]
let fixtureGroups: [any EndpointGroup.Type] = [Greeter.self]
let fixtureCatalog = FunctionCatalog(functions: fixtureFunctions, groups: fixtureGroups)

/// Calls a bound synchronous function as a request would, and returns its result's JSON text.
func result(of function: BoundFunction, _ arguments: inout Arguments) throws -> String {
    guard case .immediate(let call) = function.call else { throw FixtureError.broken }
    var writer = JSONWriter()
    try call((), &arguments, &writer)
    return JSONOutput(writer).text
}
