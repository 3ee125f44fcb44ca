import DialerCore
import DialerSQLite
import Foundation
import XCTest

/// `dialer leads import|generate|list|callback` on a SQLite store (callback on PostgreSQL too).
final class LeadsCommandTests: XCTestCase {
    func testImportKeepsGoodRowsReportsBadOnesAndListShowsThemInDialingOrder() throws {
        let dir = try scratchDirectory([
            "leads.csv": "phone,id,name,priority\n(212) 555-0100,L1,Ann,1\n911-555-0100,L2,Bad,\n312.555.0101,L3,\"Smith, Bo\",5\n"
        ])
        let store = "sqlite:\(dir)/leads.sqlite"
        let imported = try dialer(["leads", "import", "--store", store, "\(dir)/leads.csv"])
        XCTAssertEqual(imported.status, 0, imported.err)
        XCTAssertEqual(imported.out, "imported 2 leads into \(store) (0 already there, 1 row rejected)\n")
        XCTAssertEqual(imported.err, "\(dir)/leads.csv:3: phone '911-555-0100': area code 911 is an N11 service code\n")
        XCTAssertTrue(
            try dialer(["leads", "import", "--store", store, "\(dir)/leads.csv"]).out.hasPrefix("imported 0 leads into \(store) (2 already there"))

        let generated = try dialer(["leads", "generate", "--store", store, "--count", "3", "--seed", "9", "--area-code", "415", "--fictional"])
        XCTAssertEqual(generated.out, "generated 3 numbers, added 3 new leads to \(store)\n")

        // 13:00 in New York: calling hours are open in every zone of these leads.
        let list = try dialer(["leads", "list", "--store", store, "--format", "json", "--at", "2026-01-15T13:00:00-05:00"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.count, 5)
        XCTAssertEqual(rows.prefix(2).map { $0["number"] as? String }, ["+13125550101", "+12125550100"], "priority 5, then 1")
        XCTAssertEqual(rows[0]["name"] as? String, "Smith, Bo")
        XCTAssertTrue(rows.suffix(3).allSatisfy { ($0["number"] as? String)?.hasPrefix("+1415555") == true })
        XCTAssertTrue(rows.allSatisfy { $0["state"] as? String == "available" && $0["next_eligible"] as? String == "now" })
    }

    func testABadByteRejectsOnlyItsRowAndAHugeNumberIsEchoedShort() throws {
        let file = try scratchDirectory([:]) + "/leads.csv"
        let huge = String(repeating: "2", count: 10 << 20)
        let bytes = Array("phone,name\n(212) 555-0100,Ann\n(212) 555-0101,Jos".utf8) + [0xE9] + Array("\n\(huge)\n(212) 555-0102,Bo\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let imported = try dialer(["leads", "import", "--store", "memory:", file])
        XCTAssertEqual(imported.status, 0, imported.err)
        XCTAssertEqual(imported.out, "imported 2 leads into memory: (0 already there, 2 rows rejected)\n")
        XCTAssertEqual(
            imported.err,
            """
            \(file):3: byte 19 of the row is not UTF-8 (0xE9); save the file as UTF-8
            \(file):4: phone '\(huge.prefix(40))…' (10485760 bytes): too long for a phone number: 10485760 bytes (at most 32)

            """)
    }

    /// A scenario's `generate_leads` gives the numbers `dialer leads generate` adds with the same
    /// options, in the same order: the scenario below asserts the list the command stored.
    func testGenerateLeadsInAScenarioGivesTheNumbersTheCommandAdds() throws {
        let dir = try scratchDirectory([:])
        let store = "sqlite:\(dir)/leads.sqlite"
        for (options, flags) in [
            ("{ seed = 7 }", ["--seed", "7"]),
            (
                "{ seed = 3, area_codes = { 415, 312 }, fictional = true }",
                ["--seed", "3", "--area-code", "415", "--area-code", "312", "--fictional"]
            ),
        ] {
            try? FileManager.default.removeItem(atPath: "\(dir)/leads.sqlite")
            XCTAssertEqual(try dialer(["leads", "generate", "--store", store, "--count", "6"] + flags).status, 0)
            let list = try dialer(["leads", "list", "--store", store, "--format", "json"])
            let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]], list.out)
            let numbers = rows.compactMap { $0["number"] as? String }
            XCTAssertEqual(numbers.count, 6, list.out)
            let expected = numbers.map { "\"\($0)\"" }.joined(separator: ", ")
            try "expect_eq(generate_leads(6, \(options)), { \(expected) })\n".write(toFile: "\(dir)/same.lua", atomically: true, encoding: .utf8)
            let replay = try dialer(["replay", "\(dir)/same.lua"])
            XCTAssertEqual(replay.status, 0, "\(options): \(replay.out)")
        }
    }

    func testAnUnreadableListAndABadAreaCodeSayWhy() throws {
        let missing = try dialer(["leads", "import", "--store", "memory:", "/nonexistent/leads.csv"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.err, "/nonexistent/leads.csv: cannot read the lead list: no such file\n")
        let bad = try dialer(["leads", "generate", "--store", "memory:", "--area-code", "911"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertEqual(bad.err, "--area-code: area code 911 is an N11 service code\n")
    }

    func testListShowsEachLeadsNextChanceAndWhyNotSooner() throws {
        let dir = try scratchDirectory([
            "rules.lua": try String(contentsOf: repositoryRoot.appendingPathComponent("rules/default.lua"), encoding: .utf8)
                + "\nLEADS = { retry = { busy = 600 }, dnc = \"dnc.txt\" }\n",
            "dnc.txt": "(212) 555-0103\n",
        ])
        let sqlite = try SQLiteAgentStore(path: "\(dir)/leads.sqlite")
        _ = try sqlite.addLeads(["+12125550100", "+12125550101", "+12125550102", "+12125550103", "+14155550104"])
        sqlite.retryPolicy = RetryPolicy(busyDelay: 600)
        let noonInNewYork = 1_768_496_400.0  // 2026-01-15 12:00 -05:00
        func dial(_ id: Int, _ number: String, _ outcome: DialOutcome?) -> Dial {
            var dial = Dial(id: id, agentID: "a1", number: number, dialedAt: noonInNewYork - 30)
            dial.outcome = outcome
            dial.endedAt = outcome == nil ? nil : noonInNewYork
            if outcome == .dropped { dial.answeredAt = noonInNewYork - 5 }
            return dial
        }
        var batch = StoreBatch()
        batch.dials = [dial(1, "+12125550100", .dropped), dial(2, "+12125550101", .busy), dial(3, "+12125550102", nil)]
        try sqlite.commit(batch)

        let list = try dialer([
            "leads", "list", "--store", "sqlite:\(dir)/leads.sqlite", "--rules", "\(dir)/rules.lua", "--at", "2026-01-15T10:30:00-05:00",
        ])
        XCTAssertEqual(list.status, 0, list.err)
        XCTAssertEqual(
            list.out,
            """
            number        state      attempts  last outcome  next eligible         why            priority  id  name
            ------------  ---------  --------  ------------  --------------------  -------------  --------  --  ----
            +12125550100  available         1  dropped       2026-01-18 17:00 UTC  lockout               0  -   -
            +12125550101  available         1  busy          2026-01-15 17:10 UTC  retry                 0  -   -
            +12125550102  dialing           0  -             after its dial        in a dial             0  -   -
            +12125550103  available         0  -             never                 do-not-call           0  -   -
            +14155550104  available         0  -             2026-01-15 16:00 UTC  outside hours         0  -   -
            5 leads in sqlite:\(dir)/leads.sqlite

            """)
        let json = try dialer([
            "leads", "list", "--store", "sqlite:\(dir)/leads.sqlite", "--rules", "\(dir)/rules.lua", "--at", "2026-01-15T10:30:00-05:00", "--format",
            "json",
        ])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows[0]["last_outcome"] as? String, "dropped")
        XCTAssertEqual(rows[0]["next_eligible_at"] as? Double, noonInNewYork + 72 * 3600)
        XCTAssertEqual(rows[0]["why"] as? [String], ["lockout"])
        XCTAssertEqual(rows[4]["why"] as? [String], ["outside hours"], "07:30 in San Francisco")
    }

    /// `leads callback` on `store`: a done or fresh lead waits for its time; an unknown lead and
    /// bad arguments are refused, naming what is wrong.
    private func checkCallback(store: String) throws {
        let csv = try scratchFile("leads.csv", "phone\n(212) 555-0100\n(212) 555-0101\n")
        XCTAssertEqual(try dialer(["leads", "import", "--store", store, csv]).status, 0)
        let scheduled = try dialer(["leads", "callback", "--store", store, "(212) 555-0100", "2026-01-15T11:00:00-05:00"])
        XCTAssertEqual(scheduled.status, 0, scheduled.err)
        XCTAssertTrue(scheduled.out.hasPrefix("callback: +12125550100 may be dialed from 2026-01-15 16:00 UTC ("), scheduled.out)
        let list = try dialer(["leads", "list", "--store", store, "--format", "json", "--at", "2026-01-15T10:59:00-05:00"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["why"] as? [String] ?? [] }, [["callback"], []], list.out)
        XCTAssertEqual(rows[0]["next_eligible_at"] as? Double, 1_768_492_800, "11:00 in New York")

        let unknown = try dialer(["leads", "callback", "--store", store, "+12125550199", "2026-01-15T11:00:00-05:00"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.err, "callback: +12125550199 is not a lead in the store; add it first (dialer leads import, POST /leads)\n")
        let badTime = try dialer(["leads", "callback", "--store", store, "+12125550101", "tomorrow"])
        XCTAssertEqual(badTime.status, 64)
        XCTAssertTrue(
            badTime.err.contains("TIME: expected an ISO 8601 time with its offset, e.g. 2026-01-15T11:00:00-05:00, got 'tomorrow'"), badTime.err)
        let badNumber = try dialer(["leads", "callback", "--store", store, "911-555-0100", "2026-01-15T11:00:00-05:00"])
        XCTAssertEqual(badNumber.status, 64)
        XCTAssertTrue(badNumber.err.contains("NUMBER: '911-555-0100' is not a phone number"), badNumber.err)
        let after = try dialer(["leads", "list", "--store", store, "--format", "json", "--at", "2026-01-15T10:59:00-05:00"])
        XCTAssertEqual(after.out, list.out, "refusals change nothing")
    }

    func testCallbackOnSQLite() throws {
        try checkCallback(store: "sqlite:\(try scratchDirectory())/leads.sqlite")
    }

    func testCallbackOnPostgreSQL() throws {
        try checkCallback(store: try postgresTestURL(schemaPrefix: "leads"))
    }
}
