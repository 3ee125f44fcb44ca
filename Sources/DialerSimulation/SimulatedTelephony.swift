public import DialerCore

/// Telephony for a simulated shift: every dial placed gets its fate from the `CarrierModel`, and
/// the simulation collects new dials and the dialer's hang-ups after each engine step to put the
/// far end's answers, failures and hang-ups on its agenda.
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
    }

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

    /// What answering machines and their detection came to, over every dial placed.
    public var machineCounts: MachineCounts {
        var counts = MachineCounts()
        for line in lines.values { if let pickup = line.pickup { counts.add(pickup) } }
        return counts
    }

    /// When detection hung up on each person it took for a machine, in time order.
    public var peopleHungUpTimes: [Timestamp] {
        lines.values.filter { $0.pickup == .personHungUp }.map { $0.dial.dialedAt + $0.fate.ringSeconds }.sorted()
    }

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
