import DialerCore

/// The JSON of a backtest: `{"identical": …, "total": …, "report": BacktestReport}`, pretty,
/// keys sorted. `total` holds the campaign's derived figures (dials, abandon rate, …) live,
/// under the new rules, and of its dials whose answer or failure (`modelled`) or whose call
/// length (`modelledLength`) the model gave; the report's rows hold `AgentCallStats`'
/// counters (`dials` = connects + drops + failed + busy + noAnswers + cancelled + ringing).
/// Times are engine seconds.
public enum BacktestJSON {
    private struct Document: Encodable {
        var identical: Bool
        var total: [String: Figures]
        var report: BacktestReport
    }

    /// The figures `dialer report` derives from the counters.
    private struct Figures: Encodable {
        var dials, answered, connects, drops, fails, noAnswers, cancelled, ringing, calls: Int
        var abandonRate, averageCallSeconds: Double

        init(_ s: AgentCallStats) {
            (dials, answered, connects, drops, fails, noAnswers) = (s.dials, s.answered, s.connects, s.drops, s.fails, s.noAnswers)
            (cancelled, ringing, calls, abandonRate, averageCallSeconds) = (s.cancelled, s.ringing, s.calls, s.abandonRate, s.averageCallSeconds)
        }
    }

    /// The report as JSON, with a final newline.
    public static func render(_ report: BacktestReport) -> String {
        let total = report.total
        return SimulationJSON.encode(
            Document(
                identical: report.isIdentical,
                total: [
                    "live": Figures(total.live), "backtest": Figures(total.backtest), "modelled": Figures(total.modelled),
                    "modelledLength": Figures(total.modelledLength),
                ],
                report: report))
    }
}
