/// Everything a `serve` binary can serve: free functions and groups, before any is chosen or set up.
public struct FunctionCatalog: Sendable {
    /// A served function's names, known without setting anything up.
    package struct Entry: Sendable {
        package let qualifiedName: String
        package let groupName: String?
    }

    private let functions: [ServedFunction<Void>]
    private let groups: [any EndpointGroup.Type]

    /// A catalog of free functions (`$add`) and groups (`Iris.self`).
    public init(functions: [ServedFunction<Void>] = [], groups: [any EndpointGroup.Type] = []) {
        self.functions = functions
        self.groups = groups
    }

    /// This catalog with `more` free functions before its own (a model's, loaded at start-up).
    package func adding(_ more: [ServedFunction<Void>]) -> FunctionCatalog {
        FunctionCatalog(functions: more + functions, groups: groups)
    }

    /// Every function, free ones first, in the order given.
    package var entries: [Entry] {
        functions.map { Entry(qualifiedName: $0.description.name, groupName: nil) }
            + groups.flatMap { group in
                group.functionNames.map { Entry(qualifiedName: group.groupName + "." + $0, groupName: group.groupName) }
            }
    }

    /// Resolves the names a user typed (qualified function names or group names; all when empty)
    /// to qualified function names, in catalog order.
    package func select(_ names: [String]) throws(CatalogError) -> Set<String> {
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

    /// Sets up and binds the functions named (qualified names or group names; all when empty), ready to
    /// serve with `HTTPServer.start(functions:info:configuration:)`. Throws for an unknown name or a group
    /// whose set-up fails.
    public func bind(_ names: [String] = [], options: GroupOptions = GroupOptions()) async throws -> BoundFunctions {
        try await bind(try select(names), options: options)
    }

    /// Sets up the groups that have a selected function (once each) and binds the selected functions.
    package func bind(_ selected: Set<String>, options: GroupOptions) async throws -> BoundFunctions {
        var bound = BoundFunctions(
            functions: functions.filter { selected.contains($0.description.name) }.map {
                BoundFunction($0, group: nil, state: ())
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
        let chosen = G.functions.filter { selected.contains(G.groupName + "." + $0.description.name) }
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
        bound.functions += chosen.map { BoundFunction($0, group: G.groupName, state: state) }
    }
}

extension EndpointGroup {
    fileprivate static var functionNames: [String] { functions.map(\.description.name) }
}

/// A name on the command line that matches nothing in the catalog, or a group that cannot start.
package enum CatalogError: Error, CustomStringConvertible {
    case unknownName(String, valid: [String])
    case setupFailed(String, reason: String)

    package var description: String {
        switch self {
        case .unknownName(let name, let valid):
            "Unknown function '\(name)'. Available: \(valid.isEmpty ? "none" : valid.joined(separator: ", "))."
        case .setupFailed(let group, let reason):
            "Cannot set up \(group): \(reason)"
        }
    }
}
