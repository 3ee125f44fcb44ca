/// `Unknown command 'replayy'. Did you mean 'replay'?`: made only for a first argument that is
/// not an option, not a subcommand, and within two edits of one.
struct SubcommandSuggestion: CustomStringConvertible {
    let typed: String
    let nearest: String

    init?(for typed: String, among names: [String]) {
        guard !typed.hasPrefix("-"), !names.contains(typed) else { return nil }
        let ranked = names.map { ($0, Self.editDistance(typed, $0)) }.min { $0.1 < $1.1 }
        guard let (name, distance) = ranked, distance <= 2 else { return nil }
        self.typed = typed
        nearest = name
    }

    var description: String { "Error: Unknown command '\(typed)'. Did you mean '\(nearest)'?" }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
