import DialerCore

/// What the shadow rules decided compared with the live ones, by matrix cell, since the service
/// started (a shadow reload keeps counting), and the first differences of the shadow file in
/// place as examples: kept, not rolling, so the first surprise stays visible however long the
/// service runs; a reloaded file starts its own examples and log lines afresh.
struct ShadowTally {
    /// How one shadow decision compared with the live one.
    enum Verdict {
        /// The same reaction.
        case same
        /// Another reaction.
        case differs
        /// The shadow rules failed on the event (the live event went on).
        case failed
    }

    /// How many examples are kept.
    static let examplesKept = 20
    /// Differences of one cell logged in full before the log only sums them up.
    static let linesPerCell = 5

    /// Decisions compared, differing reactions, and shadow failures, by `MatrixCell.index`.
    private(set) var decisions = [Int](repeating: 0, count: MatrixCell.count)
    private(set) var differences = [Int](repeating: 0, count: MatrixCell.count)
    private(set) var errors = [Int](repeating: 0, count: MatrixCell.count)
    /// The first differences of the shadow file in place, oldest first.
    private(set) var examples: [ShadowExample] = []
    /// Differences (reactions and failures) by cell since the shadow file in place came in: what
    /// the log's budget counts.
    private var sinceReload = [Int](repeating: 0, count: MatrixCell.count)

    /// Counts one decision of `cell`; returns how many differences (reactions and failures) the
    /// cell has had with the shadow file in place, this one included, or nil when it agreed.
    mutating func count(_ cell: MatrixCell, _ verdict: Verdict) -> Int? {
        let index = cell.index
        decisions[index] += 1
        switch verdict {
        case .same: return nil
        case .differs: differences[index] += 1
        case .failed: errors[index] += 1
        }
        sinceReload[index] += 1
        return sinceReload[index]
    }

    /// A reloaded shadow file: the counts go on; its examples and log lines start afresh.
    mutating func startFile() {
        examples.removeAll()
        sinceReload = [Int](repeating: 0, count: MatrixCell.count)
    }

    /// Whether another example is wanted (build it only then).
    var wantsExample: Bool { examples.count < Self.examplesKept }

    /// Keeps an example while fewer than `examplesKept` are kept.
    mutating func keep(_ example: ShadowExample) {
        if wantsExample { examples.append(example) }
    }

    /// Whether the cell's `count`th difference with this shadow file is logged: the first
    /// `linesPerCell` in full, then a summary at 10, 100, 1,000…, so a shadow that differs
    /// everywhere cannot flood the log.
    static func logsInFull(_ count: Int) -> Bool { count <= linesPerCell }

    /// Whether the cell's `count`th difference is summed up in the log (see `logsInFull`).
    static func logsSummary(_ count: Int) -> Bool {
        guard count > linesPerCell else { return false }
        var power = 10
        while power < count { power *= 10 }
        return power == count
    }

    /// The cells decided at least once, row by row.
    var cells: [ShadowView.Cell] {
        MatrixCell.all.filter { decisions[$0.index] > 0 }.map { cell in
            ShadowView.Cell(
                status: cell.status.rawValue, event: cell.event.rawValue, decisions: decisions[cell.index],
                differences: differences[cell.index], errors: errors[cell.index])
        }
    }
}
