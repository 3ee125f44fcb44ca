import DialerCore
import Foundation

/// A bad value in a `LEADS` table or a `lead_pool { }`: the field and what is wrong with it.
struct LeadSettingsError: Error, Sendable, CustomStringConvertible {
    /// The key path, e.g. `retry.busy`.
    var field: String
    /// What is wrong, e.g. `must be a number of seconds >= 0, got -5`.
    var problem: String

    /// `retry.busy must be a number of seconds >= 0, got -5`.
    var description: String { "\(field) \(problem)" }
}

/// The retry and compliance keys of a rule file's `LEADS` table or a scenario's `lead_pool { }`,
/// as read from Lua: only the keys given, so they can be laid over other settings (a scenario's
/// pool over its rule file's, a rule file's over the defaults).
///
/// ```lua
/// LEADS = {
///   max_attempts = 3,                                     -- dials per lead, at most
///   retry = { failed = 1800, busy = 600, no_answer = 1800, not_placed = 60 },  -- seconds before the next try
///   drop_lockout = 72 * 3600,                             -- a dropped (abandoned) number waits this long
///   hours = { 8, 21 },                                    -- local calling hours, or false for any time
///   default_zone = "America/New_York",                    -- for area codes the table does not know
///   dnc = "dnc.txt",                                      -- Do-Not-Call file (beside the rule file), or a list of numbers
/// }
/// ```
struct LeadSettingsTable {
    /// The keys, in the order the documentation gives them.
    static let keys = ["max_attempts", "retry", "drop_lockout", "hours", "default_zone", "dnc"]
    /// The keys of `retry`, with the delay each sets.
    static var retryKeys: [(name: String, delay: WritableKeyPath<RetryPolicy, Double>)] {
        [("failed", \.failedDelay), ("busy", \.busyDelay), ("no_answer", \.noAnswerDelay), ("not_placed", \.notPlacedDelay)]
    }

    /// Where a Do-Not-Call list comes from.
    enum DoNotCallSource {
        /// Numbers given in the table.
        case numbers([PhoneNumber])
        /// A list file (already resolved against the table's file).
        case file(String)
    }

    /// `hours = { 8, 21 }` or `hours = false`.
    enum Hours {
        /// Any time.
        case off
        /// From `opens` to `closes`, seconds after local midnight.
        case window(opens: Int, closes: Int)
    }

    var maxAttempts: Int?
    var delays: [(WritableKeyPath<RetryPolicy, Double>, Double)] = []
    var dropLockout: Double?
    var hours: Hours?
    var defaultZone: String?
    var doNotCall: DoNotCallSource?

    /// Reads the string keys of the table at `index`. A relative `dnc` file is resolved against
    /// `baseDirectory`. With `listAllowed` (a `lead_pool`) the list part holds leads and is skipped,
    /// else an entry there is an error. The Lua stack is left as it was, even on error.
    init(_ lua: LuaState, at index: Int32, baseDirectory: String, listAllowed: Bool) throws(LeadSettingsError) {
        let top = lua.top
        defer { lua.setTop(top) }
        try lua.forEachPair(at: index) { () throws(LeadSettingsError) in
            guard let key = lua.string(at: -2) else {
                if listAllowed && lua.type(at: -2) == .number { return }
                throw LeadSettingsError(
                    field: "[\(lua.describe(at: -2))]", problem: "is not a setting (expected \(Self.keys.joined(separator: ", ")))")
            }
            try read(key, lua, baseDirectory: baseDirectory)
        }
    }

    /// Reads the setting `key`, its value on top of the stack.
    private mutating func read(_ key: String, _ lua: LuaState, baseDirectory: String) throws(LeadSettingsError) {
        switch key {
        case "max_attempts":
            guard let n = lua.wholeNumber(at: -1), n >= 1 else { throw Self.bad(key, "must be a whole number >= 1", lua) }
            maxAttempts = n
        case "drop_lockout":
            dropLockout = try Self.seconds(key, lua)
        case "retry":
            try readRetry(lua)
        case "hours":
            hours = try Self.hours(lua)
        case "default_zone":
            guard let zone = lua.string(at: -1), TimeZone(identifier: zone) != nil else {
                throw Self.bad(key, "must be a time zone such as \"America/Chicago\"", lua)
            }
            defaultZone = zone
        case "dnc":
            if let path = lua.string(at: -1) {
                doNotCall = .file(path.hasPrefix("/") || baseDirectory.isEmpty ? path : baseDirectory + "/" + path)
            } else if lua.isTable(at: -1) {
                doNotCall = .numbers(try Self.phones(lua, at: lua.top, field: "dnc"))
            } else {
                throw Self.bad(key, "must be a Do-Not-Call file name or a list of numbers", lua)
            }
        default:
            throw LeadSettingsError(field: key, problem: "is not a setting (expected \(Self.keys.joined(separator: ", ")))")
        }
    }

