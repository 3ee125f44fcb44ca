import ArgumentParser
import DialerCore
import Foundation

struct Agents: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, remove and list agents in the store (seed 000: add/delete an agent's dialer).",
        subcommands: [Add.self, Remove.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add agents, each `off` with cdc 0.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Agent ids.") var ids: [String]

        func run() throws {
            let store = try storeOptions.open()
            defer { releaseLeases(of: store) }
            let known = Set(try store.listAgents().map(\.agentID))
            if let duplicate = ids.first(where: known.contains) {
                printError("\(store.location): agent '\(duplicate)' exists already; nothing added")
                throw ExitCode(2)
            }
            if let empty = ids.first(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                printError("agent ids must not be blank, got '\(empty)'; nothing added")
                throw ExitCode(64)
            }
            var batch = StoreBatch()
            batch.states = ids.map { AgentState(agentID: $0) }
            try commit(batch, to: store)
            print("added \(ids.count) agent\(ids.count == 1 ? "" : "s") to \(store.location)")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove agents; refused while an agent is in a call.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Agent ids.") var ids: [String]

        func run() throws {
            let store = try storeOptions.open()
            defer { releaseLeases(of: store) }
            let agents = Dictionary(uniqueKeysWithValues: try store.listAgents().map { ($0.agentID, $0) })
            for id in ids {
                guard let agent = agents[id] else {
                    printError("\(store.location): no agent '\(id)'; nothing removed")
                    throw ExitCode(2)
                }
                if agent.status == .inCall {
                    printError("\(store.location): agent '\(id)' is in a call; log it out first; nothing removed")
                    throw ExitCode(2)
                }
            }
            var batch = StoreBatch()
            batch.removedAgents = ids
            try commit(batch, to: store)
            print("removed \(ids.count) agent\(ids.count == 1 ? "" : "s") from \(store.location)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List agents with the seed's AgentState fields.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "table or json.") var format: OutputFormat = .table

        func run() throws {
            let store = try storeOptions.open(readOnly: true)
            let agents = try store.listAgents()
            let open = store is any SharedAgentStore ? try store.loadDials() : try store.loadOpenDials()  // a node sees only its own open dials
            let ringing = Dictionary(grouping: open.filter { $0.outcome == nil }, by: \.agentID)
            switch format {
            case .json:
                struct Row: Encodable {
                    let agent_id: String, status: String, cdc: Int, latest_lead_phone_number: String?, last_status: String?, timestamp: Double?,
                        in_flight: Int
                }
                try printJSON(
                    agents.map {
                        Row(
                            agent_id: $0.agentID, status: $0.status.rawValue, cdc: $0.cdc, latest_lead_phone_number: $0.latestLeadPhoneNumber,
                            last_status: $0.lastStatus?.rawValue, timestamp: $0.timestamp, in_flight: ringing[$0.agentID]?.count ?? 0)
                    })
            case .table:
                print(
                    TextTable(
                        header: ["agent_id", "status", "cdc", "latest_lead_phone_number", "last_status", "timestamp", "in_flight"],
                        rows: agents.map {
                            [
                                $0.agentID, $0.status.rawValue, String($0.cdc), $0.latestLeadPhoneNumber ?? "-", $0.lastStatus?.rawValue ?? "-",
                                $0.timestamp.map { String(format: "%.3f", $0) } ?? "-", NumberFormat.grouped(ringing[$0.agentID]?.count ?? 0),
                            ]
                        }, numericColumns: [2, 5, 6]
                    ).render(), terminator: "")
                print("\(agents.count) agent\(agents.count == 1 ? "" : "s") in \(store.location)")
            }
        }
    }
}

/// Table or JSON output.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// An admin command must not keep the agents it touched from the nodes that drive them.
func releaseLeases(of store: any AgentStore) {
    try? (store as? any SharedAgentStore)?.releaseLeases()
}

/// Commits, or exits 2 with the store's message.
func commit(_ batch: StoreBatch, to store: any AgentStore) throws {
    do {
        try store.commit(batch)
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}

/// Prints a value as pretty, key-sorted JSON.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
