/// Seeded generator of valid North American numbers (seed 003's NPA / central office code /
/// line number generation): area code and exchange 2–9 first and never N11, line 0000–9999;
/// optionally only given area codes, or only the fictional 555-0100…0199 range. Without given
/// area codes it draws only assigned ones whose time zone is known, so every lead it makes can
/// be dialed within its calling hours.
public struct NANPNumberGenerator: Sendable {
    private var random: SeededRandom
    /// Area codes to draw from; empty: any whose time zone is known (`AreaCodeTimeZones`).
    public let areaCodes: [Int]
    /// Only 555-0100…0199 numbers.
    public let fictional: Bool

    /// Makes a generator; invalid area codes are refused with the reason.
    public init(seed: UInt64, areaCodes: [Int] = [], fictional: Bool = false) throws(PhoneNumberError) {
        for npa in areaCodes { try PhoneNumber.check(areaCode: npa, exchange: 555) }
        random = SeededRandom(seed: seed)
        self.areaCodes = areaCodes
        self.fictional = fictional
    }

    /// The next number.
    public mutating func next() -> PhoneNumber {
        let codes = areaCodes.isEmpty ? Self.zonedAreaCodes : areaCodes
        let npa = codes[Int.random(in: 0..<codes.count, using: &random)]
        let exchange = fictional ? 555 : Self.validCode(using: &random)
        let line = fictional ? Int.random(in: 100...199, using: &random) : Int.random(in: 0...9999, using: &random)
        // Both codes are valid by construction.
        return try! PhoneNumber(areaCode: npa, exchange: exchange, line: line)
    }

    /// `count` distinct numbers (fewer if the range has fewer).
    public mutating func distinct(_ count: Int) -> [PhoneNumber] {
        var seen: Set<PhoneNumber> = []
        var result: [PhoneNumber] = []
        let capacity = fictional ? 100 * (areaCodes.isEmpty ? Self.zonedAreaCodes.count : areaCodes.count) : Int.max
        while result.count < min(count, capacity) {
            let number = next()
            if seen.insert(number).inserted { result.append(number) }
        }
        return result
    }

    /// The area codes drawn when none are given. A valid but unassigned code has no known time
    /// zone, and its leads would wait forever outside calling hours.
    private static let zonedAreaCodes = AreaCodeTimeZones.knownAreaCodes

    /// 200–999 with the first digit 2–9 and not N11.
    private static func validCode(using random: inout SeededRandom) -> Int {
        while true {
            let code = Int.random(in: 200...999, using: &random)
            if code % 100 != 11 { return code }
        }
    }
}
