import DialerCore

/// The readable report printed at the end of `dialer simulate`: settings, campaign figures,
/// warnings, an hour-by-hour digest of the time series and one row per agent. Byte for byte the
/// same for the same seed and rules. Counts group thousands (`12,345`) and figures are
/// right-aligned; the JSON and CSV keep plain numbers.
public enum SimulationTextReport {
    /// The report of one run.
    public static func render(_ report: SimulationReport) -> String {
        var text = header(report)
        text += "\ncampaign\n"
        let figures = KeyFigures.shown(for: [report])
        let width = figures.map(\.label.count).max() ?? 0
        let values = figures.map { $0.value(report) }
        let valueWidth = values.map(\.count).max() ?? 0
        for (figure, value) in zip(figures, values) {
            text += "  " + figure.label + String(repeating: " ", count: width - figure.label.count) + "  "
            text += String(repeating: " ", count: valueWidth - value.count) + value + "\n"
        }
        text +=
            "  (abandon rate over the whole run; utilisation excludes wrap-up; average call time includes it; wait = ready until the next connect)\n"
        text += "\nwarnings: " + warnings(report) + "\n"
        if let refusal = report.firstRefusal { text += "first refused event: \(refusal)\n" }
        text += "\nby hour\n" + hourly(report).render(indent: "  ")
        text += "\nper agent\n" + perAgent(report).render(indent: "  ")
        return text
    }

    /// The key figures of two or more runs side by side, with each run's difference from the first.
    public static func renderComparison(_ reports: [SimulationReport]) -> String {
        guard let first = reports.first else { return "" }
        var text =
            "dialer simulate --compare: \(first.settings.agents) agents × \(NumberFormat.fixed(first.settings.hours, decimals: 1)) h, seed \(first.settings.seed), the same carrier and agents for every rule file\n"
        text += carrierLine(first.settings) + "\n\n"
        text += comparisonTable(reports).render() + "\n"
        for report in reports {
            text += "\(report.rules): \(report.ruleSettings.map { "\($0.name) = \($0.value)" }.joined(separator: ", "))\n"
            text += "  warnings: " + warnings(report) + "\n"
        }
        return text
    }

    /// Figure, one column per run, then `B − A` for each run after the first.
    static func comparisonTable(_ reports: [SimulationReport]) -> TextTable {
        guard let first = reports.first else { return TextTable(header: []) }
        let later = reports.dropFirst()
        var table = TextTable(header: ["figure"] + reports.map(\.rules) + later.map { differenceTitle($0, first) })
        for figure in KeyFigures.shown(for: reports) {
            table.rows.append([figure.label] + reports.map(figure.value) + later.map { figure.difference($0, from: first) })
        }
        return table
    }

    /// `rules/power.lua − my.lua`, the title of a difference column.
    static func differenceTitle(_ report: SimulationReport, _ base: SimulationReport) -> String { "\(report.rules) − \(base.rules)" }

    static func warnings(_ report: SimulationReport) -> String {
        report.warnings.isEmpty ? "none" : report.warnings.map { "\($0.code) \(NumberFormat.grouped($0.count))" }.joined(separator: ", ")
    }

    static func header(_ report: SimulationReport) -> String {
        let s = report.settings
        let rules = report.ruleSettings.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
        var text =
            "dialer simulate: \(s.agents) agents × \(NumberFormat.fixed(s.hours, decimals: 1)) h, seed \(s.seed), rules \(report.rules)\(rules.isEmpty ? "" : " (\(rules))")\n"
        text += carrierLine(s) + "\n"
        text +=
            "desktops: logins spread over \(Int(s.loginSpread)) s, keep-alive every \(NumberFormat.fixed(s.keepAliveEvery, decimals: 0)) s (\(NumberFormat.percent(s.keepAliveMissRate, decimals: 1)) lost), login again after \(NumberFormat.fixed(s.reloginDelay, decimals: 0)) s"
        text += s.pacingTick.map { ", pacing tick every \(NumberFormat.fixed($0, decimals: 1)) s" } ?? ""
        text += "\nran to \(NumberFormat.clock(report.endedAt)) of virtual time\(report.stoppedAtDrainLimit ? " (stopped at the drain limit)" : "")\n"
        return text
    }

    static func carrierLine(_ s: SimulationSettings) -> String {
        let c = s.carrier
        return
            "carrier: \(NumberFormat.percent(c.answerProbability, decimals: 0)) answer (median \(NumberFormat.fixed(c.answerDelayMedian, decimals: 0)) s), "
            + "\(NumberFormat.percent(c.busyProbability, decimals: 0)) busy, \(NumberFormat.percent(c.failedProbability, decimals: 0)) failed, "
            + "\(NumberFormat.percent(c.noAnswerProbability, decimals: 0)) ring out after \(NumberFormat.fixed(c.ringTimeout, decimals: 0)) s; "
            + "talk median \(NumberFormat.fixed(c.talkMedian, decimals: 0)) s; wrap-up median \(NumberFormat.fixed(s.wrapUpMedian, decimals: 0)) s"
    }

    static func hourly(_ report: SimulationReport) -> TextTable {
        var table = TextTable(header: [
            "hour", "logged in", "dials", "answers", "connects", "drops", "abandon", "abandon so far", "utilisation", "in flight",
        ])
        let hours = stride(from: 0, to: report.minutes.count, by: 60).map { report.minutes[$0..<min($0 + 60, report.minutes.count)] }
        let n = NumberFormat.grouped
        for (hour, minutes) in hours.enumerated() {
            let answered = minutes.reduce(0) { $0 + $1.answered }
            let drops = minutes.reduce(0) { $0 + $1.drops }
            let loggedIn = minutes.reduce(0.0) { $0 + $1.loggedInSeconds }
            let talk = minutes.reduce(0.0) { $0 + $1.talkSeconds }
            table.rows.append([
                n(hour + 1), n(minutes.last!.loggedIn), n(minutes.reduce(0) { $0 + $1.dials }), n(answered),
                n(minutes.reduce(0) { $0 + $1.connects }), n(drops), NumberFormat.percent(answered == 0 ? 0 : Double(drops) / Double(answered)),
                NumberFormat.percent(minutes.last!.abandonRate), NumberFormat.percent(loggedIn == 0 ? 0 : talk / loggedIn),
                n(minutes.last!.inFlight),
            ])
        }
        return table
    }

    /// One row per agent and a total row; the first nine columns are `dialer report`'s.
    static func perAgent(_ report: SimulationReport) -> TextTable {
        var table = TextTable(header: [
            "agent", "# Calls", "avg call s", "dials", "connects", "drops", "fails", "no answer", "abandon", "utilisation", "avg wait s", "calls/h",
        ])
        let n = NumberFormat.grouped
        for row in report.agents + [report.campaign] {
            table.rows.append([
                row.agentID, n(row.calls), NumberFormat.readable(row.averageCallSeconds, decimals: 1), n(row.dials), n(row.connects),
                n(row.drops), n(row.fails), n(row.noAnswers), NumberFormat.percent(row.abandonRate), NumberFormat.percent(row.utilisation),
                NumberFormat.readable(row.averageWaitSeconds, decimals: 1), NumberFormat.readable(row.callsPerAgentHour, decimals: 2),
            ])
        }
        return table
    }
}
