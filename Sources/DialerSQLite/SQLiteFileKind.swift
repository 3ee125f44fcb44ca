import DialerCore
import Foundation
import GRDB

/// What a file at a store's path is, found through a read-only connection before anything is
/// changed: a foreign or damaged file is refused as it was found (its journal mode included).
enum SQLiteFileKind: Equatable {
    /// No file: a new store.
    case absent
    /// A database with no dialer schema yet and nothing else: an empty file, or a creation that
    /// was interrupted (only the migration record, or nothing, was written). Finished at open.
    case unfinished
    /// A dialer database; `pending` migrations are still to apply.
    case dialer(pending: [String])

    /// Looks at `path` read-only. Throws `corrupt` for a file that is not a database or belongs
    /// to another application, `newerSchema` for a file of a newer dialer.
    static func inspect(path: String, store: String) throws(StoreError) -> SQLiteFileKind {
        guard FileManager.default.fileExists(atPath: path) else { return .absent }
        do {
            let queue = try ReadOnlyQueue.open(path, configuration: Configuration())
            defer { try? queue.close() }
            return try queue.read { db in try kind(of: db, store: store) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteAgentStore.storeError(error, store: store, opening: true)
        }
    }

    private static func kind(of db: Database, store: String) throws -> SQLiteFileKind {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let applied = try SQLiteSchema.applied(db)
        if let newer = SQLiteSchema.unknown(among: applied) {
            throw StoreError.newerSchema(store: store, found: newer, known: SQLiteSchema.latest)
        }
        if appID == SQLiteSchema.applicationID {
            return .dialer(pending: SQLiteSchema.migrations.map(\.id).filter { !applied.contains($0) })
        }
        // The first migration sets the application id with its tables, in one transaction: a
        // file without it holds no dialer table, and is ours only if it holds nothing else.
        guard appID == 0, tables.allSatisfy({ $0 == SQLiteSchema.bookkeepingTable }) else {
            let holding = tables.isEmpty ? "application id \(appID)" : "tables \(tables.prefix(3).joined(separator: ", "))"
            throw StoreError.corrupt(store: store, reason: "it holds \(holding) but is not a dialer database")
        }
        return .unfinished
    }
}
