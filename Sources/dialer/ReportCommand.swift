import ArgumentParser
import DialerCore
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Per-agent call report from the store: # Calls and average call time (seed 003), dials, connects, drops, fails, no answers, abandon rate.",
        discussion: """
            The same figures as dialer simulate gives for the same store (definitions: docs/simulation.md, "Call metrics: definitions"). \
            Fails = failed + busy; no answers are counted apart. Average call time = seconds from answer to call_end over the \
            connected calls that have ended. Abandon rate = drops ÷ live answers (connects + drops), over every call record in the store.
            """
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
            print(Self.table(report).render(), terminator: "")
        }
    }

    /// The readable table: counts with thousands grouped, figures right-aligned; its columns are
    /// the first nine of `dialer simulate`'s per-agent table.
    static func table(_ report: CallReport) -> TextTable {
        let n = NumberFormat.grouped
        return TextTable(
            header: ["agent", "# Calls", "avg call s", "dials", "connects", "drops", "fails", "no answer", "abandon"],
            rows: (report.agents + [report.total]).map { s in
                [
                    s.agentID, n(s.calls), NumberFormat.readable(s.averageCallSeconds, decimals: 1), n(s.dials), n(s.connects), n(s.drops),
                    n(s.fails), n(s.noAnswers), NumberFormat.percent(s.abandonRate),
                ]
            })
    }

    /// The JSON shape: snake_case, derived figures included.
    struct JSONReport: Encodable {
        struct Row: Encodable {
            let agent_id: String, calls: Int, average_call_seconds: Double, dials: Int, answered: Int, connects: Int, drops: Int, fails: Int,
                no_answers: Int, cancelled: Int, not_placed: Int, ringing: Int, abandon_rate: Double
            init(_ s: AgentCallStats) {
                agent_id = s.agentID
                calls = s.calls
                average_call_seconds = s.averageCallSeconds
                dials = s.dials
                answered = s.answered
                connects = s.connects
                drops = s.drops
                fails = s.fails
                no_answers = s.noAnswers
                cancelled = s.cancelled
                not_placed = s.notPlaced
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
