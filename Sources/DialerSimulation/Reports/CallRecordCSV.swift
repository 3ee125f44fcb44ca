import DialerCore

/// The call records of one or more runs as CSV (RFC 4180): one line per dial, times in virtual
/// seconds since the start with millisecond precision, empty where a time does not apply.
public enum CallRecordCSV {
    /// The header line's columns.
    public static let columns = [
        "rules", "dial_id", "agent_id", "number", "dialed_at", "answered_at", "talk_ended_at", "ended_at", "outcome", "category",
        "ring_seconds", "talk_seconds",
    ]

    /// The CSV text of every run's calls, each run labelled with its rule file.
    public static func render(_ runs: [(rules: String, calls: [CallRecord])]) -> String {
        var text = columns.joined(separator: ",") + "\r\n"
        for run in runs {
            let rules = field(run.rules)
            for call in run.calls {
                let ring = call.ringEndedAt.map { NumberFormat.fixed($0 - call.dialedAt, decimals: 3) } ?? ""
                let cells = [
                    rules, String(call.dialID), field(call.agentID), field(call.number), time(call.dialedAt), time(call.answeredAt),
                    time(call.talkEndedAt), time(call.endedAt), call.outcome?.rawValue ?? "ringing", call.category.rawValue, ring,
                    call.category == .connect && call.talkEndedAt != nil ? NumberFormat.fixed(call.talkSeconds, decimals: 3) : "",
                ]
                text += cells.joined(separator: ",") + "\r\n"
            }
        }
        return text
    }

    private static func time(_ value: Double?) -> String { value.map { NumberFormat.fixed($0, decimals: 3) } ?? "" }

    /// Quotes a field holding a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
