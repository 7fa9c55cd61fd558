// swift-tools-version: 6.1
import PackageDescription

// Your own service: depend on Serve, write functions, build your own `serve`.
let package = Package(
    name: "add-service",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "add-service", targets: ["AddService"]),
        .executable(name: "add-client", targets: ["AddClient"]),
    ],
    dependencies: [
        // In your project: .package(url: "https://github.com/<you>/serve.git", from: "0.1.0")
        .package(name: "serve", path: "../..")
    ],
    targets: [
        // The functions, shared by the service and the client.
        .target(name: "AddFunctions", dependencies: [.product(name: "Serve", package: "serve")]),
        // `serve` for these functions: the whole command line, with the functions compiled in.
        .executableTarget(
            name: "AddService",
            dependencies: [
                "AddFunctions", .product(name: "Serve", package: "serve"),
                .product(name: "ServeCommandLine", package: "serve"),
            ]
        ),
        // Calls the running service with the same declarations, over URLSession: it links no NIO.
        .executableTarget(
            name: "AddClient",
            dependencies: [
                "AddFunctions", .product(name: "Serve", package: "serve"),
                .product(name: "ServeClient", package: "serve"),
            ]
        ),
        // The functions tested through Serve's real routing, binding and error mapping.
        .testTarget(
            name: "AddFunctionsTests",
            dependencies: [
                "AddFunctions", .product(name: "Serve", package: "serve"),
                .product(name: "ServeTesting", package: "serve"),
            ]
        ),
    ]
)
