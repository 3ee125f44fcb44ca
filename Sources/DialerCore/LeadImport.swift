import Foundation

/// A lead list imported into a store a batch at a time: `dialer leads import` and the import
/// row of `dialer bench` run this one path. The file is mapped, not read into memory (the pages
/// read are handed back batch by batch, so memory does not grow with the file), and each
/// batch of good rows is one transaction: an import cut short keeps what it committed, and the
/// same import again adds the rest (the numbers already there are skipped).
public enum LeadImport {
    /// Good rows per transaction. Large, because numbers arrive in no order: each transaction
    /// rewrites the pages of the number index it touched, which with random numbers is most of
    /// them (docs/measured.md, "leads import").
    public static let batchSize = 100_000

    /// What an import came to.
    public struct Outcome: Sendable, Equatable {
        /// Good rows read.
        public var read = 0
        /// Leads new to the store.
        public var added = 0
        /// Rows refused (each reported as it was met).
        public var rejected = 0
        /// The line of the first refusal.
        public var firstRejectedLine: Int?

        /// Nothing could be read because the header could not be used.
        public var headerRefused: Bool { read == 0 && firstRejectedLine == 1 }
    }

    /// Why a list could not be imported at all.
    public enum Failure: Error, CustomStringConvertible {
        /// The file is missing or unreadable.
        case unreadable(path: String, reason: String)

        /// The message.
        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "\(path): cannot read the lead list: \(reason)"
            }
        }
    }

    /// Imports the CSV file at `path` into the store `open` gives, opened at the first batch of
    /// good rows (a list whose header cannot be used opens nothing); `rejected` hears each bad
    /// row in file order. Returns the outcome and the store if it was opened.
    public static func run(
        file path: String, into open: () throws -> any AgentStore, rejected: (RejectedLine) -> Void
    ) throws -> (outcome: Outcome, store: (any AgentStore)?) {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure.unreadable(path: path, reason: "no such file") }
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch {
            throw Failure.unreadable(path: path, reason: "not readable: \(error.reason)")
        }
        var outcome = Outcome()
        var store: (any AgentStore)?
        try file.withBytes { bytes in
            try LeadCSV.read(bytes, name: path, batchSize: batchSize, done: file.release(upTo:)) { leads, refused in
                refused.forEach(rejected)
                outcome.rejected += refused.count
                outcome.firstRejectedLine = outcome.firstRejectedLine ?? refused.first?.line
                guard !leads.isEmpty else { return }
                let target = try store ?? open()
                store = target
                outcome.read += leads.count
                // Journaled with each batch, at the wall clock's time (an import is an input too).
                outcome.added += try target.addLeadRecords(leads, journal: JournalEntry(time: SystemClock().now, input: .leadsAdded(leads)))
            }
        }
        return (outcome, store)
    }
}
