public import DialerCore

/// Telephony for a backtest's replays: places nothing, but keeps every line the engine asked
/// for (the dial, the agent it belongs to now, and when the dialer hung it up), so the replay
/// can play each dial's far end and tell whether a call is still up.
public final class BacktestTelephony: Telephony {
    /// A dial as the engine placed it, and what the dialer did with it since.
    public struct Line: Sendable, Equatable {
        /// The dial as placed (its `agentID` is the agent it was placed for).
        public var dial: Dial
        /// The agent the call belongs to now (another after answer routing).
        public var agentID: String
        /// When the dialer hung the line up, if it did.
        public var hungUpAt: Timestamp?
    }

    /// The input being applied: hang-ups are stamped with its time.
    public var now: Timestamp = 0
    private var lines: [Int: Line] = [:]
    private var latestByNumber: [String: Int] = [:]
    private var newDials: [Int] = []

    /// No lines yet.
    public init() {}

    /// Keeps the line.
    public func place(_ dial: Dial) {
        lines[dial.id] = Line(dial: dial, agentID: dial.agentID)
        latestByNumber[dial.number] = dial.id
        newDials.append(dial.id)
    }

    /// Marks the latest line of `number` that belongs to `agentID` hung up now.
    public func hangUp(number: String, agentID: String) {
        guard let id = latestByNumber[number], var line = lines[id], line.agentID == agentID, line.hungUpAt == nil else { return }
        line.hungUpAt = now
        lines[id] = line
    }

    /// The answered call now belongs to `dial.agentID`.
    public func bridge(_ dial: Dial, placedFor: String) {
        lines[dial.id]?.agentID = dial.agentID
    }

    /// The line of a dial.
    public func line(_ dialID: Int) -> Line? { lines[dialID] }

    /// The latest line placed to `number`.
    public func latestLine(of number: String) -> Line? { latestByNumber[number].flatMap { lines[$0] } }

    /// Dials placed since the last call, in order.
    public func takeNewDials() -> [Dial] {
        defer { newDials.removeAll(keepingCapacity: true) }
        return newDials.compactMap { lines[$0]?.dial }
    }
}
