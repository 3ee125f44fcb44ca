/// What a report says about matrix coverage: `--coverage` and `--threshold PCT`.
public struct CoverageRequest: Sendable, Equatable {
    /// `--coverage`: show the status × event grid.
    public var grid: Bool
    /// `--threshold PCT`: say whether this share of cells (percent) was reached; implies the grid.
    public var threshold: Double?

    /// Makes a request; the default asks for nothing.
    public init(grid: Bool = false, threshold: Double? = nil) {
        self.grid = grid
        self.threshold = threshold
    }

    /// Whether the report includes coverage at all.
    public var isRequested: Bool { grid || threshold != nil }
}
