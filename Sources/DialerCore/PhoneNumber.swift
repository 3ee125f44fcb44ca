import Foundation

/// Why a text is not a valid North American (NANP) phone number.
public enum PhoneNumberError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing but punctuation.
    case empty
    /// Longer than any spelling of a phone number (`PhoneNumber.maxLength` bytes).
    case tooLong(bytes: Int)
    /// Letters (vanity numbers are not dialed).
    case letters(String)
    /// Characters that belong in no phone number.
    case invalidCharacters(String)
    /// Not 10 digits (or 11 with the leading 1).
    case wrongLength(digits: Int)
    /// An international number outside the NANP (+1).
    case notNANP(countryCode: String)
    /// The area code (NPA) starts with 0 or 1.
    case areaCodeStartsWith(Character)
    /// The area code is an N11 service code (211, 311, …, 911).
    case n11AreaCode(Int)
    /// The exchange (central office code) starts with 0 or 1.
    case exchangeStartsWith(Character)
    /// The exchange is an N11 code.
    case n11Exchange(Int)

    /// What is wrong, for the import report.
    public var description: String {
        switch self {
        case .empty: "no digits"
        case .tooLong(let bytes): "too long for a phone number: \(bytes) bytes (at most \(PhoneNumber.maxLength))"
        case .letters(let text): "letters in a phone number ('\(text)')"
        case .invalidCharacters(let text): "characters that belong in no phone number ('\(text)')"
        case .wrongLength(let digits): "wrong length: \(digits) digits (expected 10, or 11 starting with 1)"
        case .notNANP(let code): "not a North American number (country code +\(code))"
        case .areaCodeStartsWith(let digit): "area code starts with \(digit) (must be 2–9)"
        case .n11AreaCode(let npa): "area code \(npa) is an N11 service code"
        case .exchangeStartsWith(let digit): "exchange starts with \(digit) (must be 2–9)"
        case .n11Exchange(let exchange): "exchange \(exchange) is an N11 service code"
        }
    }
}

/// A North American phone number: area code (NPA), central office code (exchange) and line
/// number (seed 003's number manager), normalised to E.164 (`+12125550100`).
public struct PhoneNumber: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// Area code, 200–999, not N11.
    public let areaCode: Int
    /// Central office code (exchange), 200–999, not N11.
    public let exchange: Int
    /// Line number, 0–9999.
    public let line: Int

    /// Makes a number from its parts, checking the NANP rules.
    public init(areaCode: Int, exchange: Int, line: Int) throws(PhoneNumberError) {
        try Self.check(areaCode: areaCode, exchange: exchange)
        guard (0...9999).contains(line) else { throw .wrongLength(digits: 10 + String(line).count - 4) }
        self.areaCode = areaCode
        self.exchange = exchange
        self.line = line
    }

    /// Parses common spellings: `(212) 555-0100`, `212-555-0100`, `212.555.0100`,
    /// `+1 212 555 0100`, `12125550100`, `2125550100`. A text over `maxLength` bytes is
    /// refused before it is looked at.
    public init(parsing text: String) throws(PhoneNumberError) {
        if let parts = Self.e164Parts(text) {
            try self.init(areaCode: parts.areaCode, exchange: parts.exchange, line: parts.line)
            return
        }
        guard text.utf8.count <= Self.maxLength else { throw .tooLong(bytes: text.utf8.count) }
        let trimmed = text.trimmedWhitespace
        var digits: [Int]
        if let plain = Self.spelledDigits(trimmed) {
            digits = plain
        } else {
            if let letter = trimmed.first(where: \.isLetter) { throw .letters(String(trimmed.filter { $0.isLetter || $0 == letter }.prefix(12))) }
            let allowed: Set<Character> = [" ", "-", ".", "(", ")", "+", "/"]
            if let bad = trimmed.first(where: { !$0.isASCII || (!$0.isNumber && !allowed.contains($0)) }) { throw .invalidCharacters(String(bad)) }
            digits = trimmed.filter(\.isNumber).compactMap(\.wholeNumberValue)
        }
        guard !digits.isEmpty else { throw .empty }
        if trimmed.hasPrefix("+"), digits.first != 1 {
            throw .notNANP(countryCode: digits.prefix(3).map(String.init).joined())
        }
        if digits.count == 11, digits.first == 1 { digits.removeFirst() }
        guard digits.count == 10 else { throw .wrongLength(digits: digits.count) }
        let npa = digits[0] * 100 + digits[1] * 10 + digits[2]
        let exchange = digits[3] * 100 + digits[4] * 10 + digits[5]
        let line = digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9]
        try self.init(areaCode: npa, exchange: exchange, line: line)
    }

    /// The parts of a text already in E.164 (`+1` and ten digits), as stores keep numbers: read
    /// straight from its bytes, since the lead pool parses every lead it hands out.
    private static func e164Parts(_ text: String) -> (areaCode: Int, exchange: Int, line: Int)? {
        // A text whose bytes are not contiguous (bridged) takes the general path.
        let parts = text.utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int, Int)? in
            guard bytes.count == 12, bytes[0] == UInt8(ascii: "+"), bytes[1] == UInt8(ascii: "1") else { return nil }
            var value = 0
            for byte in bytes[2...] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return (value / 10_000_000, value / 10_000 % 1000, value % 10_000)
        }
        return parts ?? nil
    }

    /// The digits of a text made only of digits and the punctuation of phone numbers (` -.()+/`),
    /// read from its bytes; nil for any other text, which the general path reads (and refuses
    /// with its reason). A lead list of a million rows is parsed row by row.
    private static func spelledDigits(_ text: String) -> [Int]? {
        var digits: [Int] = []
        digits.reserveCapacity(11)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(Int(byte - UInt8(ascii: "0")))
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "+"),
                UInt8(ascii: "/"):
                continue
            default: return nil
            }
        }
        return digits
    }

    /// The longest text `init(parsing:)` looks at: room for any common spelling with spaces.
    public static let maxLength = 32

    /// E.164: `+12125550100`.
    public var e164: String {
        let lineText = String(line)
        return "+1\(areaCode)\(exchange)" + String(repeating: "0", count: 4 - lineText.count) + lineText
    }

    /// E.164.
    public var description: String { e164 }

    /// The ten digits as one integer (`2125550100`): a compact key for sets of many numbers.
    var packed: Int { (areaCode * 1000 + exchange) * 10_000 + line }

    /// Whether the number is in the range reserved for fiction, 555-0100 through 555-0199.
    public var isFictional: Bool { exchange == 555 && (100...199).contains(line) }

    /// Orders by E.164.
    public static func < (a: PhoneNumber, b: PhoneNumber) -> Bool { (a.areaCode, a.exchange, a.line) < (b.areaCode, b.exchange, b.line) }

    static func check(areaCode: Int, exchange: Int) throws(PhoneNumberError) {
        guard (0...999).contains(areaCode), (0...999).contains(exchange) else { throw .wrongLength(digits: 11) }
        let npaFirst = areaCode / 100
        guard npaFirst >= 2 else { throw .areaCodeStartsWith(Character(String(npaFirst))) }
        guard areaCode % 100 != 11 else { throw .n11AreaCode(areaCode) }
        let coFirst = exchange / 100
        guard coFirst >= 2 else { throw .exchangeStartsWith(Character(String(coFirst))) }
        guard exchange % 100 != 11 else { throw .n11Exchange(exchange) }
    }
}
