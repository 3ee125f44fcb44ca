public import ArgumentParser
public import DialerCore
import Foundation

struct Leads: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import, generate and list the leads in the store.",
        subcommands: [Import.self, Generate.self, List.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import leads from a CSV file (header: phone; optional id, name, time_zone, priority).",
            discussion: "Good rows load; every bad row is reported as FILE:LINE: reason and does not stop the import. Exit 2 only when nothing could be read.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The CSV file.") var file: String

        func run() throws {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                printError("\(file): cannot read the lead list: \(FileManager.default.fileExists(atPath: file) ? "not UTF-8 text" : "no such file")")
                throw ExitCode(2)
            }
            let result = LeadCSV.parse(text, name: file)
            result.rejected.forEach { printError($0.description) }
            if result.leads.isEmpty, !result.rejected.isEmpty, result.rejected.first?.line == 1 { throw ExitCode(2) }
            let store = try storeOptions.open()
            defer { releaseLeases(of: store) }
            let added: Int
            do { added = try store.addLeadRecords(result.leads) } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            print("imported \(added) lead\(added == 1 ? "" : "s") into \(store.location) (\(result.leads.count - added) already there, \(result.rejected.count) row\(result.rejected.count == 1 ? "" : "s") rejected)")
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add seeded, valid NANP numbers to the store (seed 003's number generation).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "How many numbers.") var count = 1_000
        @Option(help: "Seed of the generator.") var seed: UInt64 = 1
        @Option(name: .customLong("area-code"), help: "Only these area codes (repeatable).") var areaCodes: [Int] = []
        @Flag(help: "Only the fictional 555-0100…0199 range.") var fictional = false

        func run() throws {
            var generator: NANPNumberGenerator
            do { generator = try NANPNumberGenerator(seed: seed, areaCodes: areaCodes, fictional: fictional) } catch {
                printError("--area-code: \(error)")
                throw ExitCode(64)
            }
            let numbers = generator.distinct(count)
            let store = try storeOptions.open()
            defer { releaseLeases(of: store) }
            let added: Int
            do { added = try store.addLeadRecords(numbers.map { LeadRecord(phone: $0) }) } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            let short = numbers.count < count ? " (the range holds only \(numbers.count))" : ""
            print("generated \(numbers.count) numbers\(short), added \(added) new lead\(added == 1 ? "" : "s") to \(store.location)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List leads in dialing order with their state, attempts and when they may be dialed next.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "table or json.") var format: OutputFormat = .table
        @Option(help: "Only leads in this state: available, dialing or done.") var state: LeadState?

        func run() throws {
            let store = try storeOptions.open()
            defer { releaseLeases(of: store) }
            let leads: [StoredLead]
            do { leads = try store.listLeads().filter { state == nil || $0.state == state } } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            func next(_ lead: StoredLead) -> String {
                switch lead.state {
                case .available: "now"
                case .dialing: "after its dial"
                case .done: "never"
                }
            }
            switch format {
            case .json:
                struct Row: Encodable {
                    let number: String, state: String, attempts: Int, priority: Int, id: String?, name: String?, time_zone: String?, next_eligible: String
                }
                try printJSON(leads.map {
                    Row(number: $0.number, state: $0.state.rawValue, attempts: $0.attempts, priority: $0.priority, id: $0.leadID, name: $0.name, time_zone: $0.timeZone, next_eligible: next($0))
                })
            case .table:
                print(renderTable(
                    header: ["number", "state", "attempts", "priority", "next eligible", "id", "name"],
                    rows: leads.map { [$0.number, $0.state.rawValue, String($0.attempts), String($0.priority), next($0), $0.leadID ?? "-", $0.name ?? "-"] }), terminator: "")
                print("\(leads.count) lead\(leads.count == 1 ? "" : "s") in \(store.location)")
            }
        }
    }
}

extension LeadState: ExpressibleByArgument {}
