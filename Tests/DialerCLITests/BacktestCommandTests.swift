import Foundation
import XCTest

/// `dialer backtest`: a `simulate --store` journal replayed with other rules, side by side.
final class BacktestCommandTests: XCTestCase {
    /// A store holding the journal of a short power-dialing shift.
    private func powerJournal() throws -> String {
        let file = try scratchDirectory() + "/power.sqlite"
        let run = try dialer(["simulate", "--store", "sqlite:\(file)", "--rules", "rules/power.lua", "--agents", "4", "--hours", "0.25"])
        XCTAssertEqual(run.status, 0, run.err)
        return file
    }

    func testPredictiveAgainstAPowerJournalPrintsTheFiguresSideBySide() throws {
        let file = try powerJournal()
        let dir = try scratchDirectory()
        let run = try dialer([
            "backtest", "--store", "sqlite:\(file)", "--rules", "rules/predictive.lua", "--json", "\(dir)/b.json", "--html", "\(dir)/b.html",
        ])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.hasPrefix("dialer backtest: rules/predictive.lua (sha256 "), run.out)
        XCTAssertTrue(run.out.contains("in place of rules/power.lua (sha256 "), run.out)
        let header = run.out.split(separator: "\n").first { $0.hasPrefix("figure") }
        XCTAssertEqual(
            header?.split(separator: " ", omittingEmptySubsequences: true).map(String.init),
            ["figure", "live:", "rules/power.lua", "backtest:", "rules/predictive.lua", "difference"])
        XCTAssertTrue(run.out.contains("calls' length (connected here, not live)"), run.out)
        XCTAssertTrue(run.out.contains("first diverging decisions"), run.out)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/b.json"))) as? [String: Any]
        XCTAssertEqual(json?["identical"] as? Bool, false)
        XCTAssertTrue(try String(contentsOfFile: dir + "/b.html", encoding: .utf8).contains("<h2>Key figures</h2>"))
    }

    func testTheLiveRulesAgainstTheirOwnJournalReportNoDifference() throws {
        let run = try dialer(["backtest", "--store", "sqlite:\(try powerJournal())", "--rules", "rules/power.lua", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.err)
        let json = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
        XCTAssertEqual(json?["identical"] as? Bool, true, run.out)
    }

    func testABrokenRuleFileExitsTwoWithItsLine() throws {
        let rules = try scratchFile("broken.lua", "DIAL_RATIO = 2\nfunction (\n")
        let run = try dialer(["backtest", "--store", "sqlite:\(try powerJournal())", "--rules", rules])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.err.contains("broken.lua:2:"), run.err)
    }

    func testAStoreWithoutAJournalExitsTwoSayingHowToGetOne() throws {
        let file = try scratchDirectory() + "/quiet.sqlite"
        let quiet = try dialer(["simulate", "--store", "sqlite:\(file)", "--agents", "2", "--hours", "0.1", "--journal-days", "0"])
        XCTAssertEqual(quiet.status, 0, quiet.err)
        let run = try dialer(["backtest", "--store", "sqlite:\(file)", "--rules", "rules/power.lua"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.err.contains("holds no journal: run serve, soak or simulate --store"), run.err)
    }

    func testABadTimeIsAUsageError() throws {
        let run = try dialer(["backtest", "--store", "memory:", "--rules", "rules/power.lua", "--from", "yesterday"])
        XCTAssertEqual(run.status, 64)
        XCTAssertTrue(run.err.contains("--from yesterday is not a time"), run.err)
    }
}
