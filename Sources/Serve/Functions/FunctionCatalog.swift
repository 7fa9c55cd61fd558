/// Everything a `serve` binary can serve: free functions and groups, before any is chosen or set up.
public struct FunctionCatalog: Sendable {
    /// A served function's names, known without setting anything up.
    struct Entry: Sendable {
        let qualifiedName: String
        let groupName: String?
    }

    private let functions: [ServedFunction<Void>]
    private let groups: [any EndpointGroup.Type]

    /// A catalog of free functions (`$add`) and groups (`Iris.self`).
    public init(functions: [ServedFunction<Void>] = [], groups: [any EndpointGroup.Type] = []) {
        self.functions = functions
        self.groups = groups
    }

    /// Every function, free ones first, in the order given.
    var entries: [Entry] {
        functions.map { Entry(qualifiedName: $0.name, groupName: nil) }
            + groups.flatMap { group in
                group.functionNames.map { Entry(qualifiedName: group.groupName + "." + $0, groupName: group.groupName) }
            }
    }

    /// Resolves the names a user typed (qualified function names or group names; all when empty)
    /// to qualified function names, in catalog order.
    func select(_ names: [String]) throws(CatalogError) -> Set<String> {
        let entries = entries
        guard !names.isEmpty else { return Set(entries.map(\.qualifiedName)) }
        var selected: Set<String> = []
        for name in names {
            let matches = entries.filter { $0.qualifiedName == name || $0.groupName == name }
            guard !matches.isEmpty else { throw CatalogError.unknownName(name, valid: entries.map(\.qualifiedName)) }
            selected.formUnion(matches.map(\.qualifiedName))
        }
        return selected
    }

    /// Sets up the groups that have a selected function (once each) and binds the selected functions.
    func bind(_ selected: Set<String>, options: GroupOptions) async throws -> BoundFunctions {
        var bound = BoundFunctions(
            functions: functions.filter { selected.contains($0.name) }.map {
                BoundFunction($0, qualifier: nil, state: ())
            })
        for group in groups {
            try await Self.bind(group, selected: selected, options: options, into: &bound)
        }
        return bound
    }

    private static func bind<G: EndpointGroup>(
        _ group: G.Type,
        selected: Set<String>,
        options: GroupOptions,
        into bound: inout BoundFunctions
    ) async throws {
        let chosen = G.functions.filter { selected.contains(G.groupName + "." + $0.name) }
        guard !chosen.isEmpty else { return }
        let clock = ContinuousClock()
        let started = clock.now
        let state: G
        do {
            state = try await G(options: options)
        } catch {
            throw CatalogError.setupFailed(G.groupName, reason: "\(error)")
        }
        bound.setupTimes.append((group: G.groupName, duration: clock.now - started))
        bound.functions += chosen.map { BoundFunction($0, qualifier: G.groupName, state: state) }
    }
}

extension EndpointGroup {
    fileprivate static var functionNames: [String] { functions.map(\.name) }
}

/// A name on the command line that matches nothing in the catalog, or a group that cannot start.
enum CatalogError: Error, CustomStringConvertible {
    case unknownName(String, valid: [String])
    case setupFailed(String, reason: String)

    var description: String {
        switch self {
        case .unknownName(let name, let valid):
            "Unknown function '\(name)'. Available: \(valid.isEmpty ? "none" : valid.joined(separator: ", "))."
        case .setupFailed(let group, let reason):
            "Cannot set up \(group): \(reason)"
        }
    }
}

/// The functions chosen to serve, bound, and how long each group's set-up (its model loading) took.
struct BoundFunctions: Sendable {
    var functions: [BoundFunction]
    var setupTimes: [(group: String, duration: Duration)] = []
}

/// A function ready to serve: qualified, routed and bound to its group's state.
struct BoundFunction: Sendable {
    /// `add`, `iris.predict`.
    let qualifiedName: String
    /// `/add`, `/iris/predict`, or the annotation's override.
    let path: String
    let summary: String?
    let discussion: String?
    let parameters: [Parameter]
    let parameterNames: [String]
    let result: JSONSchema
    let resultDescription: String?
    /// Whether `GET` with a query string can carry every parameter.
    let acceptsQuery: Bool
    let call: Call

    /// A synchronous function with its arguments: runs at once.
    typealias ImmediateCall = @Sendable (inout Arguments) throws -> JSONOutput
    /// An `async` function: binds its arguments at once and returns the work to run.
    typealias DeferredCall = @Sendable (inout Arguments) throws -> @Sendable () async throws -> JSONOutput

    enum Call: Sendable {
        case immediate(ImmediateCall)
        case deferred(DeferredCall)
    }

    init<G: Sendable>(_ function: ServedFunction<G>, qualifier: String?, state: G) {
        (qualifiedName, path) = function.route(group: qualifier)
        summary = function.summary
        discussion = function.discussion
        parameters = function.parameters
        parameterNames = function.parameters.map(\.name)
        result = function.result
        resultDescription = function.resultDescription
        acceptsQuery = function.parameters.allSatisfy(\.schema.isScalar)
        switch function.invocation {
        case .immediate(let body): call = .immediate { arguments in try body(state, &arguments) }
        case .deferred(let body): call = .deferred { arguments in try body(state, &arguments) }
        }
    }
}
