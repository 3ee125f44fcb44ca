import DialerCore
import Foundation

/// `GET /shadow`: the shadow rule file, what it decided compared with the live rules since the
/// service started, by matrix cell, and the first differences.
struct ShadowView: Sendable, Encodable {
    /// One matrix cell's counts.
    struct Cell: Sendable, Encodable, Equatable {
        var status: String
        var event: String
        /// Decisions of the live rules the shadow was asked about.
        var decisions: Int
        /// Of those, the shadow's reaction differed.
        var differences: Int
        /// Of those, the shadow rules failed (a difference of its own kind).
        var errors: Int
    }

    /// The shadow file, its version, when it was (re)loaded and its settings.
    var rules: LiveRules
    /// When counting began (the service's start): a shadow reload keeps counting.
    var countingSince: Double
    /// Shadow reloads that went in since the start.
    var reloads: Int
    /// The last refused shadow reload, until one goes in.
    var reloadError: ReloadFailure?
    var decisions: Int
    var differences: Int
    var errors: Int
    /// The cells decided at least once, row by row.
    var cells: [Cell]
    /// The first differences (at most `examplesKept`), oldest first.
    var examples: [ShadowExample]
    var examplesKept = ShadowTally.examplesKept

    enum CodingKeys: String, CodingKey {
        case rules, reloads, decisions, differences, errors, cells, examples
        case countingSince = "counting_since"
        case countingSinceText = "counting_since_iso8601"
        case reloadError = "reload_error"
        case examplesKept = "examples_kept"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rules, forKey: .rules)
        try container.encode(countingSince, forKey: .countingSince)
        try container.encode(Date(timeIntervalSince1970: countingSince).ISO8601Format(), forKey: .countingSinceText)
        try container.encode(reloads, forKey: .reloads)
        try container.encodeIfPresent(reloadError, forKey: .reloadError)
        try container.encode(decisions, forKey: .decisions)
        try container.encode(differences, forKey: .differences)
        try container.encode(errors, forKey: .errors)
        try container.encode(cells, forKey: .cells)
        try container.encode(examples, forKey: .examples)
        try container.encode(examplesKept, forKey: .examplesKept)
    }
}

/// One decision where the shadow differed: the event, the agent before it, and both reactions.
struct ShadowExample: Sendable, Encodable {
    /// Engine time of the decision, seconds since 1970.
    var at: Double
    var agentID: String
    var event: String
    var number: String?
    var reason: String?
    /// The agent's status and `cdc` before the event.
    var status: String
    var cdc: Int
    var live: ReactionView
    var shadow: ReactionView

    /// The example of `input`, decided `live` by the live rules and `shadow` by the shadow.
    init(_ input: RuleInput, live: ReactionView, shadow: ReactionView) {
        at = input.campaign.now
        agentID = input.agent.agentID
        event = input.event.kind.rawValue
        number = input.event.number
        reason = input.event.reason?.rawValue
        status = input.agent.status.rawValue
        cdc = input.agent.cdc
        self.live = live
        self.shadow = shadow
    }

    enum CodingKeys: String, CodingKey {
        case at, event, number, reason, status, cdc, live, shadow
        case atText = "at_iso8601"
        case agentID = "agent_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(at, forKey: .at)
        try container.encode(Date(timeIntervalSince1970: at).ISO8601Format(), forKey: .atText)
        try container.encode(agentID, forKey: .agentID)
        try container.encode(event, forKey: .event)
        try container.encodeIfPresent(number, forKey: .number)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encode(status, forKey: .status)
        try container.encode(cdc, forKey: .cdc)
        try container.encode(live, forKey: .live)
        try container.encode(shadow, forKey: .shadow)
    }
}

/// A reaction as a person reads it: the fields set and the effects (`dial 2`, `launch_dialing`),
/// or the error of rules that failed.
struct ReactionView: Sendable, Encodable, Equatable, CustomStringConvertible {
    var status: String?
    var cdc: Int?
    var latestLeadPhoneNumber: String?
    var timestamp: Double?
    var effects: [String] = []
    /// The rules failed (`file:line: message`): nothing was decided.
    var error: String?

    enum CodingKeys: String, CodingKey {
        case status, cdc, timestamp, effects, error
        case latestLeadPhoneNumber = "latest_lead_phone_number"
    }

    /// The view of a reaction.
    init(_ reaction: Reaction) {
        let change = reaction.change
        status = change.status?.rawValue
        cdc = change.cdc
        latestLeadPhoneNumber = change.latestLeadPhoneNumber
        timestamp = change.timestamp
        effects = reaction.effects.map(Self.text)
    }

    /// The view of rules that failed.
    init(error: RuleError) { self.error = error.description }

    private static func text(_ effect: Effect) -> String {
        switch effect {
        case .dial(let count): "dial \(count)"
        case .endCall(let number): "end_call \(number)"
        case .warn(let code, let message): "warn \(code)" + (message.map { ": \($0)" } ?? "")
        case .launchDialing: "launch_dialing"
        }
    }

    /// `set status=ready cdc=0; dial 2, launch_dialing`, `nothing`, or `error: …`, for the log.
    var description: String {
        if let error { return "error: \(error)" }
        var fields: [String] = []
        if let status { fields.append("status=\(status)") }
        if let cdc { fields.append("cdc=\(cdc)") }
        if let latestLeadPhoneNumber { fields.append("latest_lead_phone_number=\(latestLeadPhoneNumber)") }
        if let timestamp { fields.append("timestamp=\(timestamp)") }
        let parts = (fields.isEmpty ? [] : ["set " + fields.joined(separator: " ")]) + (effects.isEmpty ? [] : [effects.joined(separator: ", ")])
        return parts.isEmpty ? "nothing" : parts.joined(separator: "; ")
    }
}
