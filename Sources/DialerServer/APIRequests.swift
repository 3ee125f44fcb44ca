import DialerCore
import Foundation

/// `POST /agents/{agent_id}/events`: `{"event": "login"}` (or `logout`, `keep_alive`).
struct AgentEventBody: Decodable {
    var event: String

    /// The events an agent desktop may send.
    static let allowed: [EventKind] = [.login, .logout, .keepAlive]

    /// The event, or a refusal naming the field.
    func kind() throws(ServiceError) -> EventKind {
        guard let kind = EventKind(rawValue: event), Self.allowed.contains(kind) else {
            let hint =
                EventKind(rawValue: event).map { kind in
                    kind == .dialing ? " ('dialing' is internal to the engine)" : " (\(kind) is a call event: POST /dials/{dial_id}/events)"
                } ?? ""
            throw .invalidField(field: "event", message: "unknown agent event \(event.quotedExcerpt())\(hint); expected login, logout or keep_alive")
        }
        return kind
    }
}

/// `POST /dials/{dial_id}/events` and `POST /calls/{number}/events`:
/// `{"event": "call_start"}`, `{"event": "call_fail", "reason": "busy"}`, `{"event": "call_end"}`.
struct CallEventBody: Decodable {
    var event: String
    var reason: String?

    /// The events telephony may send.
    static let allowed: [EventKind] = [.callStart, .callFail, .callEnd]

    /// The event and its reason, or a refusal naming the field.
    func parsed() throws(ServiceError) -> (kind: EventKind, reason: FailReason?) {
        guard let kind = EventKind(rawValue: event), Self.allowed.contains(kind) else {
            throw .invalidField(field: "event", message: "unknown call event \(event.quotedExcerpt()); expected call_start, call_fail or call_end")
        }
        guard let reason else { return (kind, kind == .callFail ? .failed : nil) }
        guard kind == .callFail else { throw .invalidField(field: "reason", message: "only call_fail takes a reason") }
        guard let parsed = FailReason(rawValue: reason) else {
            throw .invalidField(field: "reason", message: "unknown reason \(reason.quotedExcerpt()); expected one of \(FailReason.spelledOut)")
        }
        return (kind, parsed)
    }
}

/// `POST /agents`: `{"agent_id": "a1"}`.
struct NewAgentBody: Decodable {
    var agentID: String

    enum CodingKeys: String, CodingKey {
        case agentID = "agent_id"
    }

    /// The id, or a refusal: 1 to 128 characters of letters, digits and `. _ @ : -`.
    func validID() throws(ServiceError) -> String {
        let allowed = agentID.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "._@:-".contains($0) }
        guard !agentID.isEmpty, agentID.count <= 128, allowed else {
            throw .invalidField(field: "agent_id", message: "\(agentID.quotedExcerpt()) is not an agent id: 1 to 128 letters, digits or . _ @ : -")
        }
        return agentID
    }
}

/// `POST /leads/{number}/callback`: `{"at": "2026-01-15T11:00:00-05:00"}`.
struct CallbackBody: Decodable {
    var at: String

    /// The time as epoch seconds, or a refusal naming `at`.
    func time() throws(ServiceError) -> Timestamp {
        guard let time = parseTimestamp(iso8601: at) else {
            throw .invalidField(field: "at", message: "\(at.quotedExcerpt()) is not an ISO 8601 time with its offset, like 2026-01-15T11:00:00-05:00")
        }
        return time
    }
}

/// `POST /leads`: `{"numbers": ["+12125550100", ...]}`.
struct LeadsBody: Decodable {
    var numbers: [String]

    /// The numbers as E.164, or a refusal naming the first that is not a phone number.
    func validNumbers() throws(ServiceError) -> [String] {
        var valid: [String] = []
        for (i, number) in numbers.enumerated() { valid.append(try NumberField.normalized(number, field: "numbers[\(i)]")) }
        return valid
    }
}
