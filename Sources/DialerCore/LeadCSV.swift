import Foundation

/// One lead read from a list: the phone number and what the operator knows of it.
public struct LeadRecord: Sendable, Equatable {
    /// The number, normalised.
    public var phone: PhoneNumber
    /// The operator's id for the lead.
    public var id: String?
    /// The lead's name.
    public var name: String?
    /// An IANA time zone that overrides the area code's (e.g. a known mobile user).
    public var timeZone: String?
    /// Higher is dialed first (default 0).
    public var priority: Int

    /// Makes a record.
    public init(phone: PhoneNumber, id: String? = nil, name: String? = nil, timeZone: String? = nil, priority: Int = 0) {
        self.phone = phone
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.priority = priority
    }
}

/// Reads lead lists in CSV (RFC 4180: commas, quoted fields with `""` escapes, CRLF or LF),
/// UTF-8. The header names the columns: `phone` is required; `id`, `name`, `time_zone` and
/// `priority` are optional, in any order, any case. Good rows load; each bad row (a byte that
/// is not UTF-8 included) is reported with its line number and reason and does not stop the
/// import. A bad value is echoed as a short excerpt at most.
public enum LeadCSV {
    /// What an import found.
    public struct Result: Sendable {
        /// Rows that became leads, in file order.
        public var leads: [LeadRecord] = []
        /// Rows that did not, with line and reason.
        public var rejected: [RejectedLine] = []
    }

    /// Parses `text`; `name` is the file name used in the report.
    public static func parse(_ text: String, name: String) -> Result { parse(bytes: Array(text.utf8), name: name) }

    /// Parses a file's bytes; `name` is the file name used in the report.
    public static func parse(bytes: [UInt8], name: String) -> Result {
        var result = Result()
        bytes.withUnsafeBufferPointer { buffer in
            read(buffer, name: name) { leads, rejected in
                result.leads += leads
                result.rejected += rejected
            }
        }
        return result
    }

    /// Reads a file's bytes a batch at a time: `handle` gets up to `batchSize` good rows and the
    /// rows rejected since its last call, in file order, so a list of a million rows is never
    /// held whole. A header that cannot be used is one rejected line 1 and nothing else. After
    /// each call `done` hears how many bytes at the front of `bytes` will not be read again.
    public static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, name: String, batchSize: Int = 10_000, done: (_ bytes: Int) -> Void = { _ in },
        _ handle: (_ leads: [LeadRecord], _ rejected: [RejectedLine]) throws -> Void
    ) rethrows {
        var records = CSVRecord.reader(bytes)
        guard let header = records.next() else {
            return try handle([], [RejectedLine(file: name, line: 1, reason: "empty file: expected a header line with a phone column")])
        }
        let (found, note) = Columns.read(header, name: name)
        var rejected = note.map { [$0] } ?? []
        guard let columns = found else { return try handle([], rejected) }
        var leads: [LeadRecord] = []
        var seen: [Int: Int32] = [:]  // numbers of earlier rows (packed) by line: a million rows in a few MB
        var zones: [String: Bool] = [:]  // Foundation asked once per zone name, not once per row
        while let row = records.next() {
            switch columns.lead(row, seen: seen, zones: &zones) {
            case .skip: continue
            case .rejected(let reason): rejected.append(RejectedLine(file: name, line: row.line, reason: reason))
            case .lead(let lead):
                seen[lead.phone.packed] = Int32(truncatingIfNeeded: row.line)
                leads.append(lead)
            }
            if leads.count >= batchSize {
                try handle(leads, rejected)
                (leads, rejected) = ([], [])
                done(records.bytesDone)
            }
        }
        if !leads.isEmpty || !rejected.isEmpty { try handle(leads, rejected) }
    }

    /// Where each known column is, read from the header.
    private struct Columns {
        var count: Int
        var phone: Int
        var id, name, timeZone, priority: Int?

        /// The columns and a note on the header: without columns, why it cannot be used; with
        /// them, an unknown column ignored.
        static func read(_ header: CSVRecord, name file: String) -> (Columns?, RejectedLine?) {
            if let bad = header.badByte { return (nil, RejectedLine(file: file, line: header.line, reason: notUTF8(bad, in: "the header"))) }
            let names = header.fields.map { $0.trimmedWhitespace.lowercased() }
            guard let phone = names.firstIndex(of: "phone") else {
                let found = names.joined(separator: ", ")
                return (
                    nil, RejectedLine(file: file, line: header.line, reason: "the header has no phone column (found: \(found.excerpt(limit: 80)))")
                )
            }
            let known: Set<String> = ["phone", "id", "name", "time_zone", "priority"]
            let warning = names.first { !known.contains($0) && !$0.isEmpty }.map {
                RejectedLine(
                    file: file, line: header.line,
                    reason: "unknown column \($0.quotedExcerpt()) ignored (known: phone, id, name, time_zone, priority)")
            }
            let columns = Columns(
                count: names.count, phone: phone, id: names.firstIndex(of: "id"), name: names.firstIndex(of: "name"),
                timeZone: names.firstIndex(of: "time_zone"), priority: names.firstIndex(of: "priority"))
            return (columns, warning)
        }

        /// What a row comes to.
        enum Row {
            case skip
            case rejected(String)
            case lead(LeadRecord)
        }

        /// The lead of `row`, or why not; `seen` holds the numbers of earlier rows (packed) by
        /// line, `zones` whether each time zone name met so far is one.
        func lead(_ row: CSVRecord, seen: [Int: Int32], zones: inout [String: Bool]) -> Row {
            if row.fields.allSatisfy({ $0.trimmedWhitespace.isEmpty }) { return .skip }
            func field(_ index: Int?) -> String? {
                guard let index, index < row.fields.count else { return nil }
                let value = row.fields[index].trimmedWhitespace
                return value.isEmpty ? nil : value
            }
            if let bad = row.badByte { return .rejected(notUTF8(bad, in: "the row")) }
            guard row.fields.count <= count else { return .rejected("\(row.fields.count) fields, the header has \(count)") }
            guard let phoneText = field(phone) else { return .rejected("no phone number") }
            let number: PhoneNumber
            do { number = try PhoneNumber(parsing: phoneText) } catch { return .rejected("phone \(phoneText.quotedExcerpt()): \(error.description)") }
            if let first = seen[number.packed] { return .rejected("phone \(number.e164) repeats line \(first)") }
            var rank = 0
            if let text = field(priority) {
                guard let value = Int(text) else { return .rejected("priority \(text.quotedExcerpt()) is not a whole number") }
                rank = value
            }
            let zone = field(timeZone)
            if let zone, !isTimeZone(zone, &zones) { return .rejected("time_zone \(zone.quotedExcerpt()) is not a time zone (e.g. America/Chicago)") }
            return .lead(LeadRecord(phone: number, id: field(id), name: field(name), timeZone: zone, priority: rank))
        }

        /// Whether Foundation knows the zone, remembered in `known`.
        private func isTimeZone(_ identifier: String, _ known: inout [String: Bool]) -> Bool {
            if let answer = known[identifier] { return answer }
            let answer = TimeZone(identifier: identifier) != nil
            known[identifier] = answer
            return answer
        }
    }

    fileprivate static func notUTF8(_ bad: (position: Int, value: UInt8), in what: String) -> String {
        let hex = String(bad.value, radix: 16, uppercase: true)
        return "byte \(bad.position) of \(what) is not UTF-8 (0x\(hex.count == 1 ? "0" : "")\(hex)); save the file as UTF-8"
    }
}
