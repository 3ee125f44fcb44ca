import DialerCore
import Foundation
import Hummingbird

/// Why the service refused a request. Whatever the cause, nothing changed. Rendered as
/// `{"error": "...", "field": "..."}` (and `problems` for a refused rule file) with its status.
enum ServiceError: Error, Sendable, Equatable, CustomStringConvertible, HTTPResponseError {
    /// No or wrong bearer token (401).
    case unauthorized
    /// The wallboard stream's `ticket` is missing, unknown, used or expired.
    case badTicket
    /// The body is not JSON, or not the object expected (400).
    case malformedJSON(String)
    /// A field is missing, of the wrong type or has a value out of range (400).
    case invalidField(field: String, message: String)
    /// The body is larger than the limit (413).
    case bodyTooLarge(limit: Int)
    /// No agent with this id is driven here (404).
    case unknownAgent(String)
    /// An agent with this id exists already (409).
    case agentExists(String)
    /// The agent is in a call and cannot be removed (409).
    case agentInCall(String)
    /// No open dial with this id is known (404).
    case unknownDial(Int)
    /// No open dial to this number is known (404).
    case unknownNumber(String)
    /// No lead has this number (404).
    case unknownLead(String)
    /// The lead is in a dial now, so its standing cannot change (409).
    case leadInDial(String)
    /// The call event does not fit the dial's state, e.g. `call_end` before `call_start` (409).
    case callStateConflict(dialID: Int, message: String)
    /// Another node drives the agent now (409).
    case lostAgent(agentID: String, reason: String)
    /// The rules failed on the event or asked for something invalid (422).
    case rulesRefused(String)
    /// A rule file failed to load or check; the last good rules keep running (422).
    case rulesRejected([RuleProblem])
    /// Another reload has been loading the rule file since then; the live rules stay (409).
    case reloadInProgress(since: Date, trigger: String)
    /// The service runs without shadow rules (404).
    case shadowOff
    /// The store failed; the cause says how and what to do (503).
    case store(StoreError)
    /// The service is stopping and takes no more events (503).
    case stopping
    /// The path is served, but not with this method (405, with `Allow`).
    case methodNotAllowed(method: String, allowed: [String])
    /// No such route (404), or another HTTP-level refusal.
    case http(status: Int, message: String)

    /// The HTTP status.
    var status: HTTPResponse.Status {
        switch self {
        case .unauthorized, .badTicket: .unauthorized
        case .malformedJSON, .invalidField: .badRequest
        case .bodyTooLarge: .contentTooLarge
        case .unknownAgent, .unknownDial, .unknownNumber, .unknownLead, .shadowOff: .notFound
        case .agentExists, .agentInCall, .callStateConflict, .lostAgent, .leadInDial, .reloadInProgress: .conflict
        case .rulesRefused, .rulesRejected: .unprocessableContent
        case .store, .stopping: .serviceUnavailable
        case .methodNotAllowed: .methodNotAllowed
        case .http(let status, _): HTTPResponse.Status(code: status)
        }
    }

    /// The request field the refusal is about, if one is.
    var field: String? {
        switch self {
        case .invalidField(let field, _): field
        case .unknownAgent, .agentExists, .agentInCall, .lostAgent: "agent_id"
        case .unknownDial: "dial_id"
        case .unknownNumber, .unknownLead, .leadInDial: "number"
        case .callStateConflict, .rulesRefused: "event"
        case .rulesRejected, .reloadInProgress: "rules"
        case .badTicket: "ticket"
        default: nil
        }
    }

