/// Seeded generator of valid North American numbers (seed 003's NPA / central office code /
/// line number generation): area code and exchange 2–9 first and never N11, line 0000–9999;
/// optionally only given area codes, or only the fictional 555-0100…0199 range.
public struct NANPNumberGenerator: Sendable {
    private var random: SeededRandom
    /// Area codes to draw from; empty: any valid one.
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
        let npa = areaCodes.isEmpty ? Self.validCode(using: &random) : areaCodes[Int.random(in: 0..<areaCodes.count, using: &random)]
        let exchange = fictional ? 555 : Self.validCode(using: &random)
        let line = fictional ? Int.random(in: 100...199, using: &random) : Int.random(in: 0...9999, using: &random)
        // Both codes are valid by construction.
        return try! PhoneNumber(areaCode: npa, exchange: exchange, line: line)
    }

    /// `count` distinct numbers (fewer if the range has fewer).
    public mutating func distinct(_ count: Int) -> [PhoneNumber] {
        var seen: Set<PhoneNumber> = []
        var result: [PhoneNumber] = []
        let capacity = fictional ? 100 * max(areaCodes.count, 1) * (areaCodes.isEmpty ? 792 : 1) : Int.max
        while result.count < min(count, capacity) {
            let number = next()
            if seen.insert(number).inserted { result.append(number) }
        }
        return result
    }

    /// 200–999 with the first digit 2–9 and not N11.
    private static func validCode(using random: inout SeededRandom) -> Int {
        while true {
            let code = Int.random(in: 200...999, using: &random)
            if code % 100 != 11 { return code }
        }
    }
}
