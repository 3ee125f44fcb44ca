import DialerCore

/// What the service asks telephony to do: the JSON body POSTed to the webhook URL.
///
/// ```json
/// {"type": "dial", "dial_id": 7, "agent_id": "a1", "number": "+12125550100", "report_to": "/dials/7/events"}
/// {"type": "hang_up", "dial_id": 7, "agent_id": "a1", "number": "+12125550100"}
/// ```
struct WebhookRequest: Sendable, Codable, Equatable {
    /// Place a call, or end one.
    enum Kind: String, Sendable, Codable {
        case dial
        case hangUp = "hang_up"
    }

    var type: Kind
    /// The dial to report `call_start`, `call_fail` and `call_end` against (nil only for a
    /// hang-up of a number the service never dialed).
    var dialID: Int?
    var agentID: String
    var number: String
    /// Where telephony reports the call's progress.
    var reportTo: String?

    enum CodingKeys: String, CodingKey {
        case type
        case dialID = "dial_id"
        case agentID = "agent_id"
        case number
        case reportTo = "report_to"
    }

    /// A request to place `dial`.
    static func dial(_ dial: Dial) -> WebhookRequest {
        WebhookRequest(type: .dial, dialID: dial.id, agentID: dial.agentID, number: dial.number, reportTo: "/dials/\(dial.id)/events")
    }

    /// A request to hang up `number`.
    static func hangUp(dialID: Int?, agentID: String, number: String) -> WebhookRequest {
        WebhookRequest(type: .hangUp, dialID: dialID, agentID: agentID, number: number, reportTo: nil)
    }
}
