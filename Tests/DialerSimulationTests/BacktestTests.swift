import DialerCore
import DialerSimulation
import Foundation
import XCTest

/// `Backtest`: the journal's inputs through a fresh engine with other rules.
final class BacktestTests: XCTestCase {
    func testTheLiveRulesInPlaceOfThemselvesMakeNoDifference() throws {
        let live = try journaledRun("rules/power.lua")
        let report = try backtest(live, with: "rules/power.lua")
        XCTAssertGreaterThan(report.comparison.inputsCompared, 500)
        XCTAssertEqual(report.comparison.differingDecisions, 0, "\(report.comparison.divergences.first.map(String.init(describing:)) ?? "")")
        XCTAssertEqual(report.comparison.liveOnlyInputs, 0)
        XCTAssertEqual(report.comparison.backtestOnlyInputs, 0)
        XCTAssertEqual(report.total.modelled.dials, 0, "no far end had to be modelled")
        XCTAssertEqual(report.total.modelledLength.dials, 0)
        XCTAssertEqual(report.total.backtest, report.total.live)
        XCTAssertEqual(report.agents.map(\.backtest), report.agents.map(\.live))
        XCTAssertEqual(report.total.live, stats(of: try live.loadDials()), "the live side is what happened")
        XCTAssertGreaterThan(report.total.live.drops, 0, "power.lua drops some answers: the run is not trivial")
        XCTAssertEqual(report.warnings, [], "the live replay reproduces the store's call records")
        XCTAssertTrue(report.isIdentical)
        XCTAssertTrue(BacktestTextReport.render(report).hasSuffix("no differences\n"))
    }

    func testTheNewRulesStandInForEveryFileTheJournalPutLive() throws {
        let reloaded = try backtest(try journaledRun("rules/power.lua", reloading: "rules/power.lua", at: 900), with: "rules/power.lua")
        XCTAssertEqual(reloaded.liveRules.map(\.trigger), ["start", "reload"])
        XCTAssertTrue(reloaded.isIdentical, "a reload of the same file replays as live")
        let mixed = try backtest(try journaledRun("rules/power.lua", reloading: "rules/default.lua", at: 900), with: "rules/power.lua")
        XCTAssertEqual(mixed.liveRules.map(\.file), [rulePath("rules/power.lua"), rulePath("rules/default.lua")])
        XCTAssertFalse(mixed.isIdentical, "power.lua stands in for default.lua after the reload")
        let before = mixed.comparison.divergences.first?.input.time ?? 0
        XCTAssertGreaterThanOrEqual(before, 900, "and decides as live before it")
    }

    func testPredictiveAgainstAPowerJournalDiffersAndCountsItsModelledDials() throws {
        let live = try journaledRun("rules/power.lua")
        let report = try backtest(live, with: "rules/predictive.lua")
        XCTAssertFalse(report.isIdentical)
        XCTAssertGreaterThan(report.comparison.differingDecisions, 0)
        XCTAssertEqual(report.comparison.divergences.count, 5, "the first five are listed")
        XCTAssertNotEqual(report.total.backtest.dials, report.total.live.dials)
        XCTAssertEqual(report.total.live, stats(of: try live.loadDials()), "the live side is what happened")
        let (all, modelled) = (report.total.backtest, report.total.modelled)
        XCTAssertGreaterThan(report.modelledCallLengths, 0, "predictive connects answers power dropped: their length is modelled")
        XCTAssertEqual(modelled.dials, report.modelledFates)
        XCTAssertEqual(report.total.modelledLength.dials, report.modelledCallLengths)
        XCTAssertLessThanOrEqual(report.total.modelledLength.calls, all.calls)
        XCTAssertLessThan(modelled.dials, all.dials, "the numbers power dialed behave as live")
        for (part, whole) in [(modelled.connects, all.connects), (modelled.drops, all.drops), (modelled.noAnswers, all.noAnswers)] {
            XCTAssertLessThanOrEqual(part, whole)
        }
        XCTAssertEqual(report.agents.reduce(0) { $0 + $1.backtest.dials }, all.dials, "the agents add up to the total")
        XCTAssertEqual(report.agents.reduce(0) { $0 + $1.modelledLength.connects }, report.total.modelledLength.connects)
        XCTAssertLessThanOrEqual(all.calls, all.connects)
        XCTAssertEqual(try backtest(live, with: "rules/predictive.lua"), report, "the same journal and rules give the same report")
        let text = BacktestTextReport.render(report)
        XCTAssertTrue(text.contains("\(report.modelledCallLengths) calls' length"), text)
        XCTAssertTrue(text.contains("first diverging decisions"), text)
    }

