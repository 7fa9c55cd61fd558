/// Serves a function: generates a peer `$name` (a ``ServedFunction``) from the declaration, so its
/// parameter names, types, default values and doc comment are written once, in Swift.
///
/// ```swift
/// /// Adds two integers.
/// /// - Parameters:
/// ///   - a: The first addend.
/// ///   - b: The second addend.
/// @Endpoint func add(a: Int, b: Int) -> Int { a + b }
/// ```
///
/// It also generates an overload that calls the function on a running service (a ``RemoteService`` such
/// as `ServeClient`), with the same arguments and result types: `try await add(on: client, a: 10, b: 20)`;
/// for a method of a group, a static one: `try await Iris.predict(on: client, …)`.
/// - Parameter path: A route to use instead of the one derived from the qualified name.
@attached(peer, names: prefixed(`$`), overloaded)
public macro Endpoint(path: String? = nil) = #externalMacro(module: "ServeMacros", type: "EndpointMacro")

/// Makes a struct a group of functions with shared state: lists its `@Endpoint` methods and adds the
/// ``EndpointGroup`` conformance. The struct provides `init(options:)`.
/// - Parameter name: The name that qualifies the functions; by default the type's name, lowercased.
@attached(member, names: named(groupName), named(groupSummary), named(functions))
@attached(extension, conformances: EndpointGroup)
public macro EndpointGroup(_ name: String? = nil) =
    #externalMacro(module: "ServeMacros", type: "EndpointGroupMacro")

/// Lets a struct or an enum with raw values travel as JSON: adds a ``WireCodable`` conformance whose
/// schema, reader and writer come from the declaration (stored properties in order, with their doc
/// comments; or the enum's cases).
@attached(extension, conformances: WireCodable, names: named(jsonSchema), named(init(json:)), named(writeJSON(to:)))
public macro Schema() = #externalMacro(module: "ServeMacros", type: "SchemaMacro")
