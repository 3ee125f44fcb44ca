/// The figures a person compares between runs, each with its label and how it is shown: the
/// rows of the side-by-side comparison, the campaign block of the text report and the HTML table.
struct KeyFigures {
    /// One figure.
    struct Figure: Sendable {
        /// What it is.
        var label: String
        /// Its text for a run.
        var value: @Sendable (SimulationReport) -> String
    }

    static let all: [Figure] = [
        Figure(label: "agents × shift") { "\($0.settings.agents) × \(NumberFormat.fixed($0.settings.hours, decimals: 1)) h" },
        Figure(label: "dials") { "\($0.campaign.dials)" },
        Figure(label: "live answers") { "\($0.campaign.answered)" },
        Figure(label: "connects") { "\($0.campaign.connects)" },
        Figure(label: "drops (abandoned)") { "\($0.campaign.drops)" },
        Figure(label: "fails (failed + busy)") { "\($0.campaign.fails)" },
        Figure(label: "no answers") { "\($0.campaign.noAnswers)" },
        Figure(label: "cancelled") { "\($0.campaign.cancelled)" },
        Figure(label: "in flight at the end") { "\($0.campaign.inFlight)" },
        Figure(label: "abandon rate (drops ÷ live answers)") { NumberFormat.percent($0.campaign.abandonRate) },
        Figure(label: "utilisation (talk ÷ logged-in time)") { NumberFormat.percent($0.campaign.utilisation) },
        Figure(label: "average wait between calls") { NumberFormat.fixed($0.campaign.averageWaitSeconds, decimals: 1) + " s" },
        Figure(label: "calls per agent-hour") { NumberFormat.fixed($0.campaign.callsPerAgentHour, decimals: 2) },
        Figure(label: "# Calls (seed 003)") { "\($0.campaign.calls)" },
        Figure(label: "average call time (seed 003)") { NumberFormat.fixed($0.campaign.averageCallSeconds, decimals: 1) + " s" },
        Figure(label: "agent-hours logged in") { NumberFormat.fixed($0.campaign.loggedInSeconds / 3600, decimals: 1) },
        Figure(label: "logged out by the dialer / logins again") { "\($0.desktops.loggedOutByDialer) / \($0.desktops.relogins)" },
        Figure(label: "engine events (refused)") { "\($0.events) (\($0.refusedEvents))" },
    ]
}
