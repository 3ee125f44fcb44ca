/// What identifies a scenario to a person: its file, its title and, inside a file with cases,
/// the case's name. Printed as `file (title) > case`.
public struct ScenarioName: Sendable, Hashable, CustomStringConvertible {
    /// The scenario file.
    public var file: String
    /// Its `scenario "…"` title, if it gave one.
    public var title: String?
    /// The `case(name, fn)`, if the file has cases.
    public var caseName: String?

    /// Makes a name.
    public init(file: String, title: String? = nil, caseName: String? = nil) {
        self.file = file
        self.title = title
        self.caseName = caseName
    }

    /// The parts a filter is matched against: file path, title and case name (those given).
    public var parts: [String] { [file, title, caseName].compactMap { $0 } }

    /// `file (title) > case`, leaving out what is not given.
    public var description: String {
        var text = file
        if let title { text += " (\(title))" }
        if let caseName { text += " > \(caseName)" }
        return text
    }
}
