/// Calls answered by a person and calls dropped among the dials placed since a time: what an
/// abandon rate over a window (the US regulator's 30 days) is computed from.
public struct CallCounts: Sendable, Equatable {
    /// Dials answered by a person: answered, and ended `connected`, `completed` or `dropped`.
    public var answered: Int
    /// Answered dials dropped (abandoned): no agent took them.
    public var drops: Int

    /// Counts of `answered` and `drops`.
    public init(answered: Int, drops: Int) {
        self.answered = answered
        self.drops = drops
    }

    /// Counts the dials placed at `since` or later.
    public init(_ dials: [Dial], since: Timestamp) {
        let window = dials.filter { $0.dialedAt >= since }
        answered = window.filter { $0.answeredAt != nil && Self.answeredOutcomes.contains($0.outcome) }.count
        drops = window.filter { $0.outcome == .dropped }.count
    }

    /// The outcomes of a dial a person answered (one still `connected` is a call in progress).
    public static let answeredOutcomes: Set<DialOutcome?> = [.connected, .completed, .dropped]

    /// Drops ÷ answered (the FTC/Ofcom definition, as `CampaignFacts.abandonRate`); 0 before any answer.
    public var abandonRate: Double { answered == 0 ? 0 : Double(drops) / Double(answered) }

    /// Both counts added.
    public static func + (left: CallCounts, right: CallCounts) -> CallCounts {
        CallCounts(answered: left.answered + right.answered, drops: left.drops + right.drops)
    }
}
