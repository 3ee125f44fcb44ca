import Foundation
import XCTest

/// The `dialer` executable end to end: output and exit codes as the README promises.
final class CommandLineTests: XCTestCase {
    func testCheckAcceptsTheDefaultRules() throws {
        let result = try dialer(["check", "rules/default.lua"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(
            result.out,
            """
            rules/default.lua: ok (28 cells: 16 handlers, 12 ignore; DIAL_RATIO = 2, KEEP_ALIVE_INTERVAL = 60)
              LEADS (not set: the defaults) = { max_attempts = 3, retry = { failed = 1800, busy = 600, no_answer = 1800, not_placed = 60 }, \
            drop_lockout = 259200, hours = { 8, 21 }, default_zone = nil, dnc = 0 numbers }

            """)
    }

    func testVersionAndAMistypedSubcommandGetsTheNearestSuggested() throws {
        let version = try dialer(["--version"])
        XCTAssertEqual(version.status, 0, version.err)
        XCTAssertTrue(version.out.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, version.out)
        let typo = try dialer(["replayy", "scenarios/"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.err.hasPrefix("Error: Unknown command 'replayy'. Did you mean 'replay'?\n"), typo.err)
        XCTAssertTrue(try dialer(["simulat"]).err.contains("Did you mean 'simulate'?"))
        let far = try dialer(["frobnicate"])
        XCTAssertEqual(far.status, 64)
        XCTAssertFalse(far.err.contains("Did you mean"), far.err)
    }

    func testCheckRejectsABrokenRuleFileWithFileAndLine() throws {
        let file = try scratchFile("broken.lua", "DIAL_RATIO = 2\nKEEP_ALIVE_INTERVAL = 60\nstatus \"redy\" {}\n")
        let result = try dialer(["check", file])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("broken.lua:3: unknown status 'redy'"), result.err)
    }

    func testReplayOfTheShippedScenariosPassesWithFullCoverage() throws {
        let result = try dialer(["replay", "--coverage", "scenarios/"])
        XCTAssertEqual(result.status, 0, result.out)
        XCTAssertTrue(result.out.contains("28 of 28 cells reached"), result.out)
        XCTAssertTrue(result.out.hasSuffix(" passed, 0 failed\n"))
    }

    func testDeliberatelyFailingScenarioExitsOneWithItsLine() throws {
        let file = try scratchFile("failing.lua", "agent \"a1\"\nlogin \"a1\"\nexpect_dials(\"a1\", 5)\n")
        let result = try dialer(["replay", file])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.out.contains("failing.lua:3: expected 5 dials for a1, got 2"), result.out)
        XCTAssertTrue(result.out.hasSuffix("0 passed, 1 failed\n"), result.out)
    }

    func testBrokenRulesInReplayExitTwo() throws {
        let rules = try scratchFile("broken.lua", "DIAL_RATIO = 2\nKEEP_ALIVE_INTERVAL = 60\nstatus \"off\" { login = function( }\n")
        let result = try dialer(["replay", "--rules", rules, "scenarios/flows/full_call_cycle.lua"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.out.contains("broken.lua:3:"), result.out)
    }

    func testBadUsageExits64() throws {
        XCTAssertEqual(try dialer(["replay"]).status, 64)
        XCTAssertEqual(try dialer(["replay", "--no-such-flag", "scenarios"]).status, 64)
    }

    func testANegativeCountGetsTheRangeMessageNotAParserConfusion() throws {
        let cases: [([String], String)] = [
            (["simulate", "--agents", "-3"], "--agents -3 is out of range: expected 1 to 100000 agents"),
            (["simulate", "--hours", "-0.5"], "--hours -0.5 is out of range"),
            (["soak", "--store", "memory:", "--agents", "-3"], "--agents -3 is out of range: expected 1 to 100000 agents"),
            (["soak", "--store", "memory:", "--group", "-1"], "--group -1 is out of range: expected at least 1 events per commit"),
            (["bench", "--cycles", "-3"], "--cycles -3 is out of range: expected at least 1 seed cycles"),
            (["bench", "--memory-agents", "10", "--memory-agents", "-3"], "--memory-agents -3 is out of range"),
            (["leads", "generate", "--store", "memory:", "--count", "-3"], "--count -3 is out of range: expected 1 to 10000000 numbers"),
        ]
        for (arguments, message) in cases {
            let result = try dialer(arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.contains(message), "\(arguments): \(result.err)")
            XCTAssertFalse(result.err.contains("Missing value"), "\(arguments): \(result.err)")
        }
        let zero = try dialer(["soak", "--store", "memory:", "--agents", "0"])
        XCTAssertEqual(zero.status, 64)
        XCTAssertTrue(zero.err.contains("--agents 0 is out of range: expected 1 to 100000 agents"), zero.err)
    }

    func testMissingScenarioPathExitsTwo() throws {
        let result = try dialer(["replay", "scenarios/does-not-exist.lua"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("scenarios/does-not-exist.lua: no such file or directory"), result.err)
    }
}
