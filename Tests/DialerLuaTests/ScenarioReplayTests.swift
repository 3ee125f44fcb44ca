import DialerCore
import DialerLua
import Foundation
import XCTest

/// Replaying scenario files: the shipped suite passes, and failures say where and why.
final class ScenarioReplayTests: XCTestCase {
    private var runner: ScenarioRunner { fixtureRunner() }

    private func replay(_ text: String) -> ScenarioResult {
        runner.run(file: temporaryFile(text, name: "scenario.lua"))[0]
    }

    func testEveryShippedScenarioPasses() throws {
        let files = try ScenarioSuite.collectFiles([repositoryRoot.appendingPathComponent("scenarios").path])
        XCTAssertGreaterThanOrEqual(files.count, 1)
        let suite = ScenarioSuite(files: files, runner: runner)
        for result in suite.results where !result.passed {
            XCTFail("\(result.file): \(result.verdict)\n\(result.recentEvents.joined(separator: "\n"))")
        }
        XCTAssertEqual(suite.exitCode, 0)
    }

    func testShippedScenariosReachEveryMatrixCell() throws {
        let files = try ScenarioSuite.collectFiles([repositoryRoot.appendingPathComponent("scenarios").path])
        let suite = ScenarioSuite(files: files, runner: runner)
        XCTAssertEqual(suite.coverage.unreachedCells, [], "cells no scenario reaches")
    }

    func testFailedAssertionNamesTheScenarioLineAndShowsRecentEvents() {
        let result = replay(
            """
            agent "a1"
            login "a1"

            expect_status("a1", "in_call")
            """)
        guard case .failed(let message) = result.verdict else { return XCTFail("\(result.verdict)") }
        XCTAssertTrue(message.hasSuffix("scenario.lua:4: expected a1.status = 'in_call', got 'ready'"), message)
        XCTAssertEqual(
            result.recentEvents,
            [
                "t=0 a1 login: off -> ready, cdc 0",
                "t=0 a1 dialing: ready, cdc 0 -> 2; dialed +12125550100 +12125550101",
            ])
        XCTAssertEqual(ScenarioSuite(results: [result]).exitCode, 1)
    }

    func testAssertionFailureCaughtByPcallStillFailsTheScenario() {
        let result = replay(
            """
            agent "a1"
            pcall(function() expect_status("a1", "ready") end)
            """)
        guard case .failed(let message) = result.verdict else { return XCTFail("\(result.verdict)") }
        XCTAssertTrue(message.hasSuffix("scenario.lua:2: expected a1.status = 'ready', got 'off'"), message)
    }

    func testScenarioErrorsExitWithTwo() {
        for (text, expected) in [
            ("agent \"a1\"\nlogin \"a2\"", "scenario.lua:2: login for a2: unknown agent 'a2' (add it first)"),
            ("agent \"a1\"\nlocal x = nil\nx.y = 1", "scenario.lua:3: attempt to index a nil value (local 'x')"),
            ("expect_stat(\"a1\", \"off\")", "scenario.lua:1: undefined global 'expect_stat'"),
            ("rules \"missing.lua\"\nagent \"a1\"", "missing.lua: cannot read rule file: no such file"),
            ("agent \"a1\"\nanswer \"+19999999999\"", "answer: +19999999999 is not ringing (ringing now: none)"),
            // A bad value of megabytes is echoed as a short excerpt.
            (
                "agent \"a1\"\nanswer(string.rep(\"2\", 10000000))",
                "scenario.lua:2: answer: '\(String(repeating: "2", count: 40))…' (10000000 bytes) is too long for a phone number"
            ),
            (
                "agent(\"a1\", { last_status = string.rep(\"x\", 100000) })",
                "scenario.lua:1: agent a1: unknown last_status '\(String(repeating: "x", count: 40))…' (100000 bytes) (expected off"
            ),
            ("agent(\"a1\", { cdc = -1 })", "scenario.lua:1: agent a1: cdc must not be negative, got -1"),
            (
                "agent(\"a1\", { last_status = \"of\" })",
                "scenario.lua:1: agent a1: unknown last_status 'of' (expected off, ready, in_call, inactive)"
            ),
            (
                "agent(\"a1\", { agent_id = \"a2\" })",
                "scenario.lua:1: agent a1: unknown field 'agent_id' (expected status, cdc, latest_lead_phone_number, last_status, timestamp)"
            ),
        ] {
            let result = replay(text)
            guard case .error(let message) = result.verdict else { XCTFail("\(text): \(result.verdict)"); continue }
            XCTAssertTrue(message.contains(expected), "\(message) does not contain \(expected)")
            XCTAssertEqual(ScenarioSuite(results: [result]).exitCode, 2)
        }
    }

    func testScenariosAreSandboxedLikeRules() {
        for call in [
            "os.execute('true')", "io.open('/etc/passwd')", "require('os')", "load('return 1')", "dofile('/etc/passwd')", "string.dump(print)",
        ] {
            let result = replay(call)
            guard case .error(let message) = result.verdict else { XCTFail("\(call): \(result.verdict)"); continue }
            XCTAssertTrue(
                message.contains("is not available in scenarios (sandboxed)") || message.contains("attempt to call a nil value"),
                "\(call): \(message)")
        }
    }

    func testEndlessScenarioLoopIsStopped() {
        let result = replay("while true do end")
        guard case .error(let message) = result.verdict else { return XCTFail("\(result.verdict)") }
        XCTAssertTrue(message.contains("scenario.lua:1: instruction limit exceeded"), message)
    }

    func testSettingsOverrideChangesTheRatioWithoutRebuilding() {
        let result = replay(
            """
            settings { DIAL_RATIO = 3 }
            agent "a1"
            login "a1"
            expect_dials("a1", 3)
            expect_state("a1", { cdc = 3 })
            """)
        XCTAssertEqual(result.verdict, .passed)
    }

    func testScriptedOutcomesPlayOnTheVirtualClock() {
        let result = replay(
            """
            leads { "+12125550100", "+12125550101" }
            outcomes {
              ["+12125550100"] = { answer_after = 8, talk = 30 },
              ["+12125550101"] = { fail_after = 3, reason = "busy" },
            }
            agent "a1"
            login "a1"
            advance(5)
            expect_outcome("+12125550101", "busy")
            expect_status("a1", "ready")
            advance(5)
            expect_state("a1", { status = "in_call", timestamp = 8 })
            advance(30)
            expect_state("a1", { status = "ready", timestamp = 38 })
            expect_outcome("+12125550100", "completed")
            expect_eq(now(), 40)
            """)
        XCTAssertEqual(result.verdict, .passed)
    }

    func testReplayingTwiceGivesIdenticalOutput() throws {
        let files = try ScenarioSuite.collectFiles([repositoryRoot.appendingPathComponent("scenarios").path])
        let first = HumanReport(coverage: CoverageRequest(grid: true)).render(ScenarioSuite(files: files, runner: runner))
        let second = HumanReport(coverage: CoverageRequest(grid: true)).render(ScenarioSuite(files: files, runner: runner))
        XCTAssertEqual(first, second)
        // Each file passes once, or once per case: at least one result per file, none failed.
        let summary = try XCTUnwrap(first.split(separator: "\n").last, first)
        let passed = try XCTUnwrap(Int(summary.prefix { $0 != " " }), String(summary))
        XCTAssertEqual(summary, "\(passed) passed, 0 failed")
        XCTAssertGreaterThanOrEqual(passed, files.count, String(summary))
    }
}
