/// A setting of the rule file a run used (`DIAL_RATIO = 2`), echoed in the report.
public struct RuleSetting: Sendable, Equatable, Codable {
    /// The global's name.
    public var name: String
    /// Its value as Lua prints it (`function` for a function).
    public var value: String

    /// A setting.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
