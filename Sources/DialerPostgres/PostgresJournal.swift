import DialerCore
import Foundation
import PostgresNIO

/// The `journal` table of a dialer PostgreSQL database (schema v7): one row per `JournalEntry`,
/// `seq` its sequence number (a BIGSERIAL: increasing in the order nodes append, never
/// reused), `time` its engine time, `node` the node that accepted it. An event's fields are
/// columns; any other input is the JSON of its `JournalInput` in `payload`.
enum PostgresJournal {
    /// An INSERT of the entries `values` binds, its parameters numbered from `first`.
    static func insert(firstParameter first: Int) -> String {
        let p = (first..<(first + 8)).map { "$\($0)" }
        return """
            INSERT INTO journal (time, kind, agent_id, event, number, reason, payload, node)
            SELECT u.time, u.kind, NULLIF(u.agent, ''), NULLIF(u.event, ''), NULLIF(u.number, ''), NULLIF(u.reason, ''), NULLIF(u.payload, ''), \(p[7])
            FROM unnest(\(p[0])::float8[], \(p[1])::text[], \(p[2])::text[], \(p[3])::text[], \(p[4])::text[], \(p[5])::text[], \(p[6])::text[])
              WITH ORDINALITY AS u(time, kind, agent, event, number, reason, payload, i) ORDER BY i
            """
    }

    /// The eight values `insert` binds: one array per column, then the node.
    static func values(_ entries: [JournalEntry], node: String, store: String) throws(StoreError) -> [any PostgresDynamicTypeEncodable] {
        var columns = (
            time: [Double](), kind: [String](), agent: [String](), event: [String](), number: [String](), reason: [String](), payload: [String]()
        )
        for entry in entries {
            columns.time.append(entry.time)
            columns.kind.append(entry.kind.rawValue)
            if case .event(let agentID, let kind, let number, let reason) = entry.input {
                columns.agent.append(agentID)
                columns.event.append(kind.rawValue)
                columns.number.append(number ?? "")
                columns.reason.append(reason?.rawValue ?? "")
                columns.payload.append("")
            } else {
                columns.agent.append("")
                columns.event.append("")
                columns.number.append("")
                columns.reason.append("")
                columns.payload.append(try payload(entry, store: store))
            }
        }
        return [columns.time, columns.kind, columns.agent, columns.event, columns.number, columns.reason, columns.payload, node]
    }

    /// The JSON of an input other than an event.
    static func payload(_ entry: JournalEntry, store: String) throws(StoreError) -> String {
        do {
            return try entry.input.payload()
        } catch {
            throw .failed(store: store, reason: "cannot journal a \(entry.kind.rawValue) entry: \(error)")
        }
    }

    /// A condition on `seq` or `time` for one end of a range, and its value.
    static func condition(_ bound: JournalBound, op: String, parameter: Int) -> (String, any PostgresDynamicTypeEncodable) {
        switch bound {
        case .sequence(let seq): ("seq \(op) $\(parameter)", seq)
        case .time(let time): ("time \(op) $\(parameter)::float8", time)
        }
    }

    /// The entry of a row: `columns` are agent_id, event, number, reason and payload.
    static func entry(
        sequence: Int64, time: Double, kind: String, columns: (String?, String?, String?, String?, String?), store: String
    ) throws(StoreError) -> JournalEntry {
        let (agentID, eventName, number, reason, payload) = columns
        guard kind == JournalInput.Kind.event.rawValue else {
            do {
                let input = try JSONDecoder().decode(JournalInput.self, from: Data((payload ?? "").utf8))
                return JournalEntry(sequence: sequence, time: time, input: input)
            } catch {
                throw .corrupt(store: store, reason: "journal entry \(sequence) (\(kind)) has a payload this dialer cannot read: \(error)")
            }
        }
        guard let event = eventName.flatMap(EventKind.init(rawValue:)) else {
            throw .corrupt(store: store, reason: "journal entry \(sequence) has event '\(eventName ?? "")'")
        }
        let input = JournalInput.event(agentID: agentID ?? "", kind: event, number: number, reason: reason.flatMap(FailReason.init(rawValue:)))
        return JournalEntry(sequence: sequence, time: time, input: input)
    }
}
