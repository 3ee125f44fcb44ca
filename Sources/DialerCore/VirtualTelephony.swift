/// How one number behaves when dialed, on the virtual clock (seed 000's manual test: each
/// number with its own dial delay and call length).
public struct CallScript: Sendable, Equatable {
    /// Seconds of ringing before the lead answers; nil: it does not answer.
    public var answerAfter: Timestamp?
    /// Seconds the lead talks once answered before hanging up; nil: until someone else ends it.
    public var talk: Timestamp?
    /// Seconds before the dial fails; used when `answerAfter` is nil.
    public var failAfter: Timestamp?
    /// Why it fails.
    public var reason: FailReason

    /// Makes a script.
    public init(answerAfter: Timestamp? = nil, talk: Timestamp? = nil, failAfter: Timestamp? = nil, reason: FailReason = .failed) {
        self.answerAfter = answerAfter
        self.talk = talk
        self.failAfter = failAfter
        self.reason = reason
    }
}

/// Telephony on a virtual clock: remembers every dial and hang-up, and plays each number's
/// `CallScript` as events that fall due when the clock is advanced.
public final class VirtualTelephony: Telephony {
    /// Scripts by phone number; a number without one rings until told otherwise.
    public var scripts: [String: CallScript] = [:]
    /// Every dial placed, in order.
    public private(set) var placed: [Dial] = []
    /// Every hang-up by the dialer, in order.
    public private(set) var hungUp: [(agentID: String, number: String)] = []
    /// Answered calls connected to another agent than they were placed for, in order.
    public private(set) var bridged: [(dial: Dial, placedFor: String)] = []

    private struct Due {
        var time: Timestamp
        var sequence: Int
        var dialID: Int
        var event: AgentEvent
    }

    private var due: [Due] = []  // sorted by (time, sequence)
    private var sequence = 0
    private var hungUpDials: Set<Int> = []
    private var agentOfDial: [Int: String] = [:]  // bridged dials only

    /// Makes a telephony with no scripts.
    public init() {}

    /// Records the dial and schedules its script.
    public func place(_ dial: Dial) {
        placed.append(dial)
        guard let script = scripts[dial.number] else { return }
        if let answer = script.answerAfter {
            schedule(dial, at: dial.dialedAt + answer, AgentEvent(agentID: dial.agentID, kind: .callStart, number: dial.number))
            if let talk = script.talk {
                schedule(dial, at: dial.dialedAt + answer + talk, AgentEvent(agentID: dial.agentID, kind: .callEnd, number: dial.number))
            }
        } else if let fail = script.failAfter {
            schedule(dial, at: dial.dialedAt + fail, AgentEvent(agentID: dial.agentID, kind: .callFail, number: dial.number, reason: script.reason))
        }
    }

    /// Records the hang-up; the call's scripted events will not happen.
    public func hangUp(number: String, agentID: String) {
        hungUp.append((agentID, number))
        if let dial = placed.last(where: { agent(of: $0) == agentID && $0.number == number && !hungUpDials.contains($0.id) }) {
            hungUpDials.insert(dial.id)
        }
    }

    /// The call now belongs to `dial.agentID`: its scripted hang-up is reported for that agent.
    public func bridge(_ dial: Dial, placedFor: String) {
        bridged.append((dial, placedFor))
        agentOfDial[dial.id] = dial.agentID
        for i in due.indices where due[i].dialID == dial.id { due[i].event.agentID = dial.agentID }
    }

    /// The agent a dial's call belongs to now.
    private func agent(of dial: Dial) -> String { agentOfDial[dial.id] ?? dial.agentID }

    /// Whether the dialer has hung up this dial.
    public func wasHungUp(_ dialID: Int) -> Bool { hungUpDials.contains(dialID) }

    /// The most recent dial of a number.
    public func latestDial(of number: String) -> Dial? { placed.last { $0.number == number } }

    /// Takes the next scripted event due at or before `time`, earliest first (ties in dial order).
    public func popDue(until time: Timestamp) -> (time: Timestamp, event: AgentEvent)? {
        while let first = due.first, first.time <= time {
            due.removeFirst()
            if hungUpDials.contains(first.dialID) { continue }
            return (first.time, first.event)
        }
        return nil
    }

    private func schedule(_ dial: Dial, at time: Timestamp, _ event: AgentEvent) {
        sequence += 1
        let item = Due(time: time, sequence: sequence, dialID: dial.id, event: event)
        let index = due.firstIndex { ($0.time, $0.sequence) > (time, sequence) } ?? due.count
        due.insert(item, at: index)
    }
}
