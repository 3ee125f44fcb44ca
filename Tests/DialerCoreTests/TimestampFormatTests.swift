import DialerCore
import XCTest

/// The times the CLI and the HTTP API take: RFC 3339 with the offset.
final class TimestampFormatTests: XCTestCase {
    func testRFC3339TimesParseWithOrWithoutFractionsInEitherCase() {
        let noonInNewYork = 1_768_496_400.0  // 2026-01-15 12:00 -05:00
        for text in [
            "2026-01-15T12:00:00-05:00", "2026-01-15T17:00:00Z", "2026-01-15t17:00:00z", "2026-01-15T17:00:00.000Z", "2026-01-15T12:00:00.0-05:00",
        ] {
            XCTAssertEqual(parseTimestamp(iso8601: text), noonInNewYork, text)
        }
        XCTAssertEqual(parseTimestamp(iso8601: "2026-01-15T17:00:00.25Z"), noonInNewYork + 0.25)
        for text in ["2026-01-15 17:00", "2026-01-15T17:00:00", "tomorrow", ""] {
            XCTAssertNil(parseTimestamp(iso8601: text), text)
        }
    }
}
