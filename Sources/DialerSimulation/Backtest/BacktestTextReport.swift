import DialerCore
import Foundation

/// The readable report of `dialer backtest`: what was replayed, the figures of the live and
/// the new rules side by side with their difference (as `simulate --compare` shows them), the
/// same per agent, how the decisions compared, and the first divergences with their inputs.
/// A figure of the new rules that includes modelled dials says how many.
public enum BacktestTextReport {
    /// The whole report.
    public static func render(_ report: BacktestReport) -> String {
        var text = header(report).joined(separator: "\n") + "\n\n"
        text += figures(report).render() + modelled(report) + "\n"
        text += "per agent (live / backtest; the backtest's dials whose answer or failure, and whose call length, was modelled)\n"
        text += perAgent(report).render(indent: "  ") + "\n"
        text += decisions(report.comparison)
        let divergences = divergences(report)
        return text + (divergences.isEmpty ? "" : "\n" + divergences) + (report.isIdentical ? "\nno differences\n" : "")
    }

    /// `modelled: 12 dials' answer or failure, 34 calls' length` under the figures, when any was.
    static func modelled(_ report: BacktestReport) -> String {
        guard report.modelledFates + report.modelledCallLengths > 0 else { return "" }
        let n = NumberFormat.grouped
        return "modelled: \(n(report.modelledFates)) dials' answer or failure (not placed live, or rung on after the live dialer hung up), "
            + "\(n(report.modelledCallLengths)) calls' length (connected here, not live)\n"
    }

    /// What was replayed, in place of what, over which times, and how the far end was played.
    static func header(_ report: BacktestReport) -> [String] {
        let window =
            report.window == BacktestWindow()
            ? "the whole journal"
            : "from \(report.window.from.map(time) ?? "the start") to \(report.window.to.map(time) ?? "the end")"
        return [
            "dialer backtest: \(report.rules) (sha256 \(report.rulesSHA256.prefix(12))…) in place of \(liveRules(report))",
            "journal: \(NumberFormat.grouped(report.journalEntries)) entries from \(time(report.journalStart)) to \(time(report.journalEnd)), replayed from its start; counted: \(window)",
            "far end: each dial gets the reports of the live dial of its number (the k-th dial of a number ↔ its k-th live dial), as long after it as live; what the journal cannot give is modelled by \(report.farEnd.description)",
        ] + report.warnings.map { "warning: \($0)" }
    }

    /// `rules/power.lua (sha256 0a1b2c3d4e5f…, start at 0:00:00)`, each file the journal put live.
    static func liveRules(_ report: BacktestReport) -> String {
        report.liveRules.map { "\($0.file) (sha256 \($0.sha256.prefix(12))…, \($0.trigger) at \(time($0.time)))" }.joined(separator: ", ")
    }

    /// The title of the live column: the file put live, or `live rules` when there were several.
    static func liveTitle(_ report: BacktestReport) -> String {
        let files = liveFiles(report)
        return files.count == 1 ? "live: \(files[0])" : "live rules (\(files.count) files)"
    }

    /// The files the journal put live, each once, in the order they first went live.
    static func liveFiles(_ report: BacktestReport) -> [String] {
        report.liveRules.map(\.file).reduce(into: []) { files, file in if !files.contains(file) { files.append(file) } }
    }

    /// Figure, live, new (with its modelled part), and the new minus the live.
    static func figures(_ report: BacktestReport) -> TextTable {
        var table = TextTable(header: ["figure", liveTitle(report), "backtest: \(report.rules)", "difference"], numericColumns: [1, 2, 3])
        let total = report.total
        for figure in BacktestFigureRow.all {
            table.rows.append([
                figure.label, KeyFigures.text(figure.amount(total.live), figure.unit),
                KeyFigures.text(figure.amount(total.backtest), figure.unit) + figure.modelledNote(total),
                KeyFigures.difference(figure.amount(total.backtest) - figure.amount(total.live), figure.unit),
            ])
        }
        return table
    }

    static func perAgent(_ report: BacktestReport) -> TextTable {
        var table = TextTable(header: [
            "agent", "dials", "connects", "drops", "fails", "no answer", "abandon", "fate modelled", "length modelled",
        ])
        let n = NumberFormat.grouped
        for row in report.agents + [report.total] {
            let (a, b) = (row.live, row.backtest)
            table.rows.append([
                row.agentID, "\(n(a.dials)) / \(n(b.dials))", "\(n(a.connects)) / \(n(b.connects))", "\(n(a.drops)) / \(n(b.drops))",
                "\(n(a.fails)) / \(n(b.fails))", "\(n(a.noAnswers)) / \(n(b.noAnswers))",
                "\(NumberFormat.percent(a.abandonRate)) / \(NumberFormat.percent(b.abandonRate))", n(row.modelled.dials), n(row.modelledLength.dials),
            ])
        }
        return table
    }

    static func decisions(_ comparison: BacktestComparison) -> String {
        let n = NumberFormat.grouped
        return
            "decisions: \(n(comparison.inputsCompared)) inputs both replays got, \(n(comparison.differingDecisions)) decided otherwise; "
            + "\(n(comparison.liveOnlyInputs)) inputs only the live replay got, \(n(comparison.backtestOnlyInputs)) only the backtest got\n"
    }

    static func divergences(_ report: BacktestReport) -> String {
        guard !report.comparison.divergences.isEmpty else { return "" }
        var text = "first diverging decisions\n"
        for divergence in report.comparison.divergences {
            text += "  \(time(divergence.input.time)) \(inputText(divergence))\n"
            text += "    live:     " + stepsText(divergence.live) + "\n"
            text += "    backtest: " + stepsText(divergence.backtest) + "\n"
        }
        return text
    }

    /// `a003 ready × call_fail +12125550101 busy` (status before, in the live replay; the backtest's too when it differs).
    static func inputText(_ divergence: BacktestDivergence) -> String {
        let input = divergence.input
        let live = divergence.live.first?.before?.rawValue ?? "?"
        let backtest = divergence.backtest.first?.before?.rawValue ?? "?"
        let status = live == backtest ? live : "\(live) (backtest: \(backtest))"
        var text = "\(input.agentID ?? "-") \(status) × \(input.event?.rawValue ?? input.kind)"
        if let number = input.number { text += " \(number)" }
        if let reason = input.reason { text += " \(reason.rawValue)" }
        return text
    }

    static func stepsText(_ steps: [BacktestDecision.Step]) -> String {
        steps.isEmpty ? "nothing" : steps.map(\.summary).joined(separator: " | ")
    }

    /// A journal time: the virtual clock (`0:12:05`) for a simulation's, the UTC date and time for a live run's.
    static func time(_ time: Timestamp) -> String {
        guard time >= 366 * 86_400 else { return NumberFormat.clock(time) }
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: time))
    }
}
