import DialerCore
import DialerLua
import DialerSimulation
import XCTest

/// The shipped pacing rule sets on one seed: what `dialer simulate --compare` shows.
final class RuleSetComparisonTests: XCTestCase {
    /// Runs already done, by rule file and overrides: each configuration runs once for all tests
    /// (XCTest runs them one at a time, so the cache is never touched concurrently).
    nonisolated(unsafe) private static var runs: [String: CallMetrics] = [:]

    private func run(_ rules: String, _ overrides: [String: LuaValue] = [:]) throws -> CallMetrics {
        let key = rules + overrides.map { "\($0.key)=\($0.value)" }.sorted().joined()
        if let done = Self.runs[key] { return done }
        let metrics = try simulate(rules, smallSettings(agents: 30, hours: 4, seed: 1), overrides: overrides).report.campaign
        Self.runs[key] = metrics
        return metrics
    }

    func testPredictiveHoldsItsAbandonTargetAndKeepsAgentsBusierThanOneLinePerAgent() throws {
        let predictive = try run("rules/predictive.lua")
        let oneLine = try run("rules/power.lua", ["DIAL_RATIO": .integer(1)])
        XCTAssertLessThanOrEqual(predictive.abandonRate, 0.03)
        XCTAssertGreaterThan(predictive.drops, 0, "it spends some of its abandon budget")
        XCTAssertGreaterThan(predictive.utilisation, oneLine.utilisation + 0.01)
        XCTAssertLessThan(predictive.averageWaitSeconds, oneLine.averageWaitSeconds)
    }

    func testPredictiveKeepsAgentsBusierThanTheSeedAndPowerWhichDropFarOverTheCap() throws {
        // The seed and power answer each dial for its own agent: a second line that answers
        // while the agent talks is dropped. Predictive shares its lines (any_ready_agent), so
        // it keeps more lines ringing and still drops under the target.
        let seed = try run("rules/default.lua")
        let power = try run("rules/power.lua")
        let predictive = try run("rules/predictive.lua")
        XCTAssertGreaterThan(seed.abandonRate, 0.10)
        XCTAssertGreaterThan(power.abandonRate, 0.10)
        XCTAssertLessThanOrEqual(predictive.abandonRate, 0.03)
        XCTAssertGreaterThan(predictive.utilisation, seed.utilisation)
        XCTAssertGreaterThan(predictive.utilisation, power.utilisation)
    }

    func testALowerAbandonTargetDropsLess() throws {
        let strict = try run("rules/predictive.lua", ["ABANDON_TARGET": .number(0.01)])
        let usual = try run("rules/predictive.lua")
        XCTAssertLessThanOrEqual(strict.abandonRate, 0.01 + 0.003)
        XCTAssertLessThan(strict.abandonRate, usual.abandonRate)
    }
}
