public import ArgumentParser
public import DialerCore
import DialerLua
import Foundation

struct Leads: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import, generate and list the leads in the store, and schedule callbacks.",
        subcommands: [Import.self, Generate.self, List.self, Callback.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import leads from a CSV file (header: phone; optional id, name, time_zone, priority).",
            discussion:
                "Good rows load; every bad row is reported as FILE:LINE: reason and does not stop the import. Exit 2 only when nothing could be read."
        )
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The CSV file.") var file: String

        func run() throws {
            var opened: (any AgentStore)?
            defer { opened.map(releaseLeases) }
            let outcome: LeadImport.Outcome
            do {
                (outcome, opened) = try LeadImport.run(file: file, into: { try storeOptions.open() }, rejected: { printError($0.description) })
            } catch let error as ExitCode {
                throw error
            } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            if outcome.headerRefused { throw ExitCode(2) }  // nothing could be read: the header
            let store = try opened ?? storeOptions.open()
            opened = store
            let (added, rejected) = (outcome.added, outcome.rejected)
            print(
                "imported \(added) lead\(added == 1 ? "" : "s") into \(store.location) (\(outcome.read - added) already there, \(rejected) row\(rejected == 1 ? "" : "s") rejected)"
            )
        }
    }

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add seeded, valid NANP numbers to the store (seed 003's number generation).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Numbers to generate, 1 to 10000000.") var count = 1_000
        @Option(help: "Seed of the generator: the same seed gives the same numbers.") var seed: UInt64 = 1
        @Option(
            name: .customLong("area-code"),
            help: "Only these area codes (repeatable; default: every area code whose time zone is known, so each lead can be dialed).")
        var areaCodes: [Int] = []
        @Flag(help: "Only the fictional 555-0100…0199 range.") var fictional = false

        func validate() throws {
            try OptionRange.check("--count", count, 1...10_000_000, "numbers")
        }

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
            let records = numbers.map { LeadRecord(phone: $0) }
            do { added = try store.addLeadRecords(records, journal: JournalEntry(time: SystemClock().now, input: .leadsAdded(records))) } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            let short = numbers.count < count ? " (the range holds only \(numbers.count))" : ""
            print("generated \(numbers.count) numbers\(short), added \(added) new lead\(added == 1 ? "" : "s") to \(store.location)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List leads in dialing order with their state, attempts, last outcome and when they may be dialed next, and why not sooner.",
            discussion: """
                The next time comes from the store (a retry delay or the lockout after a drop) and from the rule file's LEADS \
                settings (Do-Not-Call, calling hours in the lead's time zone at the moment its wait ends).
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "table or json.") var format: OutputFormat = .table
        @Option(help: "Only leads in this state: available, dialing or done.") var state: LeadState?
        @Option(help: "The rule file whose LEADS settings (calling hours, Do-Not-Call) apply (default: the defaults, 08:00-21:00 and no list).")
        var rules: String?
        @Option(help: "Judge at this time (ISO 8601 with its offset, e.g. 2026-01-15T07:30:00-05:00) instead of now.") var at: String?

        func run() throws {
            var settings = LeadSettings()
            if let rules {
                do { settings = try LuaRuleSet(file: rules).leadSettings } catch {
                    printError(error.description)
                    throw ExitCode(2)
                }
            }
            var time = Date().timeIntervalSince1970
            if let at {
                guard let parsed = parseTimestamp(iso8601: at) else {
                    throw ValidationError(
                        "--at: expected an ISO 8601 time with its offset, e.g. 2026-01-15T07:30:00-05:00, got \(at.quotedExcerpt())")
                }
                time = parsed
            }
            let store = try storeOptions.open(readOnly: true)
            defer { releaseLeases(of: store) }
            let leads: [StoredLead]
            do { leads = try store.listLeads().filter { state == nil || $0.state == state } } catch {
                printError("\(error)")
                throw ExitCode(2)
            }
            let standing = leads.map { ($0, LeadEligibility($0, settings: settings, at: time)) }
            switch format {
            case .json:
                struct Row: Encodable {
                    let number: String, state: String, attempts: Int, last_outcome: String?, priority: Int, id: String?, name: String?,
                        time_zone: String?
                    let next_eligible: String, next_eligible_at: Double?, why: [String]
                }
                try printJSON(
                    standing.map { lead, next in
                        Row(
                            number: lead.number, state: lead.state.rawValue, attempts: lead.attempts, last_outcome: lead.lastOutcome?.rawValue,
                            priority: lead.priority,
                            id: lead.leadID, name: lead.name, time_zone: lead.timeZone, next_eligible: next.description, next_eligible_at: next.time,
                            why: next.reasons)
                    })
            case .table:
                print(
                    TextTable(
                        header: ["number", "state", "attempts", "last outcome", "next eligible", "why", "priority", "id", "name"],
                        rows: standing.map { lead, next in
                            [
                                lead.number, lead.state.rawValue, String(lead.attempts), lead.lastOutcome?.rawValue ?? "-", next.description,
                                next.reasons.isEmpty ? "-" : next.reasons.joined(separator: ", "), String(lead.priority), lead.leadID ?? "-",
                                lead.name ?? "-",
                            ]
                        }, numericColumns: [2, 6]
                    ).render(), terminator: "")
                print("\(leads.count) lead\(leads.count == 1 ? "" : "s") in \(store.location)")
            }
        }
    }

    struct Callback: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Schedule a callback: the lead may be dialed at TIME and not before, even if it was done.",
            discussion: """
                The same operation as POST /leads/{number}/callback and a scenario's callback(number, time). A lead in a dial now \
                is refused (schedule it once the dial has ended). A running dialer on the same store sees it at its next look at \
                the store (within its refill interval). Exit 0 scheduled, 2 an unknown lead, a lead in a dial or a store error, \
                64 a bad number or time.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The lead's number, in any common spelling (+12125550100, (212) 555-0100).") var number: String
        @Argument(help: "When to call back: ISO 8601 with its offset, e.g. 2026-01-15T11:00:00-05:00.") var time: String

        func run() throws {
            let phone: PhoneNumber
            do { phone = try PhoneNumber(parsing: number) } catch {
                throw ValidationError("NUMBER: \(number.quotedExcerpt()) is not a phone number: \(error)")
            }
            guard let at = parseTimestamp(iso8601: time) else {
                throw ValidationError("TIME: expected an ISO 8601 time with its offset, e.g. 2026-01-15T11:00:00-05:00, got \(time.quotedExcerpt())")
            }
            let store = try storeOptions.open()
            defer { releaseLeases(of: store) }
            let lead: StoredLead
            let entry = JournalEntry(time: SystemClock().now, input: .callback(number: phone.e164, at: at))
            do { lead = try store.scheduleCallback(phone.e164, at: at, journal: entry) } catch {
                printError("callback: \(error)")
                throw ExitCode(2)
            }
            print("callback: \(lead.number) may be dialed from \(formatTimestamp(at)) (\(store.location))")
        }
    }
}

extension LeadState: ExpressibleByArgument {}
