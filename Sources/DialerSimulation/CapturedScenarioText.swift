import DialerCore
import DialerLua
import Foundation

/// Writes a `CapturedWindow` as a scenario file in the documented scenario API: a header naming
/// where it came from, the set-up (rules, clock, lead pool, agents where the window found them),
/// then each input at its time with what the live engine did asserted after it.
public struct CapturedScenarioText {
    /// The window.
    public let window: CapturedWindow
    /// Where the journal was read (for the header).
    public let source: String
    /// The path a scenario loads a journaled rule file from.
    public let rulesPath: (JournalReplay.RuleFile) -> String

    /// A writer of `window`, read from `source`.
    public init(window: CapturedWindow, source: String, rulesPath: @escaping (JournalReplay.RuleFile) -> String) {
        self.window = window
        self.source = source
        self.rulesPath = rulesPath
    }

    /// The scenario file.
    public func render() -> String {
        var lines = header() + setUp()
        var now = window.from
        for step in window.steps {
            if step.entry.time > now {
                let (seconds, then) = Self.advance(from: now, to: step.entry.time)
                lines.append(Self.padded("advance(\(seconds))", "-- \(Self.clock(step.entry.time))"))
                now = then
            }
            lines.append(call(step))
            lines += step.after.flatMap(Self.assertions)
        }
        lines.append("")
        lines.append("-- where the window ended")
        lines.append("expect_eq(dials(), \(Self.list(restoredNumbers() + window.placed)), \"every dial, in order\")")
        for (number, outcome) in window.outcomes {
            lines.append("expect_outcome(\"\(number)\", \"\(outcome?.rawValue ?? "ringing")\")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func header() -> [String] {
        let chosen = window.agentIDs.filter { !window.joined.contains($0) }
        let who = chosen.count > 4 ? "\(chosen.count) agents" : chosen.joined(separator: ", ")
        var lines = [
            "-- Captured by `dialer capture` from \(source): agents \(chosen.joined(separator: ", "))\(joinedNote());",
            "-- \(Self.iso(window.from)) to \(window.to.isFinite ? Self.iso(window.to) : "the end of the journal")\(sequenceNote()).",
            "-- Rule file live at the start: \(window.ruleFile.file) (sha256 \(window.ruleFile.sha256.prefix(16))…).",
            "-- Each input comes at its production time (in the comment after `advance`); the lines after it",
            "-- assert what the live engine did. Trim freely: keep the set-up above the first `advance`.",
        ]
        if window.ruleFile.seed != 1 {
            lines.append("-- The live rules' math.random seed was \(window.ruleFile.seed): replay with --seed \(window.ruleFile.seed).")
        }
        let title = "captured \(who), \(Self.clock(window.from)) to \(window.to.isFinite ? Self.clock(window.to) : "end")"
        return lines + ["scenario \(Self.quoted(title))", ""]
    }

    private func joinedNote() -> String {
        window.joined.isEmpty ? "" : " (with \(window.joined.joined(separator: ", ")): answers passed between them)"
    }

    private func sequenceNote() -> String {
        window.sequences.map { ", journal entries \($0.lowerBound) to \($0.upperBound)" } ?? ""
    }

    private func setUp() -> [String] {
        var lines = [rulesCall("rules", window.ruleFile), "start_at \(Self.quoted(Self.iso(window.from)))", "lead_pool {"]
        lines += window.leads.map { "  \(Self.lead($0))," }
        lines.append("}")
        lines += window.agents.map(agent)
        lines += campaign()
        lines.append("")
        return lines
    }

    /// The campaign's counts and recent pacing windows, when the run had any before the window.
    private func campaign() -> [String] {
        let history = window.campaign
        guard history.dials > 0 || history.pacing.calls.count > 0 else { return [] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let json = try? encoder.encode(history) else { return [] }
        return [
            "-- the campaign's counts since the run began (\(history.dials) dials, \(history.answered) answered, \(history.drops) dropped)",
            "-- and its recent pacing windows, as the live rules read them at the window's start",
            "campaign_history [=[\(String(decoding: json, as: UTF8.self))]=]",
        ]
    }

    private static func lead(_ lead: StoredLead) -> String {
        var fields: [String] = []
        if lead.attempts > 0 { fields.append("attempts = \(lead.attempts)") }
        if let outcome = lead.lastOutcome { fields.append("last_outcome = \"\(outcome.rawValue)\"") }
        if let eligible = lead.eligibleAt { fields.append("eligible_at = \(number(eligible))") }
        if let wait = lead.wait { fields.append("wait = \"\(wait.rawValue)\"") }
        if lead.state == .done { fields.append("done = true") }
        if lead.state == .dialing { fields.append("reserved = true") }
        if lead.priority != 0 { fields.append("priority = \(lead.priority)") }
        if let zone = lead.timeZone { fields.append("time_zone = \(quoted(zone))") }
        return fields.isEmpty ? quoted(lead.number) : "{ \(([quoted(lead.number)] + fields).joined(separator: ", ")) }"
    }

    private func agent(_ start: CapturedWindow.AgentStart) -> String {
        let state = start.state
        var fields = ["status = \"\(state.status.rawValue)\"", "cdc = \(state.cdc)"]
        if let number = state.latestLeadPhoneNumber { fields.append("latest_lead_phone_number = \(Self.quoted(number))") }
        if let last = state.lastStatus { fields.append("last_status = \"\(last.rawValue)\"") }
        if let stamp = state.timestamp { fields.append("timestamp = \(Self.number(stamp))") }
        fields.append("since = \(Self.number(start.since))")
        if !start.ringing.isEmpty {
            fields.append(
                "ringing = { \(start.ringing.map { "{ \(Self.quoted($0.number)), dialed_at = \(Self.number($0.dialedAt)) }" }.joined(separator: ", ")) }"
            )
        }
        if let call = start.call {
            fields.append(
                "call = { \(Self.quoted(call.number)), dialed_at = \(Self.number(call.dialedAt)), answered_at = \(Self.number(call.answeredAt ?? call.dialedAt)) }"
            )
        }
        return "agent(\(Self.quoted(state.agentID)), { \(fields.joined(separator: ", ")) })"
    }

    /// The dials the agents had open at the start, in the order `agent` restores them.
    private func restoredNumbers() -> [String] {
        window.agents.flatMap { $0.openDials.map(\.number) }
    }

    /// The scenario call that sends the input.
    private func call(_ step: CapturedWindow.Step) -> String {
        switch step.entry.input {
        case .event(let id, let kind, let number, let reason):
            let args =
                [Self.quoted(id)] + (number.map { [Self.quoted($0)] } ?? (reason == nil ? [] : ["nil"]))
                + (reason.map { [Self.quoted($0.rawValue)] } ?? [])
            return args.count == 1 ? "\(kind.rawValue) \(args[0])" : "\(kind.rawValue)(\(args.joined(separator: ", ")))"
        case .agentAdded(let id): return "agent \(Self.quoted(id))"
        case .agentRemoved(let id): return "remove_agent \(Self.quoted(id))"
        case .leadsAdded: return "add_leads \(Self.list(step.numbers))"
        case .callback(let number, let time): return "callback(\(Self.quoted(number)), \(Self.number(time)))"
        case .rules:
            return rulesCall("reload_rules", step.ruleFile ?? window.ruleFile)
        case .dialingPaused(let paused): return paused ? "pause_dialing()" : "resume_dialing()"
        case .simulation: return "-- (a simulation's start)"
        }
    }

    /// `rules "path"`, or with the settings the run laid over the file's: `rules("path", { NAME = value })`.
    private func rulesCall(_ function: String, _ file: JournalReplay.RuleFile) -> String {
        let path = Self.quoted(rulesPath(file))
        guard !file.overrides.isEmpty else { return "\(function) \(path)" }
        let settings = file.overrides.sorted { $0.key < $1.key }.map { "\($0.key) = \(Self.literal($0.value))" }
        return "\(function)(\(path), { \(settings.joined(separator: ", ")) })"
    }

    private static func literal(_ value: LuaValue) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .number(let number): self.number(number)
        default: value.description
        }
    }

    private static func assertions(_ after: CapturedWindow.AgentAfter) -> [String] {
        let id = quoted(after.agentID)
        var lines = ["expect_state(\(id), { status = \"\(after.state.status.rawValue)\", cdc = \(after.state.cdc) })"]
        if let ringing = after.ringing { lines.append("expect_in_flight(\(id), \(list(ringing)))") }
        lines += after.ended.map { "expect_ended \(quoted($0))" }
        lines += after.warnings.map { "expect_warning(\(quoted($0)), \(id))" }
        return lines
    }

    // MARK: Spelling

    private static func quoted(_ text: String) -> String {
        "\""
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(
                of: "\n", with: "\\n") + "\""
    }

    private static func list(_ items: [String]) -> String { items.isEmpty ? "{}" : "{ \(items.map(quoted).joined(separator: ", ")) }" }

    /// A number Lua reads back exactly (Swift's shortest round-trip spelling).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// The shortest `advance` that takes the scenario's clock from `now` to `time` exactly
    /// (the scenario adds it to its clock), and where the clock then is.
    static func advance(from now: Timestamp, to time: Timestamp) -> (String, Timestamp) {
        for digits in [0, 1, 2, 3, 6, 9] {
            let text = String(format: "%.\(digits)f", time - now)
            if let seconds = Double(text), now + seconds == time { return (text, time) }
        }
        return (number(time - now), now + (time - now))
    }

    private static func padded(_ code: String, _ comment: String) -> String {
        code + String(repeating: " ", count: max(1, 48 - code.count)) + comment
    }

    /// `2026-01-15T15:00:00+00:00`, whole seconds.
    static func iso(_ time: Timestamp) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: time.rounded(.down))).replacingOccurrences(of: "Z", with: "+00:00")
    }

    /// `15:00:03.250` (UTC).
    static func clock(_ time: Timestamp) -> String {
        let millis = Int((time * 1000).rounded()) % 86_400_000
        let whole = millis / 1000
        return String(format: "%02d:%02d:%02d.%03d", whole / 3600, whole / 60 % 60, whole % 60, millis % 1000)
    }
}
