import Foundation
import XCTest

/// `dialer leads import|generate|list` on a SQLite store.
final class LeadsCommandTests: XCTestCase {
    func testImportKeepsGoodRowsReportsBadOnesAndListShowsThemInDialingOrder() throws {
        let dir = try scratchDirectory(["leads.csv": "phone,id,name,priority\n(212) 555-0100,L1,Ann,1\n911-555-0100,L2,Bad,\n312.555.0101,L3,\"Smith, Bo\",5\n"])
        let store = "sqlite:\(dir)/leads.sqlite"
        let imported = try dialer(["leads", "import", "--store", store, "\(dir)/leads.csv"])
        XCTAssertEqual(imported.status, 0, imported.err)
        XCTAssertEqual(imported.out, "imported 2 leads into \(store) (0 already there, 1 row rejected)\n")
        XCTAssertEqual(imported.err, "\(dir)/leads.csv:3: phone '911-555-0100': area code 911 is an N11 service code\n")
        XCTAssertTrue(try dialer(["leads", "import", "--store", store, "\(dir)/leads.csv"]).out.hasPrefix("imported 0 leads into \(store) (2 already there"))

        let generated = try dialer(["leads", "generate", "--store", store, "--count", "3", "--seed", "9", "--area-code", "415", "--fictional"])
        XCTAssertEqual(generated.out, "generated 3 numbers, added 3 new leads to \(store)\n")

        let list = try dialer(["leads", "list", "--store", store, "--format", "json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 5)
        XCTAssertEqual(rows.prefix(2).map { $0["number"] as? String }, ["+13125550101", "+12125550100"], "priority 5, then 1")
        XCTAssertEqual(rows[0]["name"] as? String, "Smith, Bo")
        XCTAssertTrue(rows.suffix(3).allSatisfy { ($0["number"] as? String)?.hasPrefix("+1415555") == true })
        XCTAssertTrue(rows.allSatisfy { $0["state"] as? String == "available" && $0["next_eligible"] as? String == "now" })
    }

    func testAnUnreadableListAndABadAreaCodeSayWhy() throws {
        let missing = try dialer(["leads", "import", "--store", "memory:", "/nonexistent/leads.csv"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.err, "/nonexistent/leads.csv: cannot read the lead list: no such file\n")
        let bad = try dialer(["leads", "generate", "--store", "memory:", "--area-code", "911"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertEqual(bad.err, "--area-code: area code 911 is an N11 service code\n")
    }
}
