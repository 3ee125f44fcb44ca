import Foundation
import XCTest

/// `dialer simulate` end to end: outputs where asked, the comparison, exit codes.
final class SimulateCommandTests: XCTestCase {
    func testSimulateWritesTheReportJSONCSVHTMLAndBothLogsWhereAsked() throws {
        let dir = try scratchDirectory()
        let result = try dialer([
            "simulate", "--agents", "5", "--hours", "0.5", "--format", "json", "--json", dir + "/out/report.json", "--csv", dir + "/out/calls.csv",
            "--html", dir + "/out/report.html", "--log-dir", dir + "/logs",
        ])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.err, "", "no progress bar when standard error is not a terminal")
        let json = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
        XCTAssertEqual((json?["agents"] as? [Any])?.count, 5)
        XCTAssertEqual(try String(contentsOfFile: dir + "/out/report.json", encoding: .utf8), result.out)
        XCTAssertTrue(try String(contentsOfFile: dir + "/out/calls.csv", encoding: .utf8).hasPrefix("rules,dial_id,agent_id,number,"))
        XCTAssertTrue(try String(contentsOfFile: dir + "/out/report.html", encoding: .utf8).contains("<svg "))
        XCTAssertTrue(try String(contentsOfFile: dir + "/logs/dialer.log", encoding: .utf8).contains(" off -> ready on login"))
        XCTAssertTrue(try String(contentsOfFile: dir + "/logs/agents.log", encoding: .utf8).contains(" logs in; shift until "))
    }

    func testTheTableIsTheSameOnEveryRunOfTheSameSeed() throws {
        let first = try dialer(["simulate", "--agents", "4", "--hours", "0.5", "--seed", "9"])
        let second = try dialer(["simulate", "--agents", "4", "--hours", "0.5", "--seed", "9"])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertEqual(first.out, second.out)
        XCTAssertTrue(
            first.out.hasPrefix("dialer simulate: 4 agents × 0.5 h, seed 9, rules rules/default.lua (DIAL_RATIO = 2, KEEP_ALIVE_INTERVAL = 60)\n"),
            first.out)
    }

    func testCompareShowsBothRuleFilesSideBySideAndLogsEachIntoItsFolder() throws {
        let dir = try scratchDirectory()
        let result = try dialer([
            "simulate", "--agents", "4", "--hours", "0.5", "--rules", "rules/predictive.lua", "--compare", "rules/power.lua", "--log-dir", dir,
        ])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.out.contains("figure  "), result.out)
        let header = try XCTUnwrap(result.out.split(separator: "\n").first { $0.hasPrefix("figure") })
        XCTAssertTrue(header.contains("rules/predictive.lua") && header.contains("rules/power.lua"), String(header))
        XCTAssertTrue(result.out.contains("\nabandon rate (drops ÷ live answers)"), result.out)
        for name in ["predictive", "power"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/\(name)/dialer.log"), name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/\(name)/agents.log"), name)
        }
    }

    func testARingTimeoutUnderTheUSMinimumIsBadUsage() throws {
        let result = try dialer(["simulate", "--ring-timeout", "10"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.err.contains("--ring-timeout 10.0 is out of range: expected 15 to 300 seconds"), result.err)
    }

    func testTheSweepPrintsACellPerRuleSetFloorAndCarrierAndWritesItsHTML() throws {
        let dir = try scratchDirectory([:])
        let result = try dialer([
            "simulate", "--sweep", "--sweep-agents", "3", "--sweep-seeds", "1", "--hours", "0.5", "--html", "\(dir)/sweep.html",
        ])
        XCTAssertEqual(result.status, 0, result.err)
        let rows = result.out.split(separator: "\n").filter { $0.contains(" flat ") || $0.contains(" day ") }
        XCTAssertEqual(rows.count, 12, "3 rule sets × 4 carriers (flat, day, each with and without machines): \(result.out)")
        XCTAssertEqual(rows.filter { $0.contains("+ machines") }.count, 6, result.out)
        XCTAssertTrue(rows.contains { $0.hasPrefix("predictive.lua") } && rows.contains { $0.hasPrefix("one line per agent") }, result.out)
        XCTAssertTrue(try String(contentsOfFile: "\(dir)/sweep.html", encoding: .utf8).contains("<h1>Pacing sweep</h1>"))
        XCTAssertEqual(result.err.split(separator: "\n").filter { $0.hasPrefix("sweep: ") }.count, 12, "a line per run")
        let refused = try dialer(["simulate", "--sweep", "--compare", "rules/power.lua"])
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.err.contains("--sweep runs its own rule files in memory"), refused.err)
    }

    func testTheSweepRunsTheChosenRuleSetsAndCarriersWithTheSettingsGivenToPredictive() throws {
        let result = try dialer([
            "simulate", "--sweep", "--sweep-agents", "3", "--sweep-seeds", "1", "--hours", "0.5", "--sweep-rules", "predictive",
            "--sweep-carriers", "day", "--sweep-carriers", "flat+machines", "--set", "RISK=0.01",
        ])
        XCTAssertEqual(result.status, 0, result.err)
        let rows = result.out.split(separator: "\n").filter { $0.hasPrefix("predictive.lua") }
        XCTAssertEqual(rows.count, 2, result.out)
        XCTAssertTrue(rows[0].contains(" day ") && rows[1].contains(" flat + machines "), result.out)
        XCTAssertFalse(result.out.contains("power.lua"), result.out)
        let unknown = try dialer(["simulate", "--sweep", "--sweep-carriers", "evening"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.err.contains("--sweep-carriers evening is unknown; use flat, day, flat+machines, day+machines"), unknown.err)
        let badSetting = try dialer(["simulate", "--sweep", "--sweep-agents", "3", "--sweep-seeds", "1", "--hours", "0.5", "--set", "NO_SUCH=1"])
        XCTAssertNotEqual(badSetting.status, 0, "a setting predictive.lua does not define is refused")
        XCTAssertTrue(badSetting.err.contains("NO_SUCH"), badSetting.err)
    }

    func testAnAnswerCurveThatIsNoneIsBadUsage() throws {
        let result = try dialer(["simulate", "--answer-curve", "evening"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.err.contains("--answer-curve evening is out of range: expected flat, day, or HOUR:RATE points"), result.err)
    }

    func testAMissingRuleFileExitsTwo() throws {
        let result = try dialer(["simulate", "--agents", "2", "--hours", "0.1", "--rules", "rules/nope.lua"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("rules/nope.lua"), result.err)
    }

    func testASQLiteStoreKeepsTheCallRecordsForDialerReport() throws {
        let dir = try scratchDirectory()
        let run = try dialer(["simulate", "--agents", "3", "--hours", "0.25", "--store", "sqlite:\(dir)/sim.sqlite", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.err.contains("keeps calling hours 08:00–21:00 in each lead's local time"), run.err)
        let dials = ((try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])?["campaign"] as? [String: Any])?["dials"] as? Int
        let report = try dialer(["report", "--store", "sqlite:\(dir)/sim.sqlite", "--format", "json"])
        XCTAssertEqual(report.status, 0, report.err)
        let total = ((try JSONSerialization.jsonObject(with: Data(report.out.utf8)) as? [String: Any])?["total"] as? [String: Any])?["dials"] as? Int
        XCTAssertEqual(total, dials)
        let again = try dialer(["simulate", "--agents", "3", "--hours", "0.25", "--store", "sqlite:\(dir)/sim.sqlite"])
        XCTAssertEqual(again.status, 2, "a store holding a run is refused")
        XCTAssertTrue(again.err.contains("a simulation needs an empty store"), again.err)
    }

    func testSimulateAndReportGiveTheSameFiguresForOneSQLiteStore() throws {
        let dir = try scratchDirectory()
        let store = "sqlite:\(dir)/agree.sqlite"
        let run = try dialer(["simulate", "--agents", "4", "--hours", "0.5", "--store", store, "--json", dir + "/simulate.json"])
        XCTAssertEqual(run.status, 0, run.err)
        let simulated = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/simulate.json"))) as? [String: Any]
        let campaign = try XCTUnwrap(simulated?["campaign"] as? [String: Any])
        let json = try dialer(["report", "--store", store, "--format", "json"])
        XCTAssertEqual(json.status, 0, json.err)
        let total = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])?["total"] as? [String: Any])
        let pairs = [
            ("dials", "dials"), ("calls", "calls"), ("connects", "connects"), ("drops", "drops"), ("fails", "fails"), ("noAnswers", "no_answers"),
            ("cancelled", "cancelled"), ("inFlight", "ringing"), ("answered", "answered"),
        ]
        for (simulate, report) in pairs {
            XCTAssertEqual(campaign[simulate] as? Int, total[report] as? Int, "\(simulate) vs \(report)")
        }
        for key in ["fails", "noAnswers", "drops", "calls"] { XCTAssertGreaterThan(campaign[key] as? Int ?? 0, 0, "the run has \(key)") }
        let average = try XCTUnwrap(total["average_call_seconds"] as? Double)
        XCTAssertEqual(try XCTUnwrap(campaign["averageCallSeconds"] as? Double), average, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(campaign["abandonRate"] as? Double), try XCTUnwrap(total["abandon_rate"] as? Double), accuracy: 1e-12)
        // The readable tables agree too: the total rows share their first nine columns.
        let table = try dialer(["report", "--store", store])
        let reportTotal = try XCTUnwrap(table.out.split(separator: "\n").first { $0.hasPrefix("total ") }).split(separator: " ")
        let simulateTotal = try XCTUnwrap(run.out.split(separator: "\n").first { $0.hasPrefix("  total ") }).split(separator: " ")
        XCTAssertEqual(Array(reportTotal.prefix(9)), Array(simulateTotal.prefix(9)), "\(table.out)\n\(run.out)")
    }

    func testThePacingRuleSetsPassCheck() throws {
        let result = try dialer(["check", "rules/power.lua", "rules/predictive.lua"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.out.contains("rules/power.lua: ok (28 cells"), result.out)
        XCTAssertTrue(result.out.contains("rules/predictive.lua: ok (28 cells"), result.out)
    }
}
