import DialerCore

/// What the service asks telephony to do: the JSON body POSTed to the webhook URL.
///
/// ```json
/// {"type": "dial", "dial_id": 7, "agent_id": "a1", "number": "+12125550100", "report_to": "/dials/7/events"}
/// {"type": "hang_up", "dial_id": 7, "agent_id": "a1", "number": "+12125550100"}
/// {"type": "bridge", "dial_id": 7, "agent_id": "a2", "placed_for": "a1", "number": "+12125550100"}
/// ```
/// A `bridge` (rules with `ANSWER_ROUTING = "any_ready_agent"`) connects an answered call to
/// another agent than the one it was placed for.
struct WebhookRequest: Sendable, Codable, Equatable {
    /// Place a call, or end one.
    enum Kind: String, Sendable, Codable {
        case dial
        case hangUp = "hang_up"
        case bridge
    }

    var type: Kind
    /// The dial to report `call_start`, `call_fail` and `call_end` against (nil only for a
    /// hang-up of a number the service never dialed).
    var dialID: Int?
    var agentID: String
    var number: String
    /// Where telephony reports the call's progress.
    var reportTo: String?
    /// For a bridge: the agent the call was placed for.
    var placedFor: String? = nil

    enum CodingKeys: String, CodingKey {
        case type
        case dialID = "dial_id"
        case agentID = "agent_id"
        case number
        case reportTo = "report_to"
        case placedFor = "placed_for"
    }

    /// A request to place `dial`.
    static func dial(_ dial: Dial) -> WebhookRequest {
        WebhookRequest(type: .dial, dialID: dial.id, agentID: dial.agentID, number: dial.number, reportTo: "/dials/\(dial.id)/events")
    }

    /// A request to hang up `number`.
    static func hangUp(dialID: Int?, agentID: String, number: String) -> WebhookRequest {
        WebhookRequest(type: .hangUp, dialID: dialID, agentID: agentID, number: number, reportTo: nil)
    }

    /// A request to connect the answered `dial` to `dial.agentID` instead of `placedFor`.
    static func bridge(_ dial: Dial, placedFor: String) -> WebhookRequest {
        WebhookRequest(type: .bridge, dialID: dial.id, agentID: dial.agentID, number: dial.number, reportTo: nil, placedFor: placedFor)
    }
}
