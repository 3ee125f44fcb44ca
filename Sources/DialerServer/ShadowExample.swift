import DialerCore
import Foundation

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
