import DialerCore

/// A scenario's `generate_leads(count [, { seed = n, area_codes = { 212, ... }, fictional = true }])`:
/// the numbers `dialer leads generate --count count --seed n --area-code 212 [--fictional]` adds
/// to a store, in the same order (the same generator and defaults: seed 1, any area code the
/// generator may draw), as a list of E.164 strings for `leads { }`, `lead_pool { }` or
/// `add_leads { }`.
struct GenerateLeadsCall {
    /// How to call it, for messages.
    static let usage = "generate_leads(count [, { seed = n, area_codes = { 212, ... }, fictional = true }])"
    /// A bound on `count`, so a typo cannot fill the scenario's memory.
    static let maxCount = 100_000

    var count: Int
    var seed: UInt64 = 1
    var areaCodes: [Int] = []
    var fictional = false

    /// Reads the arguments at 1 and 2.
    init(_ lua: LuaState) throws(LuaCallbackError) {
        count = try lua.checkWholeNumber(at: 1, "\(Self.usage): count must be a whole number")
        guard (1...Self.maxCount).contains(count) else {
            throw LuaCallbackError("\(Self.usage): count must be between 1 and \(Self.maxCount), got \(count)")
        }
        if lua.isNoneOrNil(at: 2) { return }
        try lua.checkTable(at: 2, "\(Self.usage): the options must be a table")
        try lua.forEachPair(at: 2) { () throws(LuaCallbackError) in try read(lua) }
    }

    /// The numbers, E.164.
    func numbers() throws(LuaCallbackError) -> [String] {
        var generator: NANPNumberGenerator
        do {
            generator = try NANPNumberGenerator(seed: seed, areaCodes: areaCodes, fictional: fictional)
        } catch {
            throw LuaCallbackError("generate_leads: area_codes: \(error)")
        }
        return generator.distinct(count).map(\.e164)
    }

    /// One option, key at -2 and value at -1.
    private mutating func read(_ lua: LuaState) throws(LuaCallbackError) {
        switch lua.string(at: -2) {
        case "seed":
            guard let value = lua.wholeNumber(at: -1), value >= 0 else {
                throw lua.argumentError(at: -1, "generate_leads: seed must be a whole number >= 0")
            }
            seed = UInt64(value)
        case "fictional":
            guard let value = lua.boolean(at: -1) else { throw lua.argumentError(at: -1, "generate_leads: fictional must be true or false") }
            fictional = value
        case "area_codes":
            try lua.checkTable(at: -1, "generate_leads: area_codes must be a list of area codes, e.g. { 212, 312 }")
            areaCodes = try Self.codes(lua)
        default:
            throw LuaCallbackError("generate_leads: \(lua.describe(at: -2)) is not an option (expected seed, area_codes, fictional)")
        }
    }

    /// The list of whole numbers on top of the stack.
    private static func codes(_ lua: LuaState) throws(LuaCallbackError) -> [Int] {
        let table = lua.top
        var codes: [Int] = []
        for i in stride(from: 1, through: lua.rawLength(at: table), by: 1) {
            _ = lua.rawGet(at: table, index: i)
            defer { lua.pop() }
            guard let code = lua.wholeNumber(at: -1) else {
                throw lua.argumentError(at: -1, "generate_leads: area_codes entry \(i) must be a whole number")
            }
            codes.append(code)
        }
        return codes
    }
}
