import DialerCore

/// The figures a person compares between runs, each with its label, its amount and its unit: the
/// rows of the side-by-side comparison (with the difference of each run from the first), the
/// campaign block of the text report and the HTML table.
struct KeyFigures {
    /// How a figure is written, and its difference between two runs.
    enum Unit: Sendable {
        /// A count: `12,345`; differences `+1,234`.
        case count
        /// A share: `12.34%`; differences in percentage points, `+1.20 pts`.
        case percent
        /// Seconds with one decimal: `14.5 s`.
        case seconds
        /// A plain number with two decimals: `23.68`.
        case decimal
        /// Hours with one decimal: `12.5` (the label says hours).
        case hours
    }

    /// One figure.
    struct Figure: Sendable {
        /// What it is.
        var label: String
        /// How it is written.
        var unit: Unit
        /// Its amount for a run.
        var amount: @Sendable (SimulationReport) -> Double

        /// Its text for a run.
        func value(_ report: SimulationReport) -> String { KeyFigures.text(amount(report), unit) }

        /// `report`'s amount minus `base`'s, signed, in the figure's unit (`0` when equal).
        func difference(_ report: SimulationReport, from base: SimulationReport) -> String {
            KeyFigures.difference(amount(report) - amount(base), unit)
        }
    }

    /// A difference `delta`, signed, in the unit (`0` when it rounds to nothing; rates in `pts`).
    static func difference(_ delta: Double, _ unit: Unit) -> String {
        let magnitude = unit == .percent ? NumberFormat.readable(abs(delta) * 100, decimals: 2) + " pts" : text(abs(delta), unit)
        // A difference that rounds to nothing gets no sign.
        guard magnitude.contains(where: { $0.isNumber && $0 != "0" }) else { return magnitude }
        return (delta < 0 ? "-" : "+") + magnitude
    }

    static let all: [Figure] = [
        Figure(label: "dials", unit: .count) { Double($0.campaign.dials) },
        Figure(label: "live answers", unit: .count) { Double($0.campaign.answered) },
        Figure(label: "connects", unit: .count) { Double($0.campaign.connects) },
        Figure(label: "drops (abandoned)", unit: .count) { Double($0.campaign.drops) },
        Figure(label: "fails (failed + busy)", unit: .count) { Double($0.campaign.fails) },
        Figure(label: "no answers", unit: .count) { Double($0.campaign.noAnswers) },
        Figure(label: "cancelled", unit: .count) { Double($0.campaign.cancelled) },
        Figure(label: "in flight at the end", unit: .count) { Double($0.campaign.inFlight) },
        Figure(label: abandonLabel, unit: .percent) { $0.campaign.abandonRate },
        Figure(label: "utilisation (talk ÷ logged-in time)", unit: .percent) { $0.campaign.utilisation },
        Figure(label: "average wait between calls", unit: .seconds) { $0.campaign.averageWaitSeconds },
        Figure(label: "calls per agent-hour", unit: .decimal) { $0.campaign.callsPerAgentHour },
        Figure(label: "# Calls (seed 003)", unit: .count) { Double($0.campaign.calls) },
        Figure(label: "average call time (answer to call_end)", unit: .seconds) { $0.campaign.averageCallSeconds },
        Figure(label: "agent-hours logged in", unit: .hours) { $0.campaign.loggedInSeconds / 3600 },
        Figure(label: "logged out by the dialer", unit: .count) { Double($0.desktops.loggedOutByDialer) },
        Figure(label: "logins again", unit: .count) { Double($0.desktops.relogins) },
        Figure(label: "engine events", unit: .count) { Double($0.events) },
        Figure(label: "engine events refused", unit: .count) { Double($0.refusedEvents) },
    ]

    /// Answering machines and their detection: shown when a run met machines or detected them.
    static let machines: [Figure] = [
        Figure(label: "machines detected", unit: .count) { Double($0.machines.detected) },
        Figure(label: "machines sent to agents", unit: .count) { Double($0.machines.passedToAgents) },
        Figure(label: "people hung up by detection", unit: .count) { Double($0.machines.peopleHungUp) },
        Figure(label: abandonWithDetectionLabel, unit: .percent) { $0.abandonRateWithDetection },
    ]

    /// The figures of these runs: every one of `all`, and those of `machines` when a run's
    /// carrier has machines or detection.
    static func shown(for reports: [SimulationReport]) -> [Figure] {
        let withMachines = reports.contains { $0.settings.carrier.machineShare > 0 || $0.settings.carrier.detectionSeconds > 0 }
        return all + (withMachines ? machines : [])
    }

    /// The regulator's abandon rate with detection's hang-ups; also flagged over its target.
    static let abandonWithDetectionLabel = "abandon rate with detection's hang-ups"

    /// The abandon rate's label, also the row the HTML report flags over its target.
    static let abandonLabel = "abandon rate (drops ÷ live answers)"

    /// The abandon target a run is held to: its rule file's `ABANDON_TARGET`, else the 3% cap.
    static func abandonTarget(_ report: SimulationReport) -> Double {
        report.ruleSettings.first { $0.name == "ABANDON_TARGET" }.flatMap { Double($0.value) } ?? 0.03
    }

    static func text(_ amount: Double, _ unit: Unit) -> String {
        switch unit {
        case .count: NumberFormat.readable(amount, decimals: 0)
        case .percent: NumberFormat.percent(amount)
        case .seconds: NumberFormat.readable(amount, decimals: 1) + " s"
        case .decimal: NumberFormat.readable(amount, decimals: 2)
        case .hours: NumberFormat.readable(amount, decimals: 1)
        }
    }
}
