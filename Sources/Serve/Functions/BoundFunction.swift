/// The functions chosen to serve, bound to their groups' state, and how long each group's set-up (its
/// model loading) took. Made by ``FunctionCatalog/bind(_:options:)``; served by the HTTP server.
public struct BoundFunctions: Sendable {
    package var functions: [BoundFunction]
    package var setupTimes: [(group: String, duration: Duration)] = []

    package init(functions: [BoundFunction], setupTimes: [(group: String, duration: Duration)] = []) {
        self.functions = functions
        self.setupTimes = setupTimes
    }

    /// The qualified names, in serving order.
    public var names: [String] { functions.map(\.route.qualifiedName) }
}

/// A function ready to serve: routed and bound to its group's state.
package struct BoundFunction: Sendable {
    package let route: Route
    package let description: FunctionDescription
    /// The parameters' names, in declaration order: what arguments are matched to.
    package let parameterNames: DeclaredNames
    /// Whether `GET` with a query string can carry every parameter.
    package let acceptsQuery: Bool
    /// Whether a parameter is a file, so requests may carry uploads (and get the larger body limit).
    package let takesFiles: Bool
    /// The file parameter that a whole request body (`Content-Type: image/png`) fills: set when exactly
    /// one parameter is a file.
    package let bodyFileParameter: Int?
    package let call: Invocation<Void>
    /// Where its batched calls are told of, when it batches.
    package let batches: BatchEvents?

    package init<G: Sendable>(_ function: ServedFunction<G>, group: String?, state: G) {
        route = function.route(group: group)
        description = function.description
        parameterNames = DeclaredNames(description.parameters.map(\.name))
        acceptsQuery = description.acceptsQuery
        let parameters = function.description.parameters
        let files = parameters.indices.filter { parameters[$0].schema.isBinary }
        takesFiles = !files.isEmpty
        bodyFileParameter = files.count == 1 ? files[0] : nil
        call = function.invocation.bound(to: state)
        batches = function.batches
    }

    /// `add`, `iris.predict`.
    package var qualifiedName: String { route.qualifiedName }
}
