/// How often one warning code was raised in a run.
public struct WarningCount: Sendable, Equatable, Codable {
    /// The code, e.g. `call_start_while_in_call`.
    public var code: String
    /// How often.
    public var count: Int

    /// A count.
    public init(code: String, count: Int) {
        self.code = code
        self.count = count
    }
}
