import DialerCore
import XCTest

/// The one formatter of readable reports: thousands grouped, fixed decimals, any locale; and
/// the table that right-aligns its figures.
final class NumberFormatTests: XCTestCase {
    func testCountsGroupThousandsWithCommas() {
        XCTAssertEqual(NumberFormat.grouped(0), "0")
        XCTAssertEqual(NumberFormat.grouped(999), "999")
        XCTAssertEqual(NumberFormat.grouped(1000), "1,000")
        XCTAssertEqual(NumberFormat.grouped(12_345), "12,345")
        XCTAssertEqual(NumberFormat.grouped(-1_234_567), "-1,234,567")
        XCTAssertEqual(NumberFormat.grouped(Int.min), "-9,223,372,036,854,775,808")
    }

    func testReadableDecimalsAreGroupedAndMachineDecimalsAreNot() {
        XCTAssertEqual(NumberFormat.readable(12_345.67, decimals: 1), "12,345.7")
        XCTAssertEqual(NumberFormat.readable(-0.04, decimals: 1), "0.0", "no minus sign on a value that rounds to zero")
        XCTAssertEqual(NumberFormat.readable(1_000_000, decimals: 0), "1,000,000")
        XCTAssertEqual(NumberFormat.fixed(12_345.6789, decimals: 3), "12345.679")
        XCTAssertEqual(NumberFormat.fixed(2.5, decimals: 0), "3", "half away from zero")
        XCTAssertEqual(NumberFormat.percent(0.1234), "12.34%")
        XCTAssertEqual(NumberFormat.percent(12.5, decimals: 0), "1,250%")
    }

    func testATableRightAlignsItsNumericColumnsTitleIncluded() {
        let table = TextTable(
            header: ["agent", "dials", "abandon", "note"],
            rows: [["a1", "12,345", "3.10%", "ok"], ["a22", "7", "-", "late"], ["total", "12,352", "16.28%", "-"]])
        XCTAssertEqual(
            table.render(),
            """
            agent   dials  abandon  note
            -----  ------  -------  ----
            a1     12,345    3.10%  ok
            a22         7        -  late
            total  12,352   16.28%  -

            """)
    }

    func testPhoneNumbersStayLeftWhenTheColumnsAreGiven() {
        let table = TextTable(header: ["number", "attempts"], rows: [["+12125550100", "1"], ["+1212555", "12"]], numericColumns: [1])
        XCTAssertEqual(table.render(), "number        attempts\n------------  --------\n+12125550100         1\n+1212555            12\n")
    }
}
