import DialerCore
import Foundation
import XCTest

/// Calling hours in the called party's local time, across daylight saving, Arizona and Hawaii.
final class CallingHoursTests: XCTestCase {
    private let hours = CallingHours()

    private func utc(_ text: String) -> Timestamp {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!.timeIntervalSince1970
    }

    private func number(_ text: String) -> PhoneNumber { try! PhoneNumber(parsing: text) }

    func testANewYorkLeadOpensAtEightLocalAndClosesAtNine() {
        XCTAssertEqual(
            hours.verdict(for: number("212-555-0100"), at: utc("2026-01-15T12:59:00Z")), .closed(opensAt: utc("2026-01-15T13:00:00Z")), "07:59 EST")
        XCTAssertEqual(hours.verdict(for: number("212-555-0100"), at: utc("2026-01-15T13:00:00Z")), .open, "08:00 EST")
        XCTAssertEqual(hours.verdict(for: number("212-555-0100"), at: utc("2026-01-16T01:59:00Z")), .open, "20:59 EST")
        XCTAssertEqual(
            hours.verdict(for: number("212-555-0100"), at: utc("2026-01-16T02:00:00Z")), .closed(opensAt: utc("2026-01-16T13:00:00Z")),
            "21:00 EST waits for tomorrow")
    }

    func testTheWindowReadsAsLocalClockTimes() {
        XCTAssertEqual(CallingHours().window, "08:00–21:00")
        XCTAssertEqual(CallingHours(opens: 8 * 3600 + 1800, closes: 20 * 3600 + 15).window, "08:30–20:00:15")
        XCTAssertEqual(CallingHours.clockTime(0), "00:00")
    }

    func testDaylightSavingMovesTheWindowOnTheChangeDay() {
        // 2026-03-08: clocks in New York go from 02:00 EST to 03:00 EDT; 08:00 EDT is 12:00 UTC.
        XCTAssertEqual(hours.verdict(for: number("212-555-0100"), at: utc("2026-03-08T11:30:00Z")), .closed(opensAt: utc("2026-03-08T12:00:00Z")))
        XCTAssertEqual(hours.verdict(for: number("212-555-0100"), at: utc("2026-03-08T12:00:00Z")), .open)
        // The day before, 08:00 EST was 13:00 UTC.
        XCTAssertEqual(hours.verdict(for: number("212-555-0100"), at: utc("2026-03-07T12:30:00Z")), .closed(opensAt: utc("2026-03-07T13:00:00Z")))
    }

    func testArizonaKeepsStandardTimeWhileDenverMoves() {
        // In July Phoenix is UTC-7 and Denver UTC-6: 08:00 in Phoenix is 15:00 UTC, in Denver 14:00 UTC.
        XCTAssertEqual(hours.verdict(for: number("602-555-0100"), at: utc("2026-07-01T14:30:00Z")), .closed(opensAt: utc("2026-07-01T15:00:00Z")))
        XCTAssertEqual(hours.verdict(for: number("303-555-0100"), at: utc("2026-07-01T14:30:00Z")), .open)
        // In January both are UTC-7.
        XCTAssertEqual(hours.verdict(for: number("602-555-0100"), at: utc("2026-01-15T15:00:00Z")), .open)
        XCTAssertEqual(hours.verdict(for: number("303-555-0100"), at: utc("2026-01-15T14:30:00Z")), .closed(opensAt: utc("2026-01-15T15:00:00Z")))
    }

    func testHawaiiHasNoDaylightSaving() {
        // Honolulu is UTC-10 all year: 08:00 is 18:00 UTC in January and in July.
        for day in ["2026-01-15", "2026-07-15"] {
            XCTAssertEqual(hours.verdict(for: number("808-555-0100"), at: utc("\(day)T17:59:00Z")), .closed(opensAt: utc("\(day)T18:00:00Z")), day)
            XCTAssertEqual(hours.verdict(for: number("808-555-0100"), at: utc("\(day)T18:00:00Z")), .open, day)
        }
    }

    func testAnAreaCodeInTwoZonesOpensWhenBothAreOpen() {
        // 850 spans Central (Pensacola) and Eastern (Tallahassee): 08:00 Central is 14:00 UTC in January.
        XCTAssertEqual(hours.verdict(for: number("850-555-0100"), at: utc("2026-01-15T13:30:00Z")), .closed(opensAt: utc("2026-01-15T14:00:00Z")))
        // 20:30 Eastern is still open in Central but closed in Eastern: wait for tomorrow.
        XCTAssertEqual(hours.verdict(for: number("850-555-0100"), at: utc("2026-01-16T02:30:00Z")), .closed(opensAt: utc("2026-01-16T14:00:00Z")))
    }

    func testUnknownAreaCodesWaitUnlessADefaultZoneIsSet() {
        XCTAssertEqual(hours.verdict(for: number("999-555-0100"), at: utc("2026-01-15T15:00:00Z")), .unknownTimeZone(areaCode: 999))
        XCTAssertEqual(CallingHours(defaultZone: "America/Chicago").verdict(for: number("999-555-0100"), at: utc("2026-01-15T15:00:00Z")), .open)
    }

    func testEveryZoneOfTheTableExists() {
        for code in AreaCodeTimeZones.knownAreaCodes {
            for name in AreaCodeTimeZones.zones(of: code) ?? [] {
                XCTAssertNotNil(TimeZone(identifier: name), "\(code): \(name)")
            }
        }
        XCTAssertGreaterThan(AreaCodeTimeZones.knownAreaCodes.count, 380)
    }
}
