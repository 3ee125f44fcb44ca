public import DialerCore

/// Telephony for a simulated shift: every dial placed gets its fate from the `CarrierModel`, and
/// the simulation collects new dials and the dialer's hang-ups after each engine step to put the
/// far end's answers, failures and hang-ups on its agenda.
///
/// A line is kept while the simulation's agenda holds an event for it (`expect`, `played`),
/// then forgotten: what it came to is counted as it happens, so a long shift does not keep
/// every line it ever placed.
public final class SimulatedTelephony: Telephony {
    /// A dial the carrier has heard of, with its fate and what became of it on the line.
    public struct Line: Sendable, Equatable {
        /// The dial as placed.
        public var dial: Dial
        /// What the far end does.
        public var fate: CallFate
        /// Who picked up, when someone or something did.
        public var pickup: Pickup?
        /// When the dialer hung up (before an answer, a drop, or a call it ended), if it did.
        public var hungUpAt: Timestamp?
        /// When the talking stopped on a connected call: the lead hung up or the dialer ended it.
        public var talkEndedAt: Timestamp?
        /// Events of this line on the simulation's agenda, not played yet.
        var pending = 0
    }

    /// The far end.
    public let carrier: CarrierModel
    /// The run's seed.
    public let seed: UInt64
    /// The leads' local hour of day at engine time 0.
    public let startHour: Double
    private let clock: any EngineClock
    private var lines: [Int: Line] = [:]
    private var lineByNumber: [String: Int] = [:]
    private var newDials: [Int] = []
    private var newHangUps: [Int] = []
    /// What answering machines and their detection came to, over every dial placed.
    public private(set) var machineCounts = MachineCounts()
    private var peopleHungUp: [Timestamp] = []

    /// Makes telephony whose leads behave as `carrier` draws them from `seed`.
    public init(carrier: CarrierModel, seed: UInt64, clock: any EngineClock, startHour: Double = 9) {
        self.carrier = carrier
        self.seed = seed
        self.startHour = startHour
        self.clock = clock
    }

    /// Draws the dial's fate; the simulation schedules it.
    public func place(_ dial: Dial) {
        let localHour = startHour + dial.dialedAt / 3600
        let (fate, pickup) = carrier.draw(of: dial.number, seed: seed, localHour: localHour)
        lines[dial.id] = Line(dial: dial, fate: fate, pickup: pickup)
        lineByNumber[dial.number] = dial.id
        newDials.append(dial.id)
        if let pickup {
            machineCounts.add(pickup)
            if pickup == .personHungUp { peopleHungUp.append(dial.dialedAt + fate.ringSeconds) }
        }
    }

    /// The simulation put an event of this line on its agenda.
    public func expect(_ dialID: Int) { lines[dialID]?.pending += 1 }

    /// The simulation played an event of this line. With none left the line is forgotten:
    /// nothing will ask for it again, and its call record was counted when the engine
    /// finished the dial (or is counted at the end, from the engine, if it is still open).
    public func played(_ dialID: Int) {
        guard var line = lines[dialID] else { return }
        line.pending -= 1
        guard line.pending <= 0 else {
            lines[dialID] = line
            return
        }
        lines[dialID] = nil
        if lineByNumber[line.dial.number] == dialID { lineByNumber[line.dial.number] = nil }
    }

    /// Lines still kept (placed, with an event to come or not yet scheduled).
    public var openLines: Int { lines.count }

    /// Marks the line of `number` hung up by the dialer now.
    public func hangUp(number: String, agentID: String) {
        guard let id = lineByNumber[number], var line = lines[id], line.dial.agentID == agentID, line.hungUpAt == nil else { return }
        line.hungUpAt = clock.now
        lines[id] = line
        newHangUps.append(id)
    }

    /// The answered call is now the agent's in `dial`.
    public func bridge(_ dial: Dial, placedFor: String) {
        lines[dial.id]?.dial.agentID = dial.agentID
    }

    /// The line of a dial.
    public func line(_ dialID: Int) -> Line? { lines[dialID] }

    /// Whether the dialer hung up this dial.
    public func wasHungUp(_ dialID: Int) -> Bool { lines[dialID]?.hungUpAt != nil }

    /// Records that the talking on a connected call stopped now.
    public func talkEnded(_ dialID: Int) {
        guard lines[dialID]?.talkEndedAt == nil else { return }
        lines[dialID]?.talkEndedAt = clock.now
    }

    /// When detection hung up on each person it took for a machine, in time order.
    public var peopleHungUpTimes: [Timestamp] { peopleHungUp.sorted() }

    /// Dials placed since the last call, in order.
    public func takeNewDials() -> [Line] {
        defer { newDials.removeAll(keepingCapacity: true) }
        return newDials.compactMap { lines[$0] }
    }

    /// Dial ids the dialer hung up since the last call, in order.
    public func takeHangUps() -> [Int] {
        defer { newHangUps.removeAll(keepingCapacity: true) }
        return newHangUps
    }
}
