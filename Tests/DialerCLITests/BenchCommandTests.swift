import XCTest

/// `dialer bench` runs what it says (the figures themselves are the bench's, not a test's).
final class BenchCommandTests: XCTestCase {
    /// The growth runs print one row per floor size and the ratio of the costs against the target.
    func testGrowthRunsPrintARowPerFloorAndTheRatioAgainstTheTarget() throws {
        let run = try dialer([
            "bench", "--only", "growth", "--growth-agents", "50", "--growth-agents", "200", "--growth-leads", "2000", "--growth-events", "600",
        ])
        XCTAssertEqual(run.status, 0, run.err)
        let rows = run.out.split(separator: "\n").filter { $0.hasPrefix("growth, ") }
        XCTAssertEqual(rows.count, 2, run.out)
        XCTAssertTrue(rows.first?.hasPrefix("growth, 50 agents, 2,000 leads, SQLite") == true, run.out)
        for row in rows {
            // The columns after the name: events, events/s, p50, p99.
            let events = row.split(separator: "SQLite").last?.split(separator: " ").first.flatMap { Int($0.replacingOccurrences(of: ",", with: "")) }
            XCTAssertGreaterThanOrEqual(events ?? 0, 600, "at least the events asked for, in whole groups: \(row)")
        }
        let summary = try XCTUnwrap(run.out.split(separator: "\n").first { $0.hasPrefix("growth: ") }, run.out)
        XCTAssertNotNil(summary.firstMatch(of: /at 50 agents, [0-9.]+ µs at 200: [0-9.]+× \(target: at most 1\.5×: (met|not met)\)/), String(summary))
    }

    /// The import and simulate rows run in a fresh process each and print time and peak memory
    /// beside their targets.
    func testTheImportAndSimulateRowsPrintTimeAndPeakMemoryAgainstTheirTargets() throws {
        let run = try dialer(["bench", "--only", "import", "--import-rows", "500"])
        XCTAssertEqual(run.status, 0, run.err)
        let line = try XCTUnwrap(run.out.split(separator: "\n").first { $0.hasPrefix("leads import, 500 rows") }, run.out)
        XCTAssertNotNil(line.firstMatch(of: /: [0-9.]+ s, [0-9,]+ MB at most resident \(target ≤ 10 s for 1,000,000 rows\)/), String(line))
        let simulate = try dialer(["bench", "--only", "simulate", "--simulate-agents", "3"])
        XCTAssertEqual(simulate.status, 0, simulate.err)
        XCTAssertTrue(simulate.out.contains("dialer simulate, 3 agents over an 8-hour shift"), simulate.out)
        XCTAssertTrue(simulate.out.contains("MB at most resident"), simulate.out)
    }
}
