import DialerCore
import DialerLua
import Foundation
import XCTest

/// A rule file's `LEADS` table: retries and compliance that operators edit without rebuilding.
final class LeadSettingsTableTests: XCTestCase {
    private let leadsTable = """
        LEADS = {
          max_attempts = 5,
          retry = { failed = 900, busy = 120, no_answer = 3600, not_placed = 30 },
          drop_lockout = 96 * 3600,
          hours = { 9, 20.5 },
          default_zone = "America/Chicago",
          dnc = "lists/dnc.txt",
        }
        """

    private let powerRules = try! String(contentsOf: repositoryRoot.appendingPathComponent("rules/power.lua"), encoding: .utf8)

    private func rules(with table: String) -> String {
        defaultRules(replacing: "KEEP_ALIVE_INTERVAL = 60\n", with: "KEEP_ALIVE_INTERVAL = 60\n" + table + "\n")
    }

    private func problems(_ source: String, name: String = "r.lua") -> [String] {
        do {
            _ = try LuaRuleSet(source: source, name: name)
            return []
        } catch {
            guard case .invalid(let problems) = error else { return ["unexpected: \(error)"] }
            return problems.map(\.description)
        }
    }

    func testARuleFileWithoutLeadsKeepsTheRetryPolicyAndCallingHoursDefaults() throws {
        let loaded = try LuaRuleSet(source: defaultRulesSource, name: "r.lua")
        XCTAssertFalse(loaded.definesLeadSettings)
        XCTAssertEqual(loaded.leadSettings.retry, RetryPolicy())
        XCTAssertEqual(loaded.leadSettings.hours?.opens, CallingHours().opens)
        XCTAssertEqual(loaded.leadSettings.hours?.closes, CallingHours().closes)
        XCTAssertNil(loaded.leadSettings.hours?.defaultZone)
        XCTAssertTrue(loaded.leadSettings.doNotCall.numbers.isEmpty)
    }

    func testEveryLeadsKeyIsReadAndTheDoNotCallFileIsFoundBesideTheRuleFile() throws {
        let dir = temporaryDirectory(["rules.lua": rules(with: leadsTable)])
        try FileManager.default.createDirectory(atPath: dir + "/lists", withIntermediateDirectories: true)
        try "(212) 555-0199\n# a comment\n312-555-0100\n".write(toFile: dir + "/lists/dnc.txt", atomically: true, encoding: .utf8)
        let loaded = try LuaRuleSet(file: dir + "/rules.lua")
        let settings = loaded.leadSettings
        XCTAssertTrue(loaded.definesLeadSettings)
        XCTAssertEqual(
            settings.retry,
            RetryPolicy(maxAttempts: 5, failedDelay: 900, busyDelay: 120, noAnswerDelay: 3600, droppedLockout: 96 * 3600, notPlacedDelay: 30))
        XCTAssertEqual(settings.hours?.opens, 9 * 3600)
        XCTAssertEqual(settings.hours?.closes, 20 * 3600 + 1800)
        XCTAssertEqual(settings.hours?.defaultZone, "America/Chicago")
        XCTAssertEqual(settings.doNotCall.numbers, [try PhoneNumber(parsing: "+12125550199"), try PhoneNumber(parsing: "+13125550100")])
        XCTAssertEqual(settings.doNotCallFile, dir + "/lists/dnc.txt")
        let shown = loaded.settings.first { $0.name == "LEADS" }?.value
        XCTAssertEqual(
            shown,
            """
            { max_attempts = 5, retry = { failed = 900, busy = 120, no_answer = 3600, not_placed = 30 }, drop_lockout = 345600, hours = { 9, 20.5 }, \
            default_zone = "America/Chicago", dnc = "\(dir)/lists/dnc.txt" (2 numbers) }
            """)
    }

