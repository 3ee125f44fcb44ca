import ArgumentParser
import DialerCore
import DialerPostgres
import DialerSQLite
import Foundation

/// `--store`: where agent state, call records and leads live.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: sqlite:PATH (default sqlite:dialer.sqlite), postgres://USER@HOST:PORT/DB, or memory:. Also DIALER_STORE.",
            valueName: "location"))
    var store: String?

    @Option(help: "PostgreSQL only: this node's name (default: host name and process id). Also DIALER_NODE.")
    var node: String?

    @Option(help: "PostgreSQL only: seconds before another node takes over the agents of a node that stopped renewing.")
    var lease: Double = 15

    /// Tests only: proves the leases matter by running without them.
    @Flag(name: .customLong("unsafe-no-leases"), help: .hidden)
    var unsafeNoLeases = false

    /// The location chosen by flag, environment or default.
    var location: String {
        store ?? ProcessInfo.processInfo.environment["DIALER_STORE"] ?? "sqlite:dialer.sqlite"
    }

    /// Opens the store, or exits 2 with the store's own message. A read-only open (listing and
    /// reporting commands) takes no writer's lock and changes nothing on a SQLite file.
    func open(readOnly: Bool = false) throws -> any AgentStore {
        do {
            return try StoreLocation(location).open(
                node: node ?? ProcessInfo.processInfo.environment["DIALER_NODE"], lease: lease, unsafeNoLeases: unsafeNoLeases, readOnly: readOnly)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }
}

/// A parsed store location.
enum StoreLocation {
    case sqlite(path: String)
    case postgres(url: String)
    case memory

    init(_ text: String) throws(StoreError) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StoreError.unavailable(store: text, reason: "no file named (sqlite:PATH)") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text == "memory:" || text == "memory" {
            self = .memory
        } else {
            throw StoreError.unavailable(store: text, reason: "unknown kind of store (expected sqlite:PATH, postgres://… or memory:)")
        }
    }

    func open(node: String?, lease: Double, unsafeNoLeases: Bool = false, readOnly: Bool = false) throws(StoreError) -> any AgentStore {
        switch self {
        case .sqlite(let path): try SQLiteAgentStore(path: path, access: readOnly ? .readOnly : .readWrite)
        case .postgres(let url): try PostgresAgentStore(url: url, nodeID: node, leaseSeconds: lease, unsafeWithoutLeases: unsafeNoLeases)
        case .memory: InMemoryAgentStore()
        }
    }
}
