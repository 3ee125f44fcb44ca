import DialerCore

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
