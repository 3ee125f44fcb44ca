public import DialerCore

/// The time accounts of all agents and the per-minute bins of the shift, kept as the simulation
/// moves through virtual time.
public struct ShiftTimeline: Sendable {
    /// One account per agent, by index.
    public private(set) var agents: [AgentTimeAccount]
    /// Logged-in seconds of all agents, per minute.
    public private(set) var loggedInByMinute: [Double] = []
    /// Talking seconds of all agents, per minute.
    public private(set) var talkByMinute: [Double] = []
    /// The campaign at the end of each minute already passed: logged in, ready, in call, in flight.
    public private(set) var minuteEnds: [(loggedIn: Int, ready: Int, inCall: Int, inFlight: Int)] = []

    /// Accounts for `count` agents, all logged out.
    public init(agents count: Int) { agents = Array(repeating: AgentTimeAccount(), count: count) }

    /// Changes an agent's flags at `time`, booking the time before.
    public mutating func set(agent index: Int, loggedIn: Bool? = nil, talking: Bool? = nil, at time: Timestamp) {
        book(index, to: time)
        agents[index].set(loggedIn: loggedIn, talking: talking)
    }

    /// The agent is free from `time`.
    public mutating func becameFree(agent index: Int, at time: Timestamp) { agents[index].becameFree(at: time) }

    /// The agent got a call at `time`.
    public mutating func connected(agent index: Int, at time: Timestamp) { agents[index].connected(at: time) }

    /// The agent's running wait is dropped.
    public mutating func stoppedWaiting(agent index: Int) { agents[index].stoppedWaiting() }

    /// Records the campaign at the end of every minute that ends at or before `time`, from the
    /// facts as they stand (nothing happened since the last event).
    public mutating func passMinutes(upTo time: Timestamp, facts: CampaignFacts) {
        while Double(minuteEnds.count + 1) * 60 <= time {
            minuteEnds.append((facts.loggedIn, facts.count(.ready), facts.count(.inCall), facts.inFlight))
        }
    }

    /// Books every agent up to `time` and records the last, partial minute.
    public mutating func finish(at time: Timestamp, facts: CampaignFacts) {
        for index in agents.indices { book(index, to: time) }
        passMinutes(upTo: time, facts: facts)
        if Double(minuteEnds.count) * 60 < time {
            minuteEnds.append((facts.loggedIn, facts.count(.ready), facts.count(.inCall), facts.inFlight))
        }
    }

    private mutating func book(_ index: Int, to time: Timestamp) {
        let (from, loggedIn, talking) = agents[index].advance(to: time)
        guard loggedIn, time > from else { return }
        var start = from
        while start < time {
            let minute = Int(start / 60)
            let end = min(time, Double(minute + 1) * 60)
            while loggedInByMinute.count <= minute {
                loggedInByMinute.append(0)
                talkByMinute.append(0)
            }
            loggedInByMinute[minute] += end - start
            if talking { talkByMinute[minute] += end - start }
            start = end
        }
    }
}
