import DialerCore

/// A phone number a rule or a scenario gave, in any common spelling, as the engine spells it
/// (E.164), so `(212) 555-0100` names the dial of `+12125550100`; or an error naming `name` and
/// the spelling that is not a phone number. One door for every number Lua code hands the engine.
func normalizedNumber(_ text: String, _ name: String) throws(LuaCallbackError) -> String {
    do {
        return try PhoneNumber(parsing: text).e164
    } catch .tooLong {
        throw LuaCallbackError("\(name): \(text.quotedExcerpt()) is too long for a phone number")
    } catch {
        throw LuaCallbackError("\(name): \(text.quotedExcerpt()) is not a phone number (\(error))")
    }
}
