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
        let rows = CSVRecord.records(bytes)
        guard let header = rows.first else {
            result.rejected.append(RejectedLine(file: name, line: 1, reason: "empty file: expected a header line with a phone column"))
            return result
        }
        if let bad = header.badByte {
            result.rejected.append(RejectedLine(file: name, line: header.line, reason: notUTF8(bad, in: "the header")))
            return result
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let phoneColumn = columns.firstIndex(of: "phone") else {
            let found = columns.joined(separator: ", ")
            result.rejected.append(
                RejectedLine(file: name, line: header.line, reason: "the header has no phone column (found: \(found.excerpt(limit: 80)))"))
            return result
        }
        let known: Set<String> = ["phone", "id", "name", "time_zone", "priority"]
        if let unknown = columns.first(where: { !known.contains($0) && !$0.isEmpty }) {
            result.rejected.append(
                RejectedLine(
                    file: name, line: header.line,
                    reason: "unknown column \(unknown.quotedExcerpt()) ignored (known: phone, id, name, time_zone, priority)"))
        }
        func column(_ key: String) -> Int? { columns.firstIndex(of: key) }
        var seen: [PhoneNumber: Int] = [:]
        for row in rows.dropFirst() {
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func field(_ index: Int?) -> String? {
                guard let index, index < row.fields.count else { return nil }
                let value = row.fields[index].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            func reject(_ reason: String) { result.rejected.append(RejectedLine(file: name, line: row.line, reason: reason)) }
            if let bad = row.badByte {
                reject(notUTF8(bad, in: "the row"))
                continue
            }
            guard row.fields.count <= columns.count else {
                reject("\(row.fields.count) fields, the header has \(columns.count)")
                continue
            }
            guard let phoneText = field(phoneColumn) else {
                reject("no phone number")
                continue
            }
            let phone: PhoneNumber
            do { phone = try PhoneNumber(parsing: phoneText) } catch {
                reject("phone \(phoneText.quotedExcerpt()): \(error.description)")
                continue
            }
            if let first = seen[phone] {
                reject("phone \(phone.e164) repeats line \(first)")
                continue
            }
            var priority = 0
            if let text = field(column("priority")) {
                guard let value = Int(text) else {
                    reject("priority \(text.quotedExcerpt()) is not a whole number")
                    continue
                }
                priority = value
            }
            let zone = field(column("time_zone"))
            if let zone, TimeZone(identifier: zone) == nil {
                reject("time_zone \(zone.quotedExcerpt()) is not a time zone (e.g. America/Chicago)")
                continue
            }
            seen[phone] = row.line
            result.leads.append(LeadRecord(phone: phone, id: field(column("id")), name: field(column("name")), timeZone: zone, priority: priority))
        }
        return result
    }

    private static func notUTF8(_ bad: (position: Int, value: UInt8), in what: String) -> String {
        let hex = String(bad.value, radix: 16, uppercase: true)
        return "byte \(bad.position) of \(what) is not UTF-8 (0x\(hex.count == 1 ? "0" : "")\(hex)); save the file as UTF-8"
    }
}
