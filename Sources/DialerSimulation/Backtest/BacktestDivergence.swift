import DialerCore

/// An input both replays got on which the new rules decided otherwise than the live ones: the
/// input (time, agent, event, number, reason) with each side's steps.
public struct BacktestDivergence: Sendable, Equatable, Codable {
    /// The input.
    public var input: BacktestDecision.Input
    /// What the live rules did.
    public var live: [BacktestDecision.Step]
    /// What the new rules did.
    public var backtest: [BacktestDecision.Step]
}

/// The two replays' decisions compared input by input, within the backtest's window. An
/// input is matched to the first unmatched input of the other replay with the same time,
/// agent, event, number and reason.
public struct BacktestComparison: Sendable, Equatable, Codable {
    /// Inputs both replays got.
    public var inputsCompared = 0
    /// Of those, the inputs the new rules decided otherwise.
    public var differingDecisions = 0
    /// Inputs only the live replay got (far-end reports of dials the new rules did not place as live).
    public var liveOnlyInputs = 0
    /// Inputs only the new replay got (far-end events of its own dials).
    public var backtestOnlyInputs = 0
    /// The first differing decisions, in time order.
    public var divergences: [BacktestDivergence] = []

    /// Whether the new rules decided exactly as the live ones.
    public var isIdentical: Bool { differingDecisions == 0 && liveOnlyInputs == 0 && backtestOnlyInputs == 0 }

    /// Compares the decisions in `window`, keeping the first `limit` divergences.
    static func compare(live: [BacktestDecision], backtest: [BacktestDecision], in window: BacktestWindow, limit: Int) -> BacktestComparison {
        var unmatched: [BacktestDecision.Input: [Int]] = [:]
        for (index, decision) in live.enumerated() where window.contains(decision.input.time) {
            unmatched[decision.input, default: []].append(index)
        }
        var comparison = BacktestComparison()
        for decision in backtest where window.contains(decision.input.time) {
            guard let index = unmatched[decision.input]?.first else {
                comparison.backtestOnlyInputs += 1
                continue
            }
            unmatched[decision.input]?.removeFirst()
            comparison.inputsCompared += 1
            guard live[index].steps != decision.steps else { continue }
            comparison.differingDecisions += 1
            if comparison.divergences.count < limit {
                comparison.divergences.append(BacktestDivergence(input: decision.input, live: live[index].steps, backtest: decision.steps))
            }
        }
        comparison.liveOnlyInputs = unmatched.values.reduce(0) { $0 + $1.count }
        return comparison
    }
}
