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
    // Linux alone: CI builds and tests on Debian 12 (x86_64), and serving a user's app.swift reads
    // /proc/self/exe and /proc/self/environ. The other platforms are not claimed.
    products: [
        .executable(name: "serve", targets: ["ServeExecutable"]),
        .library(name: "Serve", targets: ["Serve"]),
        .library(name: "ServeHTTP", targets: ["ServeHTTP"]),
        .library(name: "ServeCommandLine", targets: ["ServeCommandLine"]),
        .library(name: "ServeTesting", targets: ["ServeTesting"]),
        .library(name: "ServeClient", targets: ["ServeClient"]),
        .library(name: "ServeImages", targets: ["ServeImages"]),
        .library(name: "ServeGRPC", targets: ["ServeGRPC"]),
        // What `serve` compiles a user's plain app.swift against: the runtime with everything it links (serve
        // links its objects as one `ld -r` object; ServeMacros-tool, built with it, writes the app's program).
        .library(name: "ServeAppRuntime", type: .static, targets: ["ServeApp"]),
        // What an app that loads ONNX models (`ONNXModel` in its app.swift) links beside it: ServeModels,
        // swift-protobuf and OpenBLAS (serve links the objects that are not already in ServeAppRuntime).
        .library(name: "ServeModelsRuntime", type: .static, targets: ["ServeModels"]),
    ],
    // `ONNX` (on by default): the `serve` executable serves ONNX model files (`serve model.onnx`), linking
    // ServeModels, swift-protobuf (with Foundation and ICU) and OpenBLAS. Without it
    // (--disable-default-traits) serve is about 30 MB smaller in a static build.
    traits: [
        .trait(name: "ONNX", description: "serve model.onnx: the serve executable links ServeModels and OpenBLAS"),
        .default(enabledTraits: ["ONNX"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Reads ONNX files (ServeModels); the generated code is committed (scripts/generate-onnx-protobuf).
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax.git", from: "603.0.1"),
        // The Open Inference Protocol over gRPC (ServeGRPC); the generated code is committed
        // (scripts/generate-grpc-protobuf).
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        // `swift package generate-documentation`: the DocC catalogs of Serve, ServeTesting and ServeClient.
        .package(url: "https://github.com/apple/swift-docc-plugin.git", from: "1.4.0"),
        // Counts allocations for bench/request-cost; no product of this package links it.
        .package(url: "https://github.com/ordo-one/malloc-interposer.git", from: "1.6.1"),
    ],
    targets: [
        // The compiler plug-in behind @Endpoint, @EndpointGroup and @Schema. Its executable also turns a plain
        // app.swift into the program `serve` compiles (`generate-app`).
        .macro(
            name: "ServeMacros",
            dependencies: [
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings
        ),
        // The core a functions library links: JSON, schemas, describing and binding functions, the manifest
        // and the protocol of remote calls. No NIO, no Prometheus, no ArgumentParser.
        .target(name: "Serve", dependencies: ["ServeMacros"], swiftSettings: swiftSettings),
        // Serving over HTTP with SwiftNIO: request binding, routing, documents, security, metrics, the
        // server, and the small HTTP/1.1 client the command line and the tests use.
        .target(
            name: "ServeHTTP",
            dependencies: [
                "Serve",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // The `serve` command line: serving, options and their environment twins, logging, and the
        // `list`, `call` and `healthcheck` subcommands. A user's own executable calls ServeCommand.main.
        .target(
            name: "ServeCommandLine",
            dependencies: [
                "Serve", "ServeHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Testing your functions through the real routing, binding and error mapping: in process or on
        // a real socket.
        .target(
            name: "ServeTesting",
            dependencies: [
                "Serve", "ServeHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        // A client of running services over URLSession, apart from the server so the `serve` binary
        // links no FoundationNetworking (and no libcurl), and apps link no NIO.
        .target(name: "ServeClient", dependencies: ["Serve"], swiftSettings: swiftSettings),
        // Decoded images as a parameter type (PNG and JPEG through Debian's libpng and libjpeg-turbo). Apart
        // from the core, so only what takes images links the C libraries. No pkg-config: it would put the
        // system library folder ahead of a folder of static archives given with -Xlinker -L (Dockerfile).
        .systemLibrary(name: "CPNG", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CTurboJPEG", providers: [.apt(["libturbojpeg0-dev"])]),
        .target(name: "ServeImages", dependencies: ["Serve", "CPNG", "CTurboJPEG"], swiftSettings: swiftSettings),
        // The Open Inference Protocol over gRPC beside the HTTP server, on its own port (`--grpc-bind`): the
        // same models, limits, token and metrics. Apart from ServeHTTP, so only the `serve` executable links
        // gRPC, its TLS stack and swift-protobuf (with Foundation); compiled apps do not.
        .target(
            name: "ServeGRPC",
            dependencies: [
                "Serve", "ServeHTTP",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        // zlib, for the gzipped IDX files of Fashion-MNIST.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Running ONNX models on the CPU: reading and checking the file, the operators, the graph's plan. Apart
        // from the core, so only what serves models links swift-protobuf and OpenBLAS.
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .target(
            name: "ServeModels",
            dependencies: ["Serve", "COpenBLAS", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: swiftSettings
        ),
        // ONNX's own node and model tests (Debian's libonnx-testdata) through ServeModels: `scripts/onnx-conformance`.
        .executableTarget(
            name: "ONNXConformance",
            dependencies: ["ServeModels"],
            path: "Tests/ONNXConformance",
            exclude: ["known-failures.txt"],
            swiftSettings: swiftSettings
        ),
        // The entry point of a plain app.swift that `serve` compiled: the generated `main` calls it.
        .target(
            name: "ServeApp", dependencies: ["Serve", "ServeImages", "ServeCommandLine"], swiftSettings: swiftSettings),
        // Serving a user's own code: finding app.swift, the build cache, compiling against the prebuilt
        // runtime, showing compiler errors at the user's lines, --reload and `serve build`.
        .target(name: "ServeAppBuilder", dependencies: ["Serve"], swiftSettings: swiftSettings),
        // The example functions served by default and their models. They know no HTTP and no command line.
        .target(name: "Handlers", dependencies: ["Serve", "ServeImages", "CZlib"], swiftSettings: swiftSettings),
        // The `serve` executable: the command line, the bundled functions and their train/evaluate commands.
        .executableTarget(
            name: "ServeExecutable",
            dependencies: [
                "Serve", "ServeCommandLine", "Handlers", "ServeAppBuilder", "ServeGRPC",
                .target(name: "ServeModels", condition: .when(traits: ["ONNX"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings + [.define("ONNX", .when(traits: ["ONNX"]))]
        ),
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
            dependencies: ["Handlers", "Serve", "ServeImages"],
            path: "bench/ModelBenchmark",
            swiftSettings: swiftSettings
        ),
        // One-thread speed of ONNX models through ServeModels, for `bench/onnx` (beside onnxruntime's).
        .executableTarget(
            name: "ONNXBenchmark",
            dependencies: ["ServeModels"],
            path: "bench/ONNXBenchmark",
            swiftSettings: swiftSettings
        ),
        // A closed-loop load of ModelInfer calls over gRPC, for `bench/grpc` (wrk speaks HTTP/1.1 alone).
        .executableTarget(
            name: "GRPCLoad",
            dependencies: [
                "ServeGRPC",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
            ],
            path: "bench/GRPCLoad",
            swiftSettings: swiftSettings
        ),
        // Functions and groups exercising every kind of parameter and result, for the runtime's tests.
        .target(name: "ServeFixtures", dependencies: ["Serve"], path: "Tests/Fixtures", swiftSettings: swiftSettings),
        // What one request costs through the real pipeline, for the regression guard `bench/request-cost`.
        .executableTarget(
            name: "RequestCost",
            dependencies: [
                "Handlers", "Serve", "ServeHTTP", "ServeCommandLine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "bench/RequestCost",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ServeTests", dependencies: ["Serve", "ServeFixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ServeHTTPTests",
            dependencies: [
                "Serve", "ServeHTTP", "ServeTesting", "ServeFixtures",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServeTestingTests",
            dependencies: [
                "ServeTesting", "ServeFixtures", .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ServeImagesTests", dependencies: ["ServeImages", "Serve"], swiftSettings: swiftSettings),
        .testTarget(name: "HandlersTests", dependencies: ["Handlers", "ServeTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ServeClientTests", dependencies: ["ServeClient", "ServeTesting", "Handlers"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ServeCommandLineTests",
            dependencies: [
                "ServeCommandLine", "Serve", "ServeFixtures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServeModelsTests",
            dependencies: ["ServeModels", "ServeTesting", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ServeGRPCTests",
            dependencies: [
                "ServeGRPC", "ServeHTTP", "ServeFixtures",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "ServeAppBuilderTests", dependencies: ["ServeAppBuilder"], swiftSettings: swiftSettings),
        // Runs the built `serve` executable as a user would.
        .testTarget(name: "ServeExecutableTests", dependencies: ["ServeExecutable"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ServeMacrosTests",
            dependencies: [
                "ServeMacros",
                .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacroExpansion", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
