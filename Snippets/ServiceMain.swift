// A service's executable: the whole `serve` command line (every flag, `list`, `call`, `healthcheck`) for
// its own functions. Here they are declared beside it; in a package they come from a library.
import Serve
import ServeCommandLine

await ServeCommand.main(functions: [$add], info: ServiceInfo(title: "Add example", version: "1.0.0"))

// snippet.hide
/// Adds two integers.
/// - Parameters:
///   - a: The first addend.
///   - b: The second addend.
@Endpoint func add(a: Int, b: Int) -> Int { a &+ b }
