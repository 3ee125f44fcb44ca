/// The backtest as one self-contained page in the style of `simulate --html`: what was
/// replayed, the side-by-side figures, the per-agent table and the first divergences.
public enum BacktestHTMLReport {
    /// The page.
    public static func render(_ report: BacktestReport) -> String {
        var page = SimulationHTMLReport.head(
            "dialer backtest: \(report.rules) in place of " + BacktestTextReport.liveFiles(report).joined(separator: ", "))
        for line in BacktestTextReport.header(report) { page += "<p class=\"setting\">\(HTML.escape(line))</p>\n" }
        page += "<h2>Key figures</h2>\n" + HTML.table(BacktestTextReport.figures(report))
        let modelled = BacktestTextReport.modelled(report)
        if !modelled.isEmpty { page += "<p class=\"note\">\(HTML.escape(modelled))</p>\n" }
        page +=
            "<p class=\"note\">Difference: the backtest's figure minus the live one; rates in percentage points (pts). "
            + "Figures count the dials placed in the window, as dialer report counts them; “modelled” marks the backtest's dials whose far end the journal could not give.</p>\n"
        page += "<h2>Per agent (live / backtest)</h2>\n<details open><summary>\(report.agents.count) agents</summary>\n"
        page += HTML.table(BacktestTextReport.perAgent(report)) + "</details>\n"
        page += "<h2>Decisions</h2>\n<p>\(HTML.escape(BacktestTextReport.decisions(report.comparison)))</p>\n"
        page += divergences(report)
        return page + "</body>\n</html>\n"
    }

    private static func divergences(_ report: BacktestReport) -> String {
        guard !report.comparison.divergences.isEmpty else { return "<p>No decision differs.</p>\n" }
        var html =
            "<h2>First diverging decisions</h2>\n<table>\n<thead><tr>"
            + ["time", "input", "live", "backtest"].map { "<th style=\"text-align: left\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for divergence in report.comparison.divergences {
            let cells = [
                BacktestTextReport.time(divergence.input.time), BacktestTextReport.inputText(divergence),
                BacktestTextReport.stepsText(divergence.live), BacktestTextReport.stepsText(divergence.backtest),
            ]
            html += "<tr>" + cells.map { "<td style=\"text-align: left\">\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
