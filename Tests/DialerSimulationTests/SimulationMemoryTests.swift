import DialerCore
import DialerSimulation
import XCTest

/// A run that counts its calls as they end gives the report a run keeping every record gives,
/// and keeps nothing that grows with the shift.
final class SimulationMemoryTests: XCTestCase {
    private func run(_ rules: String, _ settings: SimulationSettings, keepsCallRecords: Bool) throws -> (
        SimulationResult, Simulation, InMemoryAgentStore
    ) {
        let store = InMemoryAgentStore()
        let simulation = try Simulation(
            settings: settings, rules: Simulation.loadRules(rulePath(rules), seed: settings.seed), store: store, keepsCallRecords: keepsCallRecords)
        return (try simulation.run(), simulation, store)
    }

    func testCountingCallsAsTheyEndGivesTheSameReportAndKeepsNoRecordLineOrWarning() throws {
        var settings = smallSettings(agents: 12, hours: 1, seed: 4)
        settings.carrier.machineShare = 0.2  // machines, detection and the people it hangs up on
        settings.carrier.detectionSeconds = 2.5
        for rules in ["rules/default.lua", "rules/predictive.lua"] {
            let (kept, _, keptStore) = try run(rules, settings, keepsCallRecords: true)
            let (streamed, simulation, store) = try run(rules, settings, keepsCallRecords: false)
            XCTAssertEqual(streamed.report, kept.report, rules)
            XCTAssertGreaterThan(kept.report.campaign.dials, 500, rules)
            XCTAssertGreaterThan(kept.report.machines.peopleHungUp, 0, rules)
            XCTAssertFalse(kept.report.warnings.isEmpty, "\(rules): the run raised warnings, and counted them")
            XCTAssertEqual(kept.calls.count, kept.report.campaign.dials, rules)
            XCTAssertEqual(try keptStore.loadDials().count, kept.report.campaign.dials, "\(rules): a store given to keep history keeps it")

            XCTAssertTrue(streamed.calls.isEmpty, rules)
            XCTAssertEqual(try store.loadDials(), [], "\(rules): the run drained, no dial is open and none finished is kept")
            XCTAssertTrue(store.warnings.isEmpty, rules)
            XCTAssertEqual(simulation.linesKept, 0, "\(rules): every line was forgotten once its last event played")
        }
    }

    func testDialsOpenWhenTheRunStopsAreCountedOnceAndTheirLinesKept() throws {
        var settings = smallSettings(agents: 10)
        settings.drainLimit = 0
        settings.loginSpread = 0
        let (kept, _, _) = try run("rules/default.lua", settings, keepsCallRecords: true)
        let (streamed, simulation, store) = try run("rules/default.lua", settings, keepsCallRecords: false)
        XCTAssertEqual(streamed.report, kept.report)
        XCTAssertGreaterThan(streamed.report.campaign.inFlight, 0)
        let open = kept.calls.filter { $0.outcome == nil || $0.outcome == .connected }
        XCTAssertEqual(try store.loadDials().map(\.id), open.map(\.dialID), "only the open dials (ringing, or a call not ended) stay in the store")
        XCTAssertGreaterThanOrEqual(simulation.linesKept, streamed.report.campaign.inFlight)
        XCTAssertLessThan(simulation.linesKept, streamed.report.campaign.dials / 4)
    }
}
