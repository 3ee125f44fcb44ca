/// One `--format FORMAT[:FILE]`: a format and where it goes (standard output without a file).
public struct ReportRequest: Sendable, Equatable, CustomStringConvertible {
    /// The format.
    public var format: ReportFormat
    /// The file to write; nil for standard output.
    public var destination: String?

    /// Makes a request.
    public init(format: ReportFormat, destination: String? = nil) {
        self.format = format
        self.destination = destination
    }

    /// Parses `junit`, `junit:reports/replay.xml` (the file is everything after the first colon).
    public init(parsing text: String) throws(ReportOptionError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let format = ReportFormat(rawValue: String(parts[0])) else { throw .unknownFormat(text) }
        self.format = format
        if parts.count == 2 {
            guard !parts[1].isEmpty else { throw .missingDestination(text) }
            destination = String(parts[1])
        }
    }

    /// As written on the command line.
    public var description: String { destination.map { "\(format):\($0)" } ?? format.rawValue }

    /// Checks a set of requests (at most one to standard output, no file twice) and completes
    /// it: standard output always gets one report, the human one unless another format is
    /// given without a file.
    public static func resolve(_ requests: [ReportRequest]) throws(ReportOptionError) -> [ReportRequest] {
        let toStandardOutput = requests.filter { $0.destination == nil }
        if toStandardOutput.count > 1 { throw .severalToStandardOutput(toStandardOutput.map(\.format)) }
        var seen = Set<String>()
        for case let file? in requests.map(\.destination) where !seen.insert(file).inserted {
            throw .sameDestination(file)
        }
        return toStandardOutput.isEmpty ? [ReportRequest(format: .human)] + requests : requests
    }
}

/// A `--format` the command line cannot honour.
public enum ReportOptionError: Error, Equatable, CustomStringConvertible {
    /// The format is not one of human, junit, tap, json.
    case unknownFormat(String)
    /// `junit:` with nothing after the colon.
    case missingDestination(String)
    /// More than one format without a file.
    case severalToStandardOutput([ReportFormat])
    /// Two formats write the same file.
    case sameDestination(String)

    /// The message a person reads.
    public var description: String {
        switch self {
        case .unknownFormat(let text):
            "unknown --format '\(text)' (expected human, junit, tap or json, optionally with :FILE, e.g. --format junit:reports/replay.xml)"
        case .missingDestination(let text):
            "--format '\(text)' names no file after the colon (write --format \(text.dropLast()) for standard output, or give a file)"
        case .severalToStandardOutput(let formats):
            "--format " + formats.map(\.rawValue).joined(separator: " and --format ")
                + " would each go to standard output; give all but one a file, e.g. --format \(formats.last!):replay.\(formats.last!)"
        case .sameDestination(let file):
            "two --format options write to '\(file)'; give each its own file"
        }
    }
}