    /// The message a person reads.
    var description: String {
        switch self {
        case .unauthorized:
            return "missing or wrong bearer token: send the header 'Authorization: Bearer TOKEN' with the token of --token-file or DIALER_TOKEN"
        case .badTicket:
            return "missing, unknown, used or expired stream ticket: get one (valid 30 s, once) with POST /wallboard/ticket and the bearer token"
        case .malformedJSON(let why):
            return "the body is not the JSON expected: \(why); nothing changed"
        case .invalidField(let field, let message):
            return "field '\(field)': \(message); nothing changed"
        case .bodyTooLarge(let limit):
            return "the body is larger than \(limit) bytes (--max-body); nothing changed"
        case .unknownAgent(let id):
            // The hint repeats the id only when it is short enough to be one.
            let hint = id.utf8.count <= 40 ? id : "ID"
            return "unknown agent \(id.quotedExcerpt()) (add it first: POST /agents {\"agent_id\": \"\(hint)\"}); nothing changed"
        case .agentExists(let id):
            return "agent '\(id)' exists already; nothing changed"
        case .agentInCall(let id):
            return "agent '\(id)' is in a call; log it out first (POST /agents/\(id)/events {\"event\": \"logout\"}); nothing changed"
        case .unknownDial(let id):
            return "no open dial \(id): it was never placed here, or it has ended; nothing changed"
        case .unknownNumber(let number):
            return "no open dial to \(number.quotedExcerpt()): it was never dialed here, or its dial has ended; nothing changed"
        case .unknownLead(let number):
            return "no lead '\(number)' in the store (add it first: POST /leads {\"numbers\": [\"\(number)\"]}); nothing changed"
        case .leadInDial(let number):
            return "lead '\(number)' is in a dial now; schedule the callback once the dial has ended; nothing changed"
        case .callStateConflict(let id, let message):
            return "dial \(id): \(message); nothing changed"
        case .lostAgent(let id, let reason):
            return "agent '\(id)' is driven by another node now (\(reason)); send its events there; nothing changed"
        case .rulesRefused(let why):
            return "the rules refused the event: \(why)"
        case .rulesRejected(let problems):
            return "rule file refused, the last good rules keep running:\n" + problems.map(\.description).joined(separator: "\n")
        case .reloadInProgress(let since, let trigger):
            return
                "a reload (\(trigger)) has been loading the rule file since \(since.ISO8601Format()); the live rules keep running; "
                + "try again once it has finished (a rule file whose top level never ends needs fixing and a restart)"
        case .shadowOff:
            return "no shadow rules: start `dialer serve` with --shadow-rules FILE to run a second rule file on the same events, "
                + "compared with the live rules and never acted on"
        case .store(let cause):
            return "the store failed: \(cause); nothing changed"
        case .stopping:
            return "the service is stopping and takes no more events; send them to another node or after the restart"
        case .methodNotAllowed(let method, let allowed):
            return "\(method.excerpt()) is not served on this path; it takes \(allowed.joined(separator: ", "))"
        case .http(_, let message):
            return message
        }
    }

    /// The refusal of an event by the engine, as a service error.
    init(_ error: EngineError) {
        switch error {
        case .unknownAgent(let id): self = .unknownAgent(id)
        case .agentExists(let id): self = .agentExists(id)
        case .missingField(let event, _, let field): self = .invalidField(field: field, message: "\(event) needs it")
        case .rule, .invalidReaction, .launchLimit: self = .rulesRefused(error.description)
        case .store(let cause, _): self = .store(cause)
        case .lostAgent(let id, let reason): self = .lostAgent(agentID: id, reason: reason)
        }
    }

    /// The refusal of a callback by the store, as a service error.
    init(_ error: CallbackError) {
        switch error {
        case .unknownLead(let number): self = .unknownLead(number)
        case .inDial(let number): self = .leadInDial(number)
        }
    }

    /// The JSON error body.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        var problems: [ErrorBody.Problem]?
        if case .rulesRejected(let list) = self { problems = list.map { ErrorBody.Problem(file: $0.file, line: $0.line, message: $0.message) } }
        let body = ErrorBody(error: description, status: status.code, field: field, problems: problems)
        var response = try JSONResponse(body).response(from: request, context: context)
        response.status = status
        if case .unauthorized = self { response.headers[.wwwAuthenticate] = "Bearer" }
        if case .methodNotAllowed(_, let allowed) = self { response.headers[.allow] = allowed.joined(separator: ", ") }
        return response
    }
}

/// The JSON body of every refusal.
private struct ErrorBody: Encodable {
    struct Problem: Encodable {
        var file: String
        var line: Int?
        var message: String
    }

    var error: String
    var status: Int
    var field: String?
    var problems: [Problem]?
}
