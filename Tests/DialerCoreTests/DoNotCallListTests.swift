import DialerCore
import XCTest

final class DoNotCallListTests: XCTestCase {
    func testAnyCommonSpellingOfAListedNumberIsOnTheList() throws {
        let list = DoNotCallList(text: "# opted out\n(212) 555-0100\n\n+1 312 555 0199  # asked twice\nnot a number\n212-555-01\n", name: "dnc.txt")
        XCTAssertEqual(list.numbers.count, 2)
        XCTAssertTrue(list.contains("+12125550100"))
        XCTAssertTrue(list.contains("312.555.0199"))
        XCTAssertFalse(list.contains("+12125550101"))
        XCTAssertEqual(
            list.rejected.map(\.description),
            [
                "dnc.txt:5: letters in a phone number ('notanumber')",
                "dnc.txt:6: wrong length: 8 digits (expected 10, or 11 starting with 1)",
            ])
    }

    func testAMissingListFileSaysSo() {
        XCTAssertThrowsError(try DoNotCallList(file: "/nonexistent/dnc.txt")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/dnc.txt: cannot read the list: no such file")
        }
    }
}
