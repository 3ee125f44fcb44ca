import DialerCore
import Foundation
import GRDB

/// The `journal` table of a dialer SQLite file (schema v6): one row per `JournalEntry`,
/// `seq` its sequence number (AUTOINCREMENT: never reused, even after pruning), `time` its
/// engine time. An event's fields are columns (`agent_id`, `event`, `number`, `reason`); any
/// other input is the JSON of its `JournalInput` in `payload`.
enum SQLiteJournal {
    /// Appends the entries in the caller's transaction.
    static func append(_ entries: [JournalEntry], _ db: Database) throws {
        guard !entries.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: "INSERT INTO journal (time, kind, agent_id, event, number, reason, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for entry in entries {
            if case .event(let agentID, let kind, let number, let reason) = entry.input {
                try insert.execute(arguments: [entry.time, JournalInput.Kind.event.rawValue, agentID, kind.rawValue, number, reason?.rawValue, nil])
            } else {
                let payload = String(decoding: try JSONEncoder().encode(entry.input), as: UTF8.self)
                try insert.execute(arguments: [entry.time, entry.kind.rawValue, nil, nil, nil, nil, payload])
            }
        }
    }

    /// The entries in the range, in sequence order; at most `limit`.
    static func entries(from: JournalBound, to: JournalBound, limit: Int, _ db: Database, store: String) throws -> [JournalEntry] {
        let (low, lowValue) = condition(from, op: ">=")
        let (high, highValue) = condition(to, op: "<")
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM journal WHERE \(low) AND \(high) ORDER BY seq LIMIT ?",
            arguments: [lowValue, highValue, Int64(clamping: limit)])
        return try rows.map { try entry(from: $0, store: store) }
    }

    /// Deletes the entries applied before `time`; returns how many.
    static func prune(before time: Timestamp, _ db: Database) throws -> Int {
        try db.execute(sql: "DELETE FROM journal WHERE time < ?", arguments: [time])
        return db.changesCount
    }

    private static func condition(_ bound: JournalBound, op: String) -> (String, any DatabaseValueConvertible) {
        switch bound {
        case .sequence(let seq): ("seq \(op) ?", seq)
        case .time(let time): ("time \(op) ?", time)
        }
    }

    private static func entry(from row: Row, store: String) throws -> JournalEntry {
        let seq: Int64 = row["seq"]
        let kind: String = row["kind"]
        let input: JournalInput
        if kind == JournalInput.Kind.event.rawValue {
            let name: String = row["event"] ?? ""
            guard let event = EventKind(rawValue: name) else {
                throw StoreError.corrupt(store: store, reason: "journal entry \(seq) has event '\(name)'")
            }
            input = .event(
                agentID: row["agent_id"] ?? "", kind: event, number: row["number"],
                reason: (row["reason"] as String?).flatMap(FailReason.init(rawValue:)))
        } else {
            let payload: String = row["payload"] ?? ""
            do {
                input = try JSONDecoder().decode(JournalInput.self, from: Data(payload.utf8))
            } catch {
                throw StoreError.corrupt(store: store, reason: "journal entry \(seq) (\(kind)) has a payload this dialer cannot read: \(error)")
            }
        }
        return JournalEntry(sequence: seq, time: row["time"], input: input)
    }
}
