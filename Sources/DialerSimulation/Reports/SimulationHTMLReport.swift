import DialerCore

/// A self-contained HTML page (inline CSS and SVG, no scripts) for one run or a comparison: the
/// key figures side by side, charts of utilisation, abandon rate and dials in flight over the
/// shift, and the per-agent tables. Byte for byte the same for the same seed and rules.
public enum SimulationHTMLReport {
    private static let colors = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce"]

    /// The page for these runs (the first is the one `--rules` named).
    public static func render(_ reports: [SimulationReport]) -> String {
        guard let first = reports.first else { return "" }
        let title = reports.count == 1 ? "dialer simulate: \(first.rules)" : "dialer simulate: " + reports.map(\.rules).joined(separator: " vs ")
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(HTML.escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 920px; color: #222; padding: 0 1em; }
            h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
            p.setting { color: #555; margin: 0.2em 0; font-size: 0.9em; }
            table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
            th, td { padding: 0.2em 0.7em; border-bottom: 1px solid #e4e4e4; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            thead th { border-bottom: 2px solid #aaa; }
            svg { width: 100%; height: auto; }
            .note { color: #555; font-size: 0.85em; }
            </style>
            </head>
            <body>
            <h1>\(HTML.escape(title))</h1>

            """
        for line in SimulationTextReport.header(first).split(separator: "\n").dropFirst() {
            page += "<p class=\"setting\">\(HTML.escape(String(line)))</p>\n"
        }
        page += "<h2>Key figures</h2>\n<table>\n<thead><tr><th>figure</th>"
        page += reports.map { "<th>\(HTML.escape($0.rules))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        page +=
            "<tr><td>settings</td>"
            + reports.map { "<td>\(HTML.escape($0.ruleSettings.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")))</td>" }.joined()
            + "</tr>\n"
        for figure in KeyFigures.all {
            page += "<tr><td>\(HTML.escape(figure.label))</td>" + reports.map { "<td>\(HTML.escape(figure.value($0)))</td>" }.joined() + "</tr>\n"
        }
        page +=
            "<tr><td>warnings</td>"
            + reports.map { "<td>\(HTML.escape($0.warnings.map { "\($0.code) \($0.count)" }.joined(separator: ", ")))</td>" }.joined() + "</tr>\n"
        page += "</tbody>\n</table>\n"
        page +=
            "<p class=\"note\">Abandon rate = drops ÷ live answers (connects + drops) over the whole run. Utilisation = seconds talking ÷ seconds logged in (wrap-up is not talking). Wait = seconds from becoming ready to the next connected call.</p>\n"

        func series(dashed: Bool = false, suffix: String = "", _ values: (SimulationReport) -> [Double?]) -> [SVGLineChart.Series] {
            reports.enumerated().map { index, report in
                SVGLineChart.Series(name: report.rules + suffix, color: colors[index % colors.count], values: values(report), dashed: dashed)
            }
        }
        page += "<h2>Agent utilisation per minute</h2>\n"
        let utilisation = series { $0.minutes.map { $0.loggedInSeconds > 0 ? $0.utilisation : nil } }
        page +=
            SVGLineChart(series: utilisation, format: { NumberFormat.percent($0, decimals: 0) }, top: 1).render(title: "utilisation per minute")
            + "\n"

        page += "<h2>Abandon rate: whole run so far (solid) and trailing 15 minutes (dashed)</h2>\n"
        let target = first.ruleSettings.first { $0.name == "ABANDON_TARGET" }.flatMap { Double($0.value) } ?? 0.03
        let top = SVGLineChart.roundUp(max(target * 2, reports.flatMap { $0.minutes.map(\.abandonRate) }.max() ?? 0))
        let abandon = SVGLineChart(
            series: series(Self.cumulativeAbandon) + series(dashed: true, suffix: " (15 min)", Self.trailingAbandon),
            format: { NumberFormat.percent($0, decimals: top < 0.1 ? 1 : 0) }, top: top,
            reference: (target, "target " + NumberFormat.percent(target, decimals: 1)))
        page += abandon.render(title: "abandon rate") + "\n"

        page += "<h2>Dials in flight (end of each minute)</h2>\n"
        let inFlight = series { $0.minutes.map { Double($0.inFlight) } }
        page += SVGLineChart(series: inFlight, format: { NumberFormat.fixed($0, decimals: 0) }).render(title: "dials in flight") + "\n"

        page += "<h2>Agents in a call (talking or wrapping up) and logged in</h2>\n"
        let agents =
            series { $0.minutes.map { Double($0.inCall) } } + series(dashed: true, suffix: " (logged in)") { $0.minutes.map { Double($0.loggedIn) } }
        page += SVGLineChart(series: agents, format: { NumberFormat.fixed($0, decimals: 0) }).render(title: "agents in a call") + "\n"

        for report in reports {
            page +=
                "<h2>Per agent: \(HTML.escape(report.rules))</h2>\n<details\(reports.count == 1 ? " open" : "")><summary>\(report.agents.count) agents</summary>\n"
            let table = SimulationTextReport.perAgent(report)
            page += "<table>\n<thead><tr>" + table.header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in table.rows { page += "<tr>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n" }
            page += "</tbody>\n</table>\n</details>\n"
        }
        return page + "</body>\n</html>\n"
    }

    /// The whole-run abandon rate at the end of each minute; a gap before the first answer.
    static func cumulativeAbandon(_ report: SimulationReport) -> [Double?] {
        var answered = 0
        return report.minutes.map { minute in
            answered += minute.answered
            return answered == 0 ? nil : minute.abandonRate
        }
    }

    /// The trailing-window abandon rate; a gap where the window saw no answer.
    static func trailingAbandon(_ report: SimulationReport) -> [Double?] {
        report.minutes.indices.map { index in
            let window = report.minutes[max(0, index - MinuteSeries.trailingMinutes + 1)...index]
            return window.contains { $0.answered > 0 } ? report.minutes[index].abandonRate15Minutes : nil
        }
    }
}
