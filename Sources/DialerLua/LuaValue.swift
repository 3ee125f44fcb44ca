/// A plain Lua value that can cross from one Lua state to another (settings overrides).
public enum LuaValue: Sendable, Equatable, CustomStringConvertible {
    /// `nil`.
    case `nil`
    /// `true` or `false`.
    case boolean(Bool)
    /// A Lua integer.
    case integer(Int)
    /// A Lua float.
    case number(Double)
    /// A string.
    case string(String)

    /// As Lua would print it, strings quoted.
    public var description: String {
        switch self {
        case .nil: "nil"
        case .boolean(let b): b ? "true" : "false"
        case .integer(let i): String(i)
        case .number(let d): formatNumber(d)
        case .string(let s): "'\(s)'"
        }
    }
}

extension LuaValue {
    /// The scalar `description` printed (`'text'`, `3`, `0.05`, `true`, `nil`); nil for anything else.
    public init?(printed text: String) {
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            self = .string(String(text.dropFirst().dropLast()))
        } else if let integer = Int(text) {
            self = .integer(integer)
        } else if let number = Double(text) {
            self = .number(number)
        } else if text == "true" || text == "false" {
            self = .boolean(text == "true")
        } else if text == "nil" {
            self = .nil
        } else {
            return nil
        }
    }
}
