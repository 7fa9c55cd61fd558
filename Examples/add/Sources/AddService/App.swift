import AddFunctions
import Serve
import ServeCommandLine

@main
struct App {
    static func main() async {
        await ServeCommand.main(functions: [$add, $divide], info: ServiceInfo(title: "Add example", version: "1.0.0"))
    }
}