    func testKeysLeftOutKeepTheirDefaultsAndHoursFalseMeansAnyTime() throws {
        let loaded = try LuaRuleSet(source: rules(with: "LEADS = { retry = { busy = 60 }, hours = false }"), name: "r.lua")
        var expected = RetryPolicy()
        expected.busyDelay = 60
        XCTAssertEqual(loaded.leadSettings.retry, expected)
        XCTAssertNil(loaded.leadSettings.hours)
    }

    func testABadValueIsReportedWithTheLineOfLeadsAndTheField() {
        let cases: [(String, String)] = [
            ("LEADS = { retry = { busy = -5 } }", "LEADS.retry.busy must be a number of seconds >= 0, got -5"),
            (
                "LEADS = { retry = { dropped = 5 } }",
                "LEADS.retry.dropped is not a retry delay (expected failed, busy, no_answer, not_placed; a dropped call's wait is drop_lockout)"
            ),
            ("LEADS = { max_attempts = 0 }", "LEADS.max_attempts must be a whole number >= 1, got 0"),
            ("LEADS = { hours = { 21, 8 } }", "LEADS.hours must be two hours 0 <= opening < closing <= 24, got { 21, 8 }"),
            ("LEADS = { default_zone = \"Mars/Olympus\" }", "LEADS.default_zone must be a time zone such as \"America/Chicago\", got 'Mars/Olympus'"),
            (
                "LEADS = { max_attempt = 3 }",
                "LEADS.max_attempt is not a setting (expected max_attempts, retry, drop_lockout, hours, default_zone, dnc)"
            ),
            ("LEADS = { dnc = { \"212-555-01\" } }", "LEADS.dnc entry 1 '212-555-01' is not a phone number: "),
            ("LEADS = 3", "LEADS must be a table such as { max_attempts = 3, hours = { 8, 21 } }, got 3"),
        ]
        for (table, message) in cases {
            let source = rules(with: table)
            let found = problems(source)
            XCTAssertEqual(found.count, 1, table)
            XCTAssertTrue(found.first?.hasPrefix("r.lua:\(line(of: table, in: source)): \(message)") == true, "\(table): \(found)")
        }
    }

    func testAMissingDoNotCallFileIsAProblemNamingTheFile() {
        let dir = temporaryDirectory(["rules.lua": rules(with: "LEADS = { dnc = \"missing.txt\" }")])
        let found = problems(try! String(contentsOfFile: dir + "/rules.lua", encoding: .utf8), name: dir + "/rules.lua")
        XCTAssertEqual(
            found,
            [
                "\(dir)/rules.lua:\(line(of: "LEADS =", in: rules(with: "LEADS = { dnc = \"missing.txt\" }"))): LEADS.dnc cannot be read: \(dir)/missing.txt: cannot read the list: no such file"
            ])
    }

    func testALeadPoolInAScenarioOverridesOnlyTheKeysItGives() throws {
        // The rule file allows one attempt; the pool allows two: the failed lead is dialed again after the rule file's 60 s.
        let dir = temporaryDirectory([
            "rules.lua": powerRules.replacingOccurrences(
                of: "KEEP_ALIVE_INTERVAL = 60\n",
                with: "KEEP_ALIVE_INTERVAL = 60\nLEADS = { max_attempts = 1, retry = { failed = 60 }, hours = false }\n"),
            "scenario.lua": """
            rules "rules.lua"
            settings { DIAL_RATIO = 1 }
            lead_pool { "212-555-0100", max_attempts = 2 }
            agent "a1"
            login "a1"
            fail_call "+12125550100"
            expect_eq(lead("+12125550100").eligible_at, now() + 60, "the rule file's retry delay")
            advance(60)
            event("a1", "dialing")
            expect_dials("a1", { "+12125550100", "+12125550100" })
            """,
        ])
        let result = fixtureRunner().run(file: dir + "/scenario.lua")[0]
        XCTAssertEqual(result.verdict, .passed, "\(result.recentEvents)")
    }
}
