import DialerCore
import DialerSimulation
import XCTest

/// What a simulation refuses before it starts, and how it names its agents.
final class SimulationSetupTests: XCTestCase {
    func testAStoreThatAlreadyHoldsARunIsRefused() throws {
        let store = InMemoryAgentStore()
        _ = try simulate("rules/default.lua", smallSettings(agents: 2, hours: 0.1), store: store)
        XCTAssertThrowsError(try simulate("rules/default.lua", smallSettings(agents: 2, hours: 0.1), store: store)) { error in
            guard case SimulationError.storeNotEmpty(let location, let agents, let calls) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(location, "memory:")
            XCTAssertEqual(agents, 2)
            XCTAssertGreaterThan(calls, 0)
            XCTAssertTrue("\(error)".contains("a simulation needs an empty store"), "\(error)")
        }
    }

    func testSettingsOutOfRangeNameTheOptionToChange() {
        var settings = smallSettings()
        settings.agents = 0
        XCTAssertThrowsError(try settings.validate()) { XCTAssertTrue("\($0)".hasPrefix("--agents 0 is out of range"), "\($0)") }
        settings = smallSettings()
        settings.keepAliveMissRate = 1.5
        XCTAssertThrowsError(try settings.validate()) { XCTAssertTrue("\($0)".hasPrefix("--keep-alive-miss-rate 1.5 is out of range"), "\($0)") }
    }

    func testABrokenRuleFileIsARulesErrorWithItsLine() throws {
        let path = try temporaryDirectory() + "/broken.lua"
        try "DIAL_RATIO = 2\nKEEP_ALIVE_INTERVAL = 60\nstatus \"redy\" {}\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Simulation.loadRules(path, seed: 1)) { error in
            XCTAssertTrue("\(error)".contains("broken.lua:3: unknown status 'redy'"), "\(error)")
        }
    }

    func testAgentIDsSortInTheOrderTheyWereMade() {
        var settings = SimulationSettings()
        settings.agents = 1500
        XCTAssertEqual(settings.agentID(0), "a0001")
        XCTAssertEqual(settings.agentID(1499), "a1500")
        let ids = (0..<settings.agents).map(settings.agentID)
        XCTAssertEqual(ids, ids.sorted())
    }
}
