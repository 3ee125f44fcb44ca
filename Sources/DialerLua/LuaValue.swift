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
