public import Logging

/// A swift-log handler that writes to a `LogFile` (swift-log ships none): one line per message,
/// `HH:MM:SS.mmm LEVEL    message key=value …`, metadata sorted by key so lines are deterministic.
public struct FileLogHandler: LogHandler {
    /// The file.
    public let file: LogFile
    /// Messages below this level are not written.
    public var logLevel: Logger.Level
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]

    /// A handler writing to `file` from `level` up.
    public init(file: LogFile, level: Logger.Level = .info) {
        self.file = file
        logLevel = level
    }

    /// One metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the line.
    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let label = Self.labels[event.level] ?? "\(event.level)"
        var line = label + String(repeating: " ", count: max(1, 9 - label.count)) + event.message.description
        for key in all.keys.sorted() { line += " \(key)=\(all[key]!)" }
        file.write(line)
    }

    private static let labels: [Logger.Level: String] = [
        .trace: "TRACE", .debug: "DEBUG", .info: "INFO", .notice: "NOTICE", .warning: "WARNING", .error: "ERROR", .critical: "CRITICAL",
    ]
}
