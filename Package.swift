// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "dialer",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "DialerCore", targets: ["DialerCore"]),
        .library(name: "DialerLua", targets: ["DialerLua"]),
        .library(name: "DialerSimulation", targets: ["DialerSimulation"]),
        .executable(name: "dialer", targets: ["dialer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.11.0"),  // 1.11: LogHandler.log(event:)
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.70.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.9.0"..<"6.0.0"),  // as postgres-nio asks: one copy
    ],
    targets: [
        // Lua 5.4 from Debian's liblua5.4-dev (pkg-config name `lua5.4`).
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        // Everything that may longjmp lives here, in C: protected calls, the callback trampoline,
        // the instruction-count hook and the capped allocator.
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(
            name: "DialerCore",
            dependencies: [
                .product(name: "DequeModule", package: "swift-collections"), .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(name: "DialerLua", dependencies: ["DialerCore", "CLua", "CLuaShim"], swiftSettings: strict),
        // `dialer simulate`: a discrete-event simulation of a shift on the virtual clock, its
        // metrics and reports, and the two log files (swift-log).
        .target(
            name: "DialerSimulation",
            dependencies: ["DialerCore", "DialerLua", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // The embedded default store: one SQLite file, WAL mode, through GRDB.
        .target(
            name: "DialerSQLite",
            dependencies: ["DialerCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // The shared store for several dialer nodes, in its own target so the core does not depend on it.
        .target(
            name: "DialerPostgres",
            dependencies: [
                "DialerCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The HTTP service (`dialer serve`): routes, webhook telephony, hot reload, metrics. Stores come in from the CLI.
        .target(
            name: "DialerServer",
            dependencies: [
                "DialerCore", "DialerLua",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // What `dialer bench` measures: workloads, timing, memory.
        .target(
            name: "DialerBenchmarks",
            dependencies: ["DialerCore", "DialerLua", "DialerReference"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "dialer",
            dependencies: [
                "DialerCore", "DialerLua", "DialerSQLite", "DialerPostgres", "DialerServer", "DialerBenchmarks", "DialerReference",
                "DialerSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Rainbow", package: "Rainbow"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The README's embedding example (docs/embedding.md), built and run by CI.
        .executableTarget(
            name: "EmbeddingExample",
            dependencies: ["DialerCore", "DialerLua"],
            path: "Examples/Embedding",
            swiftSettings: strict
        ),
        // The seed matrix in plain Swift: reference for the differential test and the benchmark.
        .target(name: "DialerReference", dependencies: ["DialerCore"], path: "Tests/DialerReference", swiftSettings: strict),
        .testTarget(name: "DialerCoreTests", dependencies: ["DialerCore", "DialerReference"], swiftSettings: strict),
        .testTarget(name: "DialerLuaTests", dependencies: ["DialerLua", "DialerCore", "DialerReference"], swiftSettings: strict),
        .testTarget(
            name: "DialerStoreTests", dependencies: ["DialerCore", "DialerSQLite", "DialerPostgres", "DialerReference"], swiftSettings: strict),
        .testTarget(name: "DialerSimulationTests", dependencies: ["DialerSimulation", "DialerCore", "DialerLua"], swiftSettings: strict),
        // End to end through the `dialer` binary; `dialer serve` is driven over HTTP with a real webhook receiver.
        .testTarget(
            name: "DialerCLITests",
            dependencies: [
                "dialer", "DialerLua", "DialerCore", "DialerSQLite", "DialerPostgres", "DialerReference", "DialerBenchmarks",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DialerServerTests",
            dependencies: [
                "DialerServer", "DialerCore", "DialerLua",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
