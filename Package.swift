// swift-tools-version: 6.1
import CompilerPluginSupport
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "serve",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "serve", targets: ["ServeCLI"]),
        .library(name: "Serve", targets: ["Serve"]),
        .library(name: "Handlers", targets: ["Handlers"]),
        .library(name: "ServeClient", targets: ["ServeClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swiftlang/swift-syntax.git", from: "603.0.1"),
    ],
    targets: [
        // The compiler plug-in behind @Endpoint, @EndpointGroup and @Schema.
        .macro(
            name: "ServeMacros",
            dependencies: [
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings
        ),
        // The generic runtime: JSON, binding, schema, OpenAPI, docs page, HTTP server, command line.
        .target(
            name: "Serve",
            dependencies: [
                "ServeMacros",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // The example functions served by default. They know no HTTP.
        .target(
            name: "Handlers",
            dependencies: ["Serve", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // A client of running services over URLSession, apart from the server so the `serve` binary
        // links no FoundationNetworking (and no libcurl).
        .target(name: "ServeClient", dependencies: ["Serve"], swiftSettings: swiftSettings),
        // The `serve` executable: the runtime's command with the bundled handlers.
        .executableTarget(name: "ServeCLI", dependencies: ["Serve", "Handlers"], swiftSettings: swiftSettings),
        // A raw SwiftNIO server answering a fixed body: the ceiling `bench/run` compares against.
        .executableTarget(
            name: "NIOCeiling",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "bench/NIOCeiling",
            swiftSettings: swiftSettings
        ),
        // In-process speed of the bundled models, for `bench/run`.
        .executableTarget(
            name: "ModelBenchmark",
            dependencies: ["Handlers", "Serve"],
            path: "bench/ModelBenchmark",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ServeTests", dependencies: ["Serve"], swiftSettings: swiftSettings),
        .testTarget(name: "HandlersTests", dependencies: ["Handlers"], swiftSettings: swiftSettings),
        .testTarget(name: "ServeClientTests", dependencies: ["ServeClient", "Handlers"], swiftSettings: swiftSettings),
        // Runs the built `serve` executable as a user would.
        .testTarget(name: "ServeCLITests", dependencies: ["ServeCLI"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ServeMacrosTests",
            dependencies: [
                "ServeMacros",
                .product(name: "SwiftSyntaxMacroExpansion", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
