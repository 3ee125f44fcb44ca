/// The JSON of a backtest: `{"identical": …, "report": BacktestReport}`, pretty, keys sorted.
/// Counts are `AgentCallStats`' counters (`dials` = connects + drops + failed + busy +
/// noAnswers + cancelled + ringing); times are engine seconds.
public enum BacktestJSON {
    private struct Document: Encodable {
        var identical: Bool
        var report: BacktestReport
    }

    /// The report as JSON, with a final newline.
    public static func render(_ report: BacktestReport) -> String {
        SimulationJSON.encode(Document(identical: report.isIdentical, report: report))
    }
}
