import DialerLua
import Foundation
import XCTest

/// `--watch`: reruns what a file change affects, with a short poll interval.
final class ScenarioWatcherTests: XCTestCase {
    private let passing = "scenario \"%@\"\nrules \"ratio.rules\"\nagent \"a1\"\nlogin \"a1\"\nexpect_dials(\"a1\", 2)\n"

    /// A directory with a copy of the default rules (not `.lua`, so it is no scenario) and two
    /// scenarios that use it.
    private func workspace() -> String {
        temporaryDirectory([
            "ratio.rules": defaultRulesSource,
            "a.lua": String(format: passing, "a"),
            "b.lua": String(format: passing, "b"),
        ])
    }

    /// Watches `dir` until `reruns` reruns were reported (or 20 s passed), calling `change`
    /// after the first round.
    private func watch(_ dir: String, reruns: Int, change: () -> Void) throws -> (rounds: [ScenarioWatcher.Round], watcher: ScenarioWatcher) {
        let watcher = ScenarioWatcher(paths: [dir], runner: fixtureRunner(), pollInterval: 0.05)
        var rounds: [ScenarioWatcher.Round] = []
        let deadline = Date().addingTimeInterval(20)
        try watcher.watch(maxReruns: reruns, shouldStop: { Date() > deadline }) { round in
            rounds.append(round)
            if round.number == 0 { change() }
        }
        return (rounds, watcher)
    }

    private func names(_ suite: ScenarioSuite) -> [String] { suite.results.map { URL(fileURLWithPath: $0.file).lastPathComponent } }

    func testWatcherRerunsOnlyTheChangedScenarioAfterAnEdit() throws {
        let dir = workspace()
        let (rounds, watcher) = try watch(dir, reruns: 1) {
            try! "rules \"ratio.rules\"\nagent \"a1\"\nlogin \"a1\"\nexpect_dials(\"a1\", 3)\n".write(
                toFile: dir + "/b.lua", atomically: true, encoding: .utf8)
        }
        guard rounds.count == 2 else { return XCTFail("expected the first replay and one rerun, got \(rounds.count) rounds") }
        XCTAssertEqual(names(rounds[0].suite), ["a.lua", "b.lua"])
        XCTAssertNil(rounds[0].separator)
        XCTAssertEqual(rounds[1].changed, [dir + "/b.lua"])
        XCTAssertEqual(names(rounds[1].suite), ["b.lua"])
        XCTAssertEqual(rounds[1].suite.results.map(\.outcome), [.failed])
        XCTAssertEqual(rounds[1].separator, "=== rerun 1: \(dir)/b.lua changed, replaying 1 file ===")
        XCTAssertEqual(watcher.latest.results.map(\.outcome), [.passed, .failed], "a's earlier result and b's new one")
        XCTAssertEqual(watcher.latest.exitCode, 1)
    }

    func testWatcherRerunsEveryScenarioWhenARuleFileChanges() throws {
        let dir = workspace()
        let (rounds, _) = try watch(dir, reruns: 1) {
            try! defaultRules(replacing: "DIAL_RATIO = 2", with: "DIAL_RATIO = 3").write(
                toFile: dir + "/ratio.rules", atomically: true, encoding: .utf8)
        }
        guard rounds.count == 2 else { return XCTFail("expected the first replay and one rerun, got \(rounds.count) rounds") }
        XCTAssertEqual(rounds[0].suite.results.flatMap(\.ruleFiles), [dir + "/ratio.rules", dir + "/ratio.rules"])
        XCTAssertEqual(rounds[1].changed, [dir + "/ratio.rules"])
        XCTAssertEqual(names(rounds[1].suite), ["a.lua", "b.lua"])
        XCTAssertEqual(rounds[1].suite.results.map(\.outcome), [.failed, .failed], "three dials now")
    }

    func testWatcherReplaysANewScenarioFileAndStopsWhenAsked() throws {
        let dir = workspace()
        let (rounds, _) = try watch(dir, reruns: 1) {
            try! String(format: passing, "c").write(toFile: dir + "/c.lua", atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(rounds.map { names($0.suite) }, [["a.lua", "b.lua"], ["c.lua"]])

        var count = 0
        let watcher = ScenarioWatcher(paths: [dir], runner: fixtureRunner(), pollInterval: 0.05)
        try watcher.watch(shouldStop: { true }) { _ in count += 1 }
        XCTAssertEqual(count, 1, "stopping right away leaves the first round only")
    }
}
