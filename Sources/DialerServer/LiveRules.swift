import DialerCore
import DialerLua
import Foundation

/// Which rules are live: the file, its version and when they were loaded (`GET /rules`).
struct LiveRules: Sendable, Encodable, Equatable {
    /// The rule file, as configured.
    var file: String
    /// `fnv1a64:` and the 64-bit FNV-1a hash of the file's bytes, in hex: equal files, equal versions.
    var version: String
    /// When these rules went live, seconds since 1970.
    var loadedAt: Double
    /// The settings the file defines, as Lua prints them.
    var settings: [String: String]

    enum CodingKeys: String, CodingKey {
        case file, version, settings
        case loadedAt = "loaded_at"
        case loadedAtText = "loaded_at_iso8601"
    }

    /// The rules `ruleSet` loaded from `file`, whose text is `source`, going live now.
    init(_ ruleSet: LuaRuleSet, file: String, source: String) {
        self.file = file
        version = Self.version(of: source)
        loadedAt = Date().timeIntervalSince1970
        settings = Dictionary(ruleSet.settings.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }

    /// The version of a rule file's text: its 64-bit FNV-1a hash, stable across runs and
    /// machines (unlike `Hasher`); a name for a version, not a cryptographic hash.
    static func version(of source: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in source.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(version, forKey: .version)
        try container.encode(loadedAt, forKey: .loadedAt)
        try container.encode(Date(timeIntervalSince1970: loadedAt).ISO8601Format(), forKey: .loadedAtText)
        try container.encode(settings, forKey: .settings)
    }
}

/// What set off a rule reload, for logs and metrics.
enum ReloadTrigger: String, Sendable {
    /// The rule file changed on disk.
    case watch
    /// SIGHUP.
    case signal
    /// `POST /rules/reload`.
    case api
}
