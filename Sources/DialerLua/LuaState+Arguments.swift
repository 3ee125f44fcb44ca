import CLua
import CLuaShim
import Foundation

/// Checked reading of a callback's arguments, in the spirit of `luaL_check*`: each gives the
/// value or throws `<expectation>, got <what was given>` (`dial expects a whole number of
/// leads, got 2.5`), which the trampoline raises at the caller's line. The expectation is only
/// built when the check fails.
extension LuaState {
    /// The string at `index`.
    @inline(__always)
    func checkString(at index: Int32, _ expectation: @autoclosure () -> String) throws(LuaCallbackError) -> String {
        guard let text = string(at: index) else { throw argumentError(at: index, expectation()) }
        return text
    }

    /// The string at `index`, or nil when there is none (or `nil`).
    func optString(at index: Int32, _ expectation: @autoclosure () -> String) throws(LuaCallbackError) -> String? {
        if isNoneOrNil(at: index) { return nil }
        return try checkString(at: index, expectation())
    }

    /// The whole number at `index` (7 or 7.0; not 7.5 or "7").
    @inline(__always)
    func checkWholeNumber(at index: Int32, _ expectation: @autoclosure () -> String) throws(LuaCallbackError) -> Int {
        guard let value = wholeNumber(at: index) else { throw argumentError(at: index, expectation()) }
        return value
    }

    /// Checks that the value at `index` is a table.
    @inline(__always)
    func checkTable(at index: Int32, _ expectation: @autoclosure () -> String) throws(LuaCallbackError) {
        guard isTable(at: index) else { throw argumentError(at: index, expectation()) }
    }

    /// `<expectation>, got <the value at index>`.
    func argumentError(at index: Int32, _ expectation: String) -> LuaCallbackError {
        LuaCallbackError("\(expectation), got \(describe(at: index))")
    }

    /// `file:line: ` of the Lua code `level` frames up (1 = the caller of the running callback),
    /// as Lua puts it in front of error messages; empty when unknown.
    func whereText(level: Int32) -> String {
        luaL_where(L, level)
        defer { pop() }
        return string(at: -1) ?? ""
    }

    /// `file:line` of the Lua code `level` frames up (1 = the caller of the running callback).
    func location(level: Int32) -> (file: String, line: Int?) { parseLocation(whereText(level: level)) }
}

/// Splits `rules/x.lua:14: ` or `rules/x.lua:14: message` into file and line.
func parseLocation(_ text: String) -> (file: String, line: Int?) {
    let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
    if parts.count >= 2, let line = Int(parts[1]) { return (String(parts[0]), line) }
    return (text.trimmingCharacters(in: [":", " "]), nil)
}
