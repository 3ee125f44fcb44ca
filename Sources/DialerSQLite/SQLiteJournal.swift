import DialerCore
import Foundation
import GRDB

/// The `journal` table of a dialer SQLite file (schema v6): one row per `JournalEntry`,
/// `seq` its sequence number (the rowid: one more than the largest, and pruning always keeps
/// the newest entry, so a number is never reused), `time` its engine time. An event's fields are columns (`agent_id`, `event`, `number`, `reason`); any
/// other input is the JSON of its `JournalInput` in `payload`.
enum SQLiteJournal {
    /// Appends the entries in the caller's transaction. An event, the entry of nearly every
    /// commit, is bound through SQLite's own API (`RowBinder`).
    static func append(_ entries: [JournalEntry], _ db: Database) throws {
        guard !entries.isEmpty else { return }
        let insert = try RowBinder("INSERT INTO journal (time, kind, agent_id, event, number, reason, payload) VALUES (?, ?, ?, ?, ?, ?, ?)", db)
        for entry in entries {
            if case .event(let agentID, let kind, let number, let reason) = entry.input {
                try insert.run {
                    $0.real(entry.time)
                    $0.text(kindEvent)
                    $0.text(agentID)
                    $0.text(kind.rawValue)
                    $0.text(number)
                    $0.text(reason?.rawValue)
                }
            } else {
                let payload = try entry.input.payload()
                try insert.run {
                    $0.real(entry.time)
                    $0.text(entry.kind.rawValue)
                    for _ in 0..<4 { $0.text(nil) }
                    $0.text(payload)
                }
            }
        }
    }

    private static let kindEvent = JournalInput.Kind.event.rawValue

    /// The entries in the range, in sequence order; at most `limit`.
    static func entries(from: JournalBound, to: JournalBound, limit: Int, _ db: Database, store: String) throws -> [JournalEntry] {
        let (low, lowValue) = condition(from, op: ">=")
        let (high, highValue) = condition(to, op: "<")
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM journal WHERE \(low) AND \(high) ORDER BY seq LIMIT ?",
            arguments: [lowValue, highValue, Int64(clamping: limit)])
        return try rows.map { try entry(from: $0, store: store) }
    }

    /// Deletes the entries applied before `time`, except the newest entry; returns how many.
    ///
    /// Entries are appended in the engine clock's order, so time grows with `seq`: the last
    /// entry before `time` is found by bisection on `seq` (a few lookups by rowid, no index on
    /// time), and only entries up to it are looked at. An entry out of that order (a clock set
    /// back between two runs) is pruned once the entries before it are, never early.
    static func prune(before time: Timestamp, _ db: Database) throws -> Int {
        guard let first = try Int64.fetchOne(db, sql: "SELECT min(seq) FROM journal"),
            let last = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM journal"),
            let head = try entryAt(orAfter: first, db), head.time < time
        else { return 0 }
        var low = head.seq  // its entry is before `time`
        var high = last + 1  // past the end: nothing there is before `time`
        while high - low > 1 {
            let middle = low + (high - low) / 2
            guard let entry = try entryAt(orAfter: middle, db) else { break }
            if entry.time < time { low = entry.seq } else { high = middle }
        }
        try db.execute(sql: "DELETE FROM journal WHERE seq <= ? AND seq < ? AND time < ?", arguments: [low, last, time])
        return db.changesCount
    }

    private static func entryAt(orAfter seq: Int64, _ db: Database) throws -> (seq: Int64, time: Timestamp)? {
        try Row.fetchOne(db, sql: "SELECT seq, time FROM journal WHERE seq >= ? ORDER BY seq LIMIT 1", arguments: [seq]).map {
            ($0["seq"], $0["time"])
        }
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
