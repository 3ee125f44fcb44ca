/// `--filter REGEX`: selects the scenarios whose file path, title or case name contains a match.
public struct ScenarioFilter {
    /// The regular expression as given.
    public let pattern: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern` (Swift `Regex` syntax, as in PCRE: `ready_.*`, `(login|logout)$`).
    public init(_ pattern: String) throws(ScenarioFilterError) {
        self.pattern = pattern
        do {
            regex = try Regex(pattern)
        } catch {
            throw ScenarioFilterError(pattern: pattern, reason: String(describing: error))
        }
    }

    /// Whether the file path, the title or the case name contains a match.
    public func selects(_ name: ScenarioName) -> Bool {
        name.parts.contains { $0.contains(regex) }
    }
}

/// A `--filter` that is not a valid regular expression.
public struct ScenarioFilterError: Error, CustomStringConvertible {
    /// The pattern as given.
    public var pattern: String
    /// What the regular expression compiler said.
    public var reason: String
    /// The message a person reads.
    public var description: String {
        "--filter '\(pattern)' is not a valid regular expression: \(reason) (escape special characters such as ( [ . with a backslash)"
    }
}