    func testPowerAgainstAPredictiveJournalModelsTheDialsPredictiveNeverPlaced() throws {
        let live = try journaledRun("rules/predictive.lua")
        let report = try backtest(live, with: "rules/power.lua")
        XCTAssertGreaterThan(report.total.backtest.dials, report.total.live.dials, "power dials more lines")
        XCTAssertGreaterThan(report.modelledFates, 0, "numbers predictive never dialed get the carrier's fate")
        XCTAssertEqual(report.farEnd.settings.seed, 3, "drawn with the journal's own seed")
        XCTAssertTrue(report.farEnd.fromJournal)
        let modelled = report.total.modelled
        let outcomes = [modelled.connects, modelled.drops, modelled.fails, modelled.noAnswers, modelled.cancelled, modelled.ringing]
        XCTAssertEqual(modelled.dials, outcomes.reduce(0, +))
        XCTAssertGreaterThan(modelled.noAnswers, 0, "the carrier lets most ring out")
        let dials = BacktestTextReport.render(report).split(separator: "\n").first { $0.hasPrefix("dials ") } ?? ""
        XCTAssertTrue(dials.contains("(\(NumberFormat.grouped(modelled.dials)) modelled)"), "the figure says how much is modelled: \(dials)")
    }

    func testTheWindowCountsOnlyTheDialsAndDecisionsInIt() throws {
        let live = try journaledRun("rules/power.lua")
        let window = BacktestWindow(from: 600, to: 1_200)
        let report = try backtest(live, with: "rules/predictive.lua", window: window)
        let inWindow = try live.loadDials().filter { (600..<1_200).contains($0.dialedAt) }
        XCTAssertEqual(report.total.live, stats(of: inWindow))
        XCTAssertTrue(report.comparison.divergences.allSatisfy { (600..<1_200).contains($0.input.time) })
        let whole = try backtest(live, with: "rules/predictive.lua")
        XCTAssertLessThan(report.comparison.inputsCompared, whole.comparison.inputsCompared)
    }

    func testALiveReplayThatDoesNotReproduceTheStoresCallRecordsIsFlagged() throws {
        let live = try journaledRun("rules/power.lua")
        let text = try String(contentsOfFile: rulePath("rules/power.lua"), encoding: .utf8)
        let report = try Backtest(rules: rulePath("rules/power.lua"), text: text).run(
            try live.journalEntries(), recorded: Array(try live.loadDials().dropLast()))
        XCTAssertEqual(report.warnings.count, 1)
        XCTAssertTrue(report.warnings.first?.contains("does not reproduce the store's call records") ?? false, "\(report.warnings)")
        XCTAssertTrue(BacktestTextReport.render(report).contains("\nwarning: the journal replayed"))
    }

    func testABrokenRuleFileIsRefusedWithItsLine() throws {
        let live = try journaledRun("rules/power.lua")
        let broken = Backtest(rules: "broken.lua", text: "DIAL_RATIO = 2\nfunction (\n")
        XCTAssertThrowsError(try broken.run(store: live)) { error in
            XCTAssertTrue("\(error)".contains("broken.lua:2"), "\(error)")
        }
    }

    func testAJournalWithoutItsStartIsRefusedSayingWhy() throws {
        let events = try journaledRun("rules/power.lua").journalEntries().filter { $0.kind == .event }
        let text = try String(contentsOfFile: rulePath("rules/power.lua"), encoding: .utf8)
        XCTAssertThrowsError(try Backtest(rules: "rules/power.lua", text: text).run(events)) { error in
            XCTAssertTrue("\(error)".contains("does not start at the start of a run"), "\(error)")
        }
    }

    func testAStoreWithoutAJournalIsRefusedSayingHowToGetOne() throws {
        XCTAssertThrowsError(try Backtest(rules: "rules/power.lua", text: "").run(store: InMemoryAgentStore())) { error in
            XCTAssertEqual(error as? JournalReplayError, .empty(store: "memory:"))
        }
    }

    private func backtest(_ store: InMemoryAgentStore, with rules: String, window: BacktestWindow = BacktestWindow()) throws -> BacktestReport {
        let text = try String(contentsOfFile: rulePath(rules), encoding: .utf8)
        return try Backtest(rules: rulePath(rules), text: text, window: window).run(store: store)
    }

    private func stats(of dials: [Dial]) -> AgentCallStats {
        dials.reduce(into: AgentCallStats(agentID: "total")) { $0.add($1) }
    }
}
