import DialerLua
import Foundation
import XCTest

/// `case(name, fn)` and `skip(reason)` in the scenario API, and `--fail-fast`.
final class ScenarioCaseAndSkipTests: XCTestCase {
    private func replay(_ text: String, filter: ScenarioFilter? = nil, failFast: Bool = false) -> [ScenarioResult] {
        fixtureRunner().run(file: temporaryFile(text, name: "scenario.lua"), filter: filter, failFast: failFast)
    }

    func testSkipStopsTheFileAndCountsAsSkippedWithoutFailingTheSuite() {
        let results = replay(
            """
            scenario "later"
            agent "a1"
            skip("waits for the PBX adapter")
            expect_status("a1", "in_call")
            """)
        XCTAssertEqual(results.map(\.verdict), [.skipped("waits for the PBX adapter")])
        XCTAssertEqual(results[0].line, 3)
        let suite = ScenarioSuite(results: results)
        XCTAssertEqual(suite.exitCode, 0)
        XCTAssertEqual(suite.summaryLine, "0 passed, 0 failed, 1 skipped")
    }

    func testSkipWithoutReasonSaysSkippedAndANonStringReasonIsAnError() {
        XCTAssertEqual(replay("skip()").map(\.verdict), [.skipped("skipped")])
        guard case .error(let message) = replay("skip(42)")[0].verdict else { return XCTFail("skip(42) should be an error") }
        XCTAssertTrue(message.contains("scenario.lua:1: skip expects a reason string"), message)
    }

    func testEachCaseRunsInAFreshEngineAfterTheSharedSetUp() {
        let results = replay(
            """
            scenario "two cases"
            agent "a1"
            case("login dials", function()
              login "a1"
              expect_dials("a1", 2)
            end)
            case("starts from the set-up again", function()
              expect_status("a1", "off")
              expect_dials("a1", 0)
            end)
            """)
        XCTAssertEqual(results.map(\.caseName), ["login dials", "starts from the set-up again"])
        XCTAssertEqual(results.map(\.verdict), [.passed, .passed])
        XCTAssertEqual(results.map(\.title), ["two cases", "two cases"])
        XCTAssertEqual(results[1].name.description, "\(results[1].file) (two cases) > starts from the set-up again")
    }

    func testAFailingCaseNamesItsLineAndLeavesTheOtherCasesToRun() {
        let results = replay(
            """
            agent "a1"
            login "a1"
            case("wrong", function()
              expect_status("a1", "in_call")
            end)
            case("right", function()
              expect_status("a1", "ready")
            end)
            case("skipped", function() skip("not yet") end)
            """)
        XCTAssertEqual(results.map(\.outcome), [.failed, .passed, .skipped])
        XCTAssertEqual(results.map(\.line), [4, nil, 9])
        XCTAssertTrue(results[0].message?.hasSuffix("scenario.lua:4: expected a1.status = 'in_call', got 'ready'") ?? false)
        XCTAssertEqual(results[0].recentEvents.count, 2, "the events leading to the failure")
    }

    func testCaseNamesMustBeUniqueAndCasesCannotNest() {
        let twice = replay(
            """
            case("x", function() end)
            case("x", function() end)
            """)
        XCTAssertEqual(twice.count, 1)
        guard case .error(let message) = twice[0].verdict else { return XCTFail("\(twice[0].verdict)") }
        XCTAssertTrue(message.contains("scenario.lua:2: case 'x' is defined twice"), message)

        let nested = replay(
            """
            case("outer", function()
              case("inner", function() end)
            end)
            """)
        guard case .error(let inner) = nested[0].verdict else { return XCTFail("\(nested[0].verdict)") }
        XCTAssertTrue(inner.contains("scenario.lua:2: case 'inner' is inside another case"), inner)
    }

    func testResultsNameTheRuleFilesTheScenarioLoaded() {
        let rules = repositoryRoot.appendingPathComponent("rules/default.lua").path
        XCTAssertEqual(replay("agent \"a1\"")[0].ruleFiles, [rules])
        XCTAssertEqual(replay("scenario \"no engine\"")[0].ruleFiles, [], "no agent or event, no rules loaded")
    }

    func testFailFastStopsAtTheFirstFailingCaseAndFile() throws {
        let cases = replay(
            """
            case("fails", function() expect_eq(1, 2) end)
            case("never runs", function() end)
            """, failFast: true)
        XCTAssertEqual(cases.map(\.caseName), ["fails"])

        let dir = temporaryDirectory(["a.lua": "expect_eq(1, 2)", "b.lua": "expect_eq(1, 1)", "c.lua": "expect_eq(1, 1)"])
        let files = try ScenarioSuite.collectFiles([dir])
        let suite = ScenarioSuite(files: files, runner: fixtureRunner(), failFast: true)
        XCTAssertEqual(suite.results.map { URL(fileURLWithPath: $0.file).lastPathComponent }, ["a.lua"])
        XCTAssertEqual(suite.notRun.map { URL(fileURLWithPath: $0).lastPathComponent }, ["b.lua", "c.lua"])
        XCTAssertTrue(HumanReport().render(suite).hasSuffix("stopped at the first failure (--fail-fast): 2 files not run\n0 passed, 1 failed\n"))
    }
}
