import DialerCore

/// A self-contained HTML page (inline CSS and SVG, no scripts) for one run or a comparison: the
/// key figures side by side with each run's difference from the first and the abandon rate
/// flagged over its target, charts of utilisation, abandon rate, dials in flight and agents
/// over the shift (each axis titled; the charts stop when the last shift ends), and the
/// per-agent tables. Byte for byte the same for the same seed and rules.
public enum SimulationHTMLReport {
    private static let colors = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce"]

    /// The page for these runs (the first is the one `--rules` named).
    public static func render(_ reports: [SimulationReport]) -> String {
        guard let first = reports.first else { return "" }
        let title = reports.count == 1 ? "dialer simulate: \(first.rules)" : "dialer simulate: " + reports.map(\.rules).joined(separator: " vs ")
        var page = head(title)
        let shift = "\(first.settings.agents) agents × \(NumberFormat.fixed(first.settings.hours, decimals: 1)) h, seed \(first.settings.seed)"
        page += "<p class=\"setting\">\(HTML.escape(shift))</p>\n"
        for line in SimulationTextReport.header(first).split(separator: "\n").dropFirst() {
            page += "<p class=\"setting\">\(HTML.escape(String(line)))</p>\n"
        }
        page += keyFigures(reports)
        page += charts(reports)
        for report in reports {
            page +=
                "<h2>Per agent: \(HTML.escape(report.rules))</h2>\n<details\(reports.count == 1 ? " open" : "")><summary>\(report.agents.count) agents</summary>\n"
            page += HTML.table(SimulationTextReport.perAgent(report)) + "</details>\n"
        }
        return page + "</body>\n</html>\n"
    }

    /// The page's head, its style and its title as a heading.
    static func head(_ title: String) -> String {
        """
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
        th, td { padding: 0.2em 0.7em; border-bottom: 1px solid #e4e4e4; text-align: right; font-variant-numeric: tabular-nums; }
        th:first-child, td:first-child { text-align: left; }
        thead th { border-bottom: 2px solid #aaa; }
        td.difference { color: #444; font-style: italic; }
        td.over-target { background: #fde2e2; color: #9b1c1c; font-weight: 600; }
        svg { width: 100%; height: auto; }
        .note { color: #555; font-size: 0.85em; }
        </style>
        </head>
        <body>
        <h1>\(HTML.escape(title))</h1>

        """
    }

