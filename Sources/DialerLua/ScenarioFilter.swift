/// `--filter REGEX`, repeatable: selects the scenarios whose file path, title or case name
/// contains a match of any of the patterns.
public struct ScenarioFilter {
    /// The regular expressions as given, in order.
    public let patterns: [String]
    private let regexes: [Regex<AnyRegexOutput>]

    /// Compiles `pattern` (Swift `Regex` syntax, as in PCRE: `ready_.*`, `(login|logout)$`).
    public init(_ pattern: String) throws(ScenarioFilterError) {
        try self.init([pattern])
    }

    /// Compiles every pattern; a scenario is selected when any of them matches. The first
    /// pattern that does not compile is refused by name.
    public init(_ patterns: [String]) throws(ScenarioFilterError) {
        var regexes: [Regex<AnyRegexOutput>] = []
        for pattern in patterns {
            do {
                regexes.append(try Regex(pattern))
            } catch {
                throw ScenarioFilterError(pattern: pattern, reason: String(describing: error))
            }
        }
        self.patterns = patterns
        self.regexes = regexes
    }

    /// Whether the file path, the title or the case name contains a match of any pattern.
    public func selects(_ name: ScenarioName) -> Bool {
        regexes.contains { regex in name.parts.contains { $0.contains(regex) } }
    }

    /// The options as a person typed them: `--filter 'a' or --filter 'b'`.
    public var description: String {
        patterns.map { "--filter '\($0)'" }.joined(separator: " or ")
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
