/// The readable report printed at the end of `dialer simulate`: settings, campaign figures,
/// warnings, an hour-by-hour digest of the time series and one row per agent. Byte for byte the
/// same for the same seed and rules.
public enum SimulationTextReport {
    /// The report of one run.
    public static func render(_ report: SimulationReport) -> String {
        var text = header(report)
        text += "\ncampaign\n"
        let width = KeyFigures.all.map(\.label.count).max() ?? 0
        for figure in KeyFigures.all.dropFirst() {
            text += "  " + figure.label + String(repeating: " ", count: width - figure.label.count) + "  " + figure.value(report) + "\n"
        }
        text += "  (abandon rate over the whole run; utilisation excludes wrap-up; wait = ready until the next connect)\n"
        text += "\nwarnings: " + (report.warnings.isEmpty ? "none" : report.warnings.map { "\($0.code) \($0.count)" }.joined(separator: ", ")) + "\n"
        if let refusal = report.firstRefusal { text += "first refused event: \(refusal)\n" }
        text += "\nby hour\n" + hourly(report).render(indent: "  ")
        text += "\nper agent\n" + perAgent(report).render(indent: "  ")
        return text
    }

    /// The key figures of two or more runs side by side.
    public static func renderComparison(_ reports: [SimulationReport]) -> String {
        guard let first = reports.first else { return "" }
        var text =
            "dialer simulate --compare: \(first.settings.agents) agents × \(NumberFormat.fixed(first.settings.hours, decimals: 1)) h, seed \(first.settings.seed), the same carrier and agents for every rule file\n"
        text += carrierLine(first.settings) + "\n\n"
        var table = TextTable(header: ["figure"] + reports.map(\.rules))
        for figure in KeyFigures.all.dropFirst() { table.rows.append([figure.label] + reports.map(figure.value)) }
        text += table.render() + "\n"
        for report in reports {
            text += "\(report.rules): \(report.ruleSettings.map { "\($0.name) = \($0.value)" }.joined(separator: ", "))\n"
            text +=
                "  warnings: " + (report.warnings.isEmpty ? "none" : report.warnings.map { "\($0.code) \($0.count)" }.joined(separator: ", ")) + "\n"
        }
        return text
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
        for (hour, minutes) in hours.enumerated() {
            let answered = minutes.reduce(0) { $0 + $1.answered }
            let drops = minutes.reduce(0) { $0 + $1.drops }
            let loggedIn = minutes.reduce(0.0) { $0 + $1.loggedInSeconds }
            let talk = minutes.reduce(0.0) { $0 + $1.talkSeconds }
            table.rows.append([
                "\(hour + 1)", "\(minutes.last!.loggedIn)", "\(minutes.reduce(0) { $0 + $1.dials })", "\(answered)",
                "\(minutes.reduce(0) { $0 + $1.connects })", "\(drops)", NumberFormat.percent(answered == 0 ? 0 : Double(drops) / Double(answered)),
                NumberFormat.percent(minutes.last!.abandonRate), NumberFormat.percent(loggedIn == 0 ? 0 : talk / loggedIn),
                "\(minutes.last!.inFlight)",
            ])
        }
        return table
    }

    static func perAgent(_ report: SimulationReport) -> TextTable {
        var table = TextTable(header: [
            "agent", "# Calls", "avg call s", "dials", "connects", "drops", "fails", "no answer", "abandon", "utilisation", "avg wait s", "calls/h",
        ])
        for row in report.agents + [report.campaign] {
            table.rows.append([
                row.agentID, "\(row.calls)", NumberFormat.fixed(row.averageCallSeconds, decimals: 1), "\(row.dials)", "\(row.connects)",
                "\(row.drops)",
                "\(row.fails)", "\(row.noAnswers)", NumberFormat.percent(row.abandonRate), NumberFormat.percent(row.utilisation),
                NumberFormat.fixed(row.averageWaitSeconds, decimals: 1), NumberFormat.fixed(row.callsPerAgentHour, decimals: 2),
            ])
        }
        return table
    }
}