    /// The key figures, one column per run, then one per later run with its difference from the first.
    static func keyFigures(_ reports: [SimulationReport]) -> String {
        guard let first = reports.first else { return "" }
        let later = reports.dropFirst()
        var html = "<h2>Key figures</h2>\n<table>\n<thead><tr><th>figure</th>"
        html += reports.map { "<th>\(HTML.escape($0.rules))</th>" }.joined()
        html += later.map { "<th>\(HTML.escape(SimulationTextReport.differenceTitle($0, first)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        html +=
            "<tr><td>settings</td>"
            + reports.map { "<td>\(HTML.escape($0.ruleSettings.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")))</td>" }.joined()
            + later.map { _ in "<td></td>" }.joined() + "</tr>\n"
        for figure in KeyFigures.shown(for: reports) {
            html += "<tr><td>\(HTML.escape(figure.label))</td>" + reports.map { cell(figure, $0) }.joined()
            html += later.map { "<td class=\"difference\">\(HTML.escape(figure.difference($0, from: first)))</td>" }.joined() + "</tr>\n"
        }
        html +=
            "<tr><td>warnings</td>" + reports.map { "<td>\(HTML.escape(SimulationTextReport.warnings($0)))</td>" }.joined()
            + later.map { _ in "<td></td>" }.joined() + "</tr>\n"
        html += "</tbody>\n</table>\n<p class=\"note\">"
        if !later.isEmpty { html += "Differences: each rule file's figure minus the first's; rates in percentage points (pts). " }
        html +=
            "Abandon rate = drops ÷ live answers (connects + drops) over the whole run, flagged over its target (the rule file's ABANDON_TARGET, else 3%). "
        html +=
            "Utilisation = seconds talking ÷ seconds logged in (wrap-up is not talking). Average call time = answer to call_end (wrap-up included). Wait = seconds from becoming ready to the next connected call.</p>\n"
        return html
    }

    /// A run's figure; the abandon rate over its target is marked in words as well as in red.
    private static func cell(_ figure: KeyFigures.Figure, _ report: SimulationReport) -> String {
        let target = KeyFigures.abandonTarget(report)
        let flagged = [KeyFigures.abandonLabel, KeyFigures.abandonWithDetectionLabel].contains(figure.label)
        guard flagged, figure.amount(report) > target else {
            return "<td>\(HTML.escape(figure.value(report)))</td>"
        }
        let marker = "over the \(NumberFormat.percent(target, decimals: 1)) target"
        return "<td class=\"over-target\" title=\"\(HTML.escape(marker))\">\(HTML.escape(figure.value(report))) ▲ \(HTML.escape(marker))</td>"
    }

    /// Minutes charted: those that start before the last shift ends. After it only calls in
    /// progress go on, with few agents logged in: utilisation near 100% and abandon rates over a
    /// handful of answers would say nothing about the shift.
    public static func chartedMinutes(_ report: SimulationReport) -> [MinuteSample] {
        Array(report.minutes.prefix(Int((report.shiftEndedAt / 60).rounded(.up))))
    }

    private static func charts(_ reports: [SimulationReport]) -> String {
        guard let first = reports.first else { return "" }
        func series(dashed: Bool = false, suffix: String = "", _ values: ([MinuteSample]) -> [Double?]) -> [SVGLineChart.Series] {
            reports.enumerated().map { index, report in
                SVGLineChart.Series(
                    name: report.rules + suffix, color: colors[index % colors.count], values: values(chartedMinutes(report)), dashed: dashed)
            }
        }
        var html = "<p class=\"note\">The charts cover the shift, until the last agent's shift ends at \(NumberFormat.clock(first.shiftEndedAt)); "
        html += "calls still going then end by \(NumberFormat.clock(first.endedAt)) and count in the figures above.</p>\n"
        html += "<h2>Agent utilisation per minute</h2>\n"
        let utilisation = series { $0.map { $0.loggedInSeconds > 0 ? $0.utilisation : nil } }
        html +=
            SVGLineChart(series: utilisation, valueTitle: "utilisation (talk ÷ logged in)", format: { NumberFormat.percent($0, decimals: 0) }, top: 1)
            .render(title: "utilisation per minute") + "\n"

        html += "<h2>Abandon rate: whole run so far (solid) and trailing 15 minutes (dashed)</h2>\n"
        let target = KeyFigures.abandonTarget(first)
        let top = SVGLineChart.roundUp(max(target * 2, reports.flatMap { chartedMinutes($0).map(\.abandonRate) }.max() ?? 0))
        let abandon = SVGLineChart(
            series: series(Self.cumulativeAbandon) + series(dashed: true, suffix: " (15 min)", Self.trailingAbandon),
            valueTitle: "abandon rate (drops ÷ live answers)", format: { NumberFormat.percent($0, decimals: top < 0.1 ? 1 : 0) }, top: top,
            reference: (target, "target " + NumberFormat.percent(target, decimals: 1)))
        html += abandon.render(title: "abandon rate") + "\n"

        html += "<h2>Dials in flight (end of each minute)</h2>\n"
        let inFlight = series { $0.map { Double($0.inFlight) } }
        html +=
            SVGLineChart(series: inFlight, valueTitle: "dials ringing", format: { NumberFormat.readable($0, decimals: 0) })
            .render(title: "dials in flight") + "\n"

        html += "<h2>Agents in a call (talking or wrapping up) and logged in</h2>\n"
        let agents = series { $0.map { Double($0.inCall) } } + series(dashed: true, suffix: " (logged in)") { $0.map { Double($0.loggedIn) } }
        html +=
            SVGLineChart(series: agents, valueTitle: "agents", format: { NumberFormat.readable($0, decimals: 0) }).render(title: "agents in a call")
            + "\n"
        return html
    }

    /// The whole-run abandon rate at the end of each minute; a gap before the first answer.
    static func cumulativeAbandon(_ minutes: [MinuteSample]) -> [Double?] {
        var answered = 0
        return minutes.map { minute in
            answered += minute.answered
            return answered == 0 ? nil : minute.abandonRate
        }
    }

    /// The trailing-window abandon rate; a gap where the window saw no answer.
    static func trailingAbandon(_ minutes: [MinuteSample]) -> [Double?] {
        minutes.indices.map { index in
            let window = minutes[max(0, index - MinuteSeries.trailingMinutes + 1)...index]
            return window.contains { $0.answered > 0 } ? minutes[index].abandonRate15Minutes : nil
        }
    }
}
