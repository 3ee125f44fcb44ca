import DialerCore
import XCTest

/// Seed 003's number manager cases and the NANP rules.
final class PhoneNumberTests: XCTestCase {
    func testCommonSpellingsNormaliseToE164() throws {
        for text in ["(212) 555-0100", "212-555-0100", "212.555.0100", "+1 212 555 0100", "12125550100", "2125550100", " 212 555 0100 "] {
            XCTAssertEqual(try PhoneNumber(parsing: text).e164, "+12125550100", text)
        }
        XCTAssertEqual(try PhoneNumber(parsing: "+12125550100").e164, "+12125550100", "an E.164 number is already normal")
        XCTAssertEqual(try PhoneNumber(parsing: "+1 (212) 555-0100" + String(repeating: " ", count: 15)).e164, "+12125550100", "32 bytes")
        XCTAssertTrue(try PhoneNumber(parsing: "(212) 555-0100").isFictional)
        XCTAssertFalse(try PhoneNumber(parsing: "(212) 555-0200").isFictional)
    }

    func testInvalidNumbersSayWhy() {
        let cases: [(String, PhoneNumberError)] = [
            ("(112) 555-0100", .areaCodeStartsWith("1")),
            ("(012) 555-0100", .areaCodeStartsWith("0")),
            ("(911) 555-0100", .n11AreaCode(911)),
            ("(212) 155-0100", .exchangeStartsWith("1")),
            ("(212) 411-0100", .n11Exchange(411)),
            ("212-555-010", .wrongLength(digits: 9)),
            ("22125550100", .wrongLength(digits: 11)),
            ("+44 20 7946 0958", .notNANP(countryCode: "442")),
            ("1-800-FLOWERS", .letters("FLOWERS")),
            ("---", .empty),
            ("212#555#0100", .invalidCharacters("#")),
            (String(repeating: "2", count: 10 << 20), .tooLong(bytes: 10 << 20)),
            ("+1 (212) 555-0100" + String(repeating: " ", count: 16), .tooLong(bytes: 33)),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try PhoneNumber(parsing: text), text) { error in
                XCTAssertEqual(error as? PhoneNumberError, expected, text)
            }
        }
        XCTAssertEqual(PhoneNumberError.n11AreaCode(911).description, "area code 911 is an N11 service code")
    }

    func testThousandsOfGeneratedNumbersKeepTheNANPRules() throws {
        var generator = try NANPNumberGenerator(seed: 42)
        let numbers = generator.distinct(20_000)
        XCTAssertEqual(numbers.count, 20_000)
        for number in numbers {
            XCTAssertTrue((2...9).contains(number.areaCode / 100) && number.areaCode % 100 != 11, number.e164)
            XCTAssertTrue((2...9).contains(number.exchange / 100) && number.exchange % 100 != 11, number.e164)
            XCTAssertEqual(try PhoneNumber(parsing: number.e164), number, "round trip through E.164")
        }
        XCTAssertEqual(Set(numbers.map(\.areaCode)), Set(AreaCodeTimeZones.knownAreaCodes), "spread over every area code with a known zone")
    }

    func testTheSimulationsEndlessNumbersAreValidAndDistinctFarPastTheFictionalRange() throws {
        XCTAssertEqual((0..<3).map(LeadList.fictionalNumber), ["+12125550100", "+12125550101", "+12125550102"])
        XCTAssertEqual(LeadList.fictionalNumber(1_000), "+12125560100", "the next exchange after ten area codes")
        // Past 56,000 the exchange would be 611 (N11), past 445,000 a fifth digit: both refused.
        let early = (0..<60_000).map(LeadList.fictionalNumber)
        XCTAssertEqual(Set(early).count, early.count)
        let far = Array(stride(from: 0, to: 78_000_000, by: 7_919)) + [56_000, 445_000, 792_000, 792_001]
        for i in early.indices.filter({ $0 % 97 == 0 }) + far {
            let number = LeadList.fictionalNumber(i)
            XCTAssertEqual(try PhoneNumber(parsing: number).e164, number, "number \(i)")
        }
        XCTAssertEqual(Set(far.map(LeadList.fictionalNumber)).count, far.count, "distinct across the whole range")
    }

    func testEveryGeneratedNumberHasAKnownTimeZoneSoItCanBeDialedWithinCallingHours() throws {
        for seed: UInt64 in [1, 2, 42] {
            var generator = try NANPNumberGenerator(seed: seed)
            let numbers = generator.distinct(1_000)
            XCTAssertEqual(numbers.count, 1_000)
            let unknown = numbers.filter { AreaCodeTimeZones.zones(of: $0.areaCode) == nil }
            XCTAssertEqual(unknown.map(\.e164), [], "seed \(seed): numbers whose area code has no known time zone")
            let hours = CallingHours()
            let never = numbers.filter { hours.verdict(for: $0, at: 1_767_366_000) == .unknownTimeZone(areaCode: $0.areaCode) }
            XCTAssertEqual(never.map(\.e164), [], "seed \(seed): numbers calling hours would never open for")
        }
    }

    func testTheGeneratorIsSeededAndCanBeLimited() throws {
        var a = try NANPNumberGenerator(seed: 7)
        var b = try NANPNumberGenerator(seed: 7)
        XCTAssertEqual(a.distinct(100), b.distinct(100))
        var limited = try NANPNumberGenerator(seed: 7, areaCodes: [212, 646], fictional: true)
        let numbers = limited.distinct(500)
        XCTAssertEqual(numbers.count, 200, "two area codes hold 200 fictional numbers")
        XCTAssertTrue(numbers.allSatisfy { [212, 646].contains($0.areaCode) && $0.isFictional })
        XCTAssertThrowsError(try NANPNumberGenerator(seed: 1, areaCodes: [911])) { error in
            XCTAssertEqual(error as? PhoneNumberError, .n11AreaCode(911))
        }
    }

    /// Numbers already in E.164 take a shorter path; it gives what the general one gives (the
    /// same spelling with a space takes the general path), valid or not.
    func testAnE164TextParsesAsItsOtherSpellingsDo() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = String((0..<10).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            let fast = Result { () throws(PhoneNumberError) in try PhoneNumber(parsing: "+1" + digits) }
            let general = Result { () throws(PhoneNumberError) in try PhoneNumber(parsing: "+1 " + digits) }
            XCTAssertEqual(fast, general, digits)
        }
        XCTAssertEqual(try PhoneNumber(parsing: "+12125550100").e164, "+12125550100")
        XCTAssertThrowsError(try PhoneNumber(parsing: "+1212555010x"))
        XCTAssertThrowsError(try PhoneNumber(parsing: "+22125550100"))
    }

    /// Spellings made of digits and phone punctuation take a byte path; it agrees with the
    /// general one (kept here as it was) on random spellings, valid or not.
    func testThePunctuatedSpellingPathAgreesWithTheGeneralOne() {
        func general(_ text: String) -> Result<PhoneNumber, PhoneNumberError> {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            var digits = trimmed.filter(\.isNumber).compactMap(\.wholeNumberValue)
            guard !digits.isEmpty else { return .failure(.empty) }
            if trimmed.hasPrefix("+"), digits.first != 1 { return .failure(.notNANP(countryCode: digits.prefix(3).map(String.init).joined())) }
            if digits.count == 11, digits.first == 1 { digits.removeFirst() }
            guard digits.count == 10 else { return .failure(.wrongLength(digits: digits.count)) }
            let value = digits.reduce(0) { $0 * 10 + $1 }
            return Result { () throws(PhoneNumberError) in
                try PhoneNumber(areaCode: value / 10_000_000, exchange: value / 10_000 % 1000, line: value % 10_000)
            }
        }
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789012345678901234567890123456789 -.()+/")
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 0...16, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let parsed = Result { () throws(PhoneNumberError) in try PhoneNumber(parsing: text) }
            XCTAssertEqual(parsed, general(text), "'\(text)'")
        }
    }
}
