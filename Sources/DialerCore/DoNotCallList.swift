import Foundation

/// A line of a list file that could not be used.
public struct RejectedLine: Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// Why.
    public var reason: String

    /// Makes a rejection.
    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `file:line: reason`.
    public var description: String { "\(file):\(line): \(reason)" }
}

/// A list file that cannot be read at all.
public struct ListFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// Why.
    public var reason: String
    /// `path: cannot read the list: reason`.
    public var description: String { "\(path): cannot read the list: \(reason)" }
}

/// A Do-Not-Call list: numbers that are never dialed, checked when a lead is handed out.
/// The file has one number per line in any common spelling; blank lines and `#` comments are
/// skipped; a bad line is reported and does not stop the load.
public struct DoNotCallList: Sendable {
    /// The numbers, normalised.
    public private(set) var numbers: Set<PhoneNumber>
    /// Lines that were not numbers.
    public private(set) var rejected: [RejectedLine]

    /// A list of the given numbers.
    public init(_ numbers: some Sequence<PhoneNumber> = []) {
        self.numbers = Set(numbers)
        rejected = []
    }

    /// Parses a list file's text; `name` is used in the rejection report.
    public init(text: String, name: String) {
        numbers = []
        rejected = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            do {
                numbers.insert(try PhoneNumber(parsing: line.trimmingCharacters(in: .whitespacesAndNewlines)))
            } catch {
                rejected.append(RejectedLine(file: name, line: index + 1, reason: error.description))
            }
        }
    }

    /// Loads a list file.
    public init(file path: String) throws(ListFileError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ListFileError(path: path, reason: FileManager.default.fileExists(atPath: path) ? "not UTF-8 text" : "no such file")
        }
        self.init(text: text, name: path)
    }

    /// Whether the number must not be dialed.
    public func contains(_ number: PhoneNumber) -> Bool { numbers.contains(number) }

    /// Whether the E.164 (or any spelling of the) number must not be dialed; unparsable ones are not on the list.
    public func contains(_ text: String) -> Bool { (try? PhoneNumber(parsing: text)).map(contains) ?? false }
}
