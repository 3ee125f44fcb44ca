import ArgumentParser
import DialerCore
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

    /// The location chosen by flag, environment or default.
    var location: String {
        store ?? ProcessInfo.processInfo.environment["DIALER_STORE"] ?? "sqlite:dialer.sqlite"
    }

    /// Opens the store, or exits 2 with the store's own message.
    func open() throws -> any AgentStore {
        do {
            return try StoreLocation(location).open()
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }
}

/// A parsed store location.
enum StoreLocation {
    case sqlite(path: String)
    case memory

    init(_ text: String) throws(StoreError) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StoreError.unavailable(store: text, reason: "no file named (sqlite:PATH)") }
            self = .sqlite(path: path)
        } else if text == "memory:" || text == "memory" {
            self = .memory
        } else {
            throw StoreError.unavailable(store: text, reason: "unknown kind of store (expected sqlite:PATH, postgres://… or memory:)")
        }
    }

    func open() throws(StoreError) -> any AgentStore {
        switch self {
        case .sqlite(let path): try SQLiteAgentStore(path: path)
        case .memory: InMemoryAgentStore()
        }
    }
}
