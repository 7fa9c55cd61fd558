// swift-tools-version: 6.1
import PackageDescription

// Your own service: depend on Serve, write functions, build your own `serve`.
let package = Package(
    name: "add-service",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "add-service", targets: ["AddService"])],
    dependencies: [
        // In your project: .package(url: "https://github.com/<you>/serve.git", from: "0.1.0")
        .package(name: "serve", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "AddService",
            dependencies: [.product(name: "Serve", package: "serve")]
        )
    ]
)
