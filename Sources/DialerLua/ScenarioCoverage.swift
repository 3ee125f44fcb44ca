public import DialerCore

/// How much of the status × event matrix a set of scenarios reached.
public struct ScenarioCoverage: Sendable, Equatable {
    /// How often each cell was decided, by `MatrixCell.index`.
    public var cellCounts: [Int]

    /// Sums the counts of every result.
    public init(results: [ScenarioResult]) {
        cellCounts = results.reduce(into: Array(repeating: 0, count: MatrixCell.count)) { sum, result in
            for (i, n) in result.cellCounts.enumerated() { sum[i] += n }
        }
    }

    /// How often `cell` was decided.
    public func count(_ cell: MatrixCell) -> Int { cellCounts[cell.index] }

    /// Cells no scenario reached, row by row.
    public var unreachedCells: [MatrixCell] { MatrixCell.all.filter { count($0) == 0 } }

    /// How many cells were reached.
    public var reachedCount: Int { MatrixCell.count - unreachedCells.count }

    /// The share of cells reached, 0…100.
    public var percent: Double { Double(reachedCount) * 100 / Double(MatrixCell.count) }

    /// `85.7%`, `100%`: one decimal, none when whole.
    public var percentText: String { formatPercent(percent) }

    /// Whether at least `threshold` percent of the cells were reached (exactly at it passes).
    public func meets(_ threshold: Double) -> Bool {
        Double(reachedCount) * 100 >= threshold * Double(MatrixCell.count) - 1e-9
    }

    /// `threshold 90%: not met (85.7% of cells reached)`.
    public func verdict(threshold: Double) -> String {
        "threshold \(formatPercent(threshold)): \(meets(threshold) ? "met" : "not met") (\(percentText) of cells reached)"
    }
}

/// A percentage with one decimal, none when whole: `85.7%`, `100%`.
func formatPercent(_ value: Double) -> String {
    formatNumber((value * 10).rounded() / 10) + "%"
}
