import ArgumentParser
import DialerCore
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per-agent call report from the store: # Calls and average call time (seed 003), dials, connects, drops, abandon rate.",
        discussion: "Abandon rate = drops ÷ calls answered by a person (FTC/Ofcom definition), over every call record in the store."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let report: CallReport
        do {
            report = CallReport(dials: try store.loadDials())
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        switch format {
        case .json:
            try printJSON(JSONReport(report))
        case .table:
            let rows = (report.agents + [report.total]).map { s in
                [
                    s.agentID, String(s.calls), String(format: "%.1f", s.averageCallSeconds), String(s.dials), String(s.connects),
                    String(s.drops), String(s.fails), String(format: "%.2f%%", s.abandonRate * 100),
                ]
            }
            print(
                renderTable(header: ["agent", "# Calls", "avg call s", "dials", "connects", "drops", "fails", "abandon"], rows: rows), terminator: "")
        }
    }

    /// The JSON shape: snake_case, derived figures included.
    struct JSONReport: Encodable {
        struct Row: Encodable {
            let agent_id: String, calls: Int, average_call_seconds: Double, dials: Int, answered: Int, connects: Int, drops: Int, fails: Int,
                ringing: Int, abandon_rate: Double
            init(_ s: AgentCallStats) {
                agent_id = s.agentID
                calls = s.calls
                average_call_seconds = s.averageCallSeconds
                dials = s.dials
                answered = s.answered
                connects = s.connects
                drops = s.drops
                fails = s.fails
                ringing = s.ringing
                abandon_rate = s.abandonRate
            }
        }
        let agents: [Row]
        let total: Row
        init(_ report: CallReport) {
            agents = report.agents.map(Row.init)
            total = Row(report.total)
        }
    }
}
