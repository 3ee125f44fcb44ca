import DialerCore

/// A row of the backtest's side-by-side figures: its label, unit, amount in a set of call
/// figures, and how the modelled part of the new rules' amount is noted.
struct BacktestFigureRow: Sendable {
    var label: String
    var unit: KeyFigures.Unit
    var amount: @Sendable (AgentCallStats) -> Double
    /// For a rate or an average: the modelled figure that goes into it (the dials it is over).
    var modelledBasis: (@Sendable (AgentCallStats) -> Int)? = nil
    /// The figure depends on calls' lengths (`call_end`), not only on their answers.
    var length = false

    /// ` (41 modelled)` for a count with modelled dials in it, ` (modelled in part)` for a rate
    /// or average over them, nothing without.
    func modelledNote(_ figures: BacktestFigures) -> String {
        let modelled = length ? figures.modelledLength : figures.modelled
        if let modelledBasis { return modelledBasis(modelled) > 0 ? " (modelled in part)" : "" }
        let count = Int(amount(modelled))
        return count > 0 ? " (\(NumberFormat.grouped(count)) modelled)" : ""
    }

    static let all: [BacktestFigureRow] = [
        BacktestFigureRow(label: "dials", unit: .count) { Double($0.dials) },
        BacktestFigureRow(label: "live answers", unit: .count) { Double($0.answered) },
        BacktestFigureRow(label: "connects", unit: .count) { Double($0.connects) },
        BacktestFigureRow(label: "drops (abandoned)", unit: .count) { Double($0.drops) },
        BacktestFigureRow(label: "fails (failed + busy)", unit: .count) { Double($0.fails) },
        BacktestFigureRow(label: "no answers", unit: .count) { Double($0.noAnswers) },
        BacktestFigureRow(label: "cancelled", unit: .count) { Double($0.cancelled) },
        BacktestFigureRow(label: "ringing at the end", unit: .count) { Double($0.ringing) },
        BacktestFigureRow(label: KeyFigures.abandonLabel, unit: .percent, amount: { $0.abandonRate }, modelledBasis: { $0.answered }),
        BacktestFigureRow(label: "# Calls (seed 003)", unit: .count, amount: { Double($0.calls) }, length: true),
        BacktestFigureRow(
            label: "average call time (answer to call_end)", unit: .seconds, amount: { $0.averageCallSeconds }, modelledBasis: { $0.calls },
            length: true),
    ]
}
