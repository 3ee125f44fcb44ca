import Foundation

/// `GET /shadow`: the shadow rule file, what it decided compared with the live rules since the
/// service started, by matrix cell, and the first differences.
struct ShadowView: Sendable, Encodable {
    /// One matrix cell's counts.
    struct Cell: Sendable, Encodable, Equatable {
        var status: String
        var event: String
        /// Decisions of the live rules the shadow was asked about.
        var decisions: Int
        /// Of those, the shadow's reaction differed.
        var differences: Int
        /// Of those, the shadow rules failed (a difference of its own kind).
        var errors: Int
    }

    /// The shadow file, its version, when it was (re)loaded and its settings.
    var rules: LiveRules
    /// When counting began (the service's start): a shadow reload keeps counting.
    var countingSince: Double
    /// Shadow reloads that went in since the start.
    var reloads: Int
    /// The last refused shadow reload, until one goes in.
    var reloadError: ReloadFailure?
    var decisions: Int
    var differences: Int
    var errors: Int
    /// The cells decided at least once, row by row.
    var cells: [Cell]
    /// The first differences of the shadow file in place (at most `examplesKept`), oldest first.
    var examples: [ShadowExample]
    var examplesKept = ShadowTally.examplesKept

    enum CodingKeys: String, CodingKey {
        case rules, reloads, decisions, differences, errors, cells, examples
        case countingSince = "counting_since"
        case countingSinceText = "counting_since_iso8601"
        case reloadError = "reload_error"
        case examplesKept = "examples_kept"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rules, forKey: .rules)
        try container.encode(countingSince, forKey: .countingSince)
        try container.encode(Date(timeIntervalSince1970: countingSince).ISO8601Format(), forKey: .countingSinceText)
        try container.encode(reloads, forKey: .reloads)
        try container.encodeIfPresent(reloadError, forKey: .reloadError)
        try container.encode(decisions, forKey: .decisions)
        try container.encode(differences, forKey: .differences)
        try container.encode(errors, forKey: .errors)
        try container.encode(cells, forKey: .cells)
        try container.encode(examples, forKey: .examples)
        try container.encode(examplesKept, forKey: .examplesKept)
    }
}