    /// These keys laid over `base`; a `dnc` file is loaded here.
    func applied(to base: LeadSettings) throws(LeadSettingsError) -> LeadSettings {
        var settings = base
        if let maxAttempts { settings.retry.maxAttempts = maxAttempts }
        for (delay, seconds) in delays { settings.retry[keyPath: delay] = seconds }
        if let dropLockout { settings.retry.droppedLockout = dropLockout }
        switch hours {
        case .off?: settings.hours = nil
        case .window(let opens, let closes)?: settings.hours = CallingHours(opens: opens, closes: closes, defaultZone: base.hours?.defaultZone)
        case nil: break
        }
        if let defaultZone { settings.hours?.defaultZone = defaultZone }
        switch doNotCall {
        case .numbers(let numbers)?:
            settings.doNotCall = DoNotCallList(numbers)
            settings.doNotCallFile = nil
        case .file(let path)?:
            do {
                settings.doNotCall = try DoNotCallList(file: path)
            } catch {
                throw LeadSettingsError(field: "dnc", problem: "cannot be read: \(error)")
            }
            settings.doNotCallFile = path
        case nil: break
        }
        return settings
    }

    /// The phone numbers in the list part of the table at `table`.
    static func phones(_ lua: LuaState, at table: Int32, field: String) throws(LeadSettingsError) -> [PhoneNumber] {
        var result: [PhoneNumber] = []
        let count = lua.rawLength(at: table)
        guard count > 0 else { return [] }
        for i in 1...count {
            lua.rawGet(at: table, index: i)
            defer { lua.pop() }
            guard let text = lua.string(at: -1) else { throw bad("\(field) entry \(i)", "must be a phone number string", lua) }
            do {
                result.append(try PhoneNumber(parsing: text))
            } catch {
                throw LeadSettingsError(field: "\(field) entry \(i)", problem: "'\(text)' is not a phone number: \(error)")
            }
        }
        return result
    }

    private mutating func readRetry(_ lua: LuaState) throws(LeadSettingsError) {
        guard lua.isTable(at: -1) else { throw Self.bad("retry", "must be a table { failed = s, busy = s, no_answer = s, not_placed = s }", lua) }
        try lua.forEachPair(at: -1) { () throws(LeadSettingsError) in
            guard let key = lua.string(at: -2), let entry = Self.retryKeys.first(where: { $0.name == key }) else {
                let names = Self.retryKeys.map(\.name).joined(separator: ", ")
                throw LeadSettingsError(
                    field: "retry.\(lua.string(at: -2) ?? lua.describe(at: -2))",
                    problem: "is not a retry delay (expected \(names); a dropped call's wait is drop_lockout)")
            }
            delays.append((entry.delay, try Self.seconds("retry.\(key)", lua)))
        }
    }

    private static func hours(_ lua: LuaState) throws(LeadSettingsError) -> Hours {
        if lua.boolean(at: -1) == false { return .off }
        let table = lua.top
        guard lua.isTable(at: -1), lua.rawLength(at: table) == 2 else { throw bad("hours", "must be { opening hour, closing hour } or false", lua) }
        lua.rawGet(at: table, index: 1)
        lua.rawGet(at: table, index: 2)
        defer { lua.pop(2) }
        guard let open = lua.number(at: -2), let close = lua.number(at: -1), 0 <= open, open < close, close <= 24 else {
            throw LeadSettingsError(
                field: "hours", problem: "must be two hours 0 <= opening < closing <= 24, got { \(lua.describe(at: -2)), \(lua.describe(at: -1)) }")
        }
        return .window(opens: Int((open * 3600).rounded()), closes: Int((close * 3600).rounded()))
    }

    private static func seconds(_ field: String, _ lua: LuaState) throws(LeadSettingsError) -> Double {
        guard let value = lua.number(at: -1), value >= 0, value.isFinite else { throw bad(field, "must be a number of seconds >= 0", lua) }
        return value
    }

    /// `field must …, got VALUE` for the value on top of the stack.
    private static func bad(_ field: String, _ expectation: String, _ lua: LuaState) -> LeadSettingsError {
        LeadSettingsError(field: field, problem: "\(expectation), got \(lua.describe(at: -1))")
    }
}
