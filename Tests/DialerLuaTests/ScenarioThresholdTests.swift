import DialerCore
import DialerLua
import XCTest

/// `--threshold PCT`: exit 1 when fewer matrix cells than that share were reached.
final class ScenarioThresholdTests: XCTestCase {
    /// One scenario reaching `off × login` and `ready × dialing`: 2 of 28 cells.
    private var twoCells: ScenarioSuite {
        ScenarioSuite(files: [temporaryFile("agent \"a1\"\nlogin \"a1\"", name: "s.lua")], runner: fixtureRunner())
    }

    func testThresholdPassesAtTheShareReachedAndFailsJustAbove() {
        let suite = twoCells
        XCTAssertEqual(suite.coverage.reachedCount, 2)
        let exact = 2.0 * 100 / 28
        XCTAssertEqual(suite.exitCode(threshold: exact), 0, "at the threshold passes")
        XCTAssertEqual(suite.exitCode(threshold: 7), 0)
        XCTAssertEqual(suite.exitCode(threshold: 7.2), 1, "below the threshold fails")
        XCTAssertEqual(suite.exitCode(threshold: nil), 0)
        XCTAssertEqual(suite.coverage.verdict(threshold: 7.2), "threshold 7.2%: not met (7.1% of cells reached)")
    }

    func testAnErrorKeepsExitCodeTwoWhateverTheThreshold() {
        let suite = ScenarioSuite(files: [temporaryFile("login \"nobody\"", name: "s.lua")], runner: fixtureRunner())
        XCTAssertEqual(suite.exitCode(threshold: 100), 2)
    }

    func testHumanReportSaysWhetherTheThresholdWasMet() {
        let text = HumanReport(coverage: CoverageRequest(threshold: 50)).render(twoCells)
        XCTAssertTrue(text.contains("\n2 of 28 cells reached\nthreshold 50%: not met (7.1% of cells reached)\n"), text)
        XCTAssertTrue(text.hasSuffix("\n1 passed, 0 failed\n"))
    }
}
