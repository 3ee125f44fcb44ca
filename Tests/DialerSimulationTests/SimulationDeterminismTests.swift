import DialerCore
import DialerSimulation
import XCTest

/// The same seed and rules give the same report, byte for byte, in every format, and the same logs.
final class SimulationDeterminismTests: XCTestCase {
    private func outputs(_ rules: String, seed: UInt64, logs: String? = nil) throws -> [String] {
        let result = try simulate(
            rules, smallSettings(agents: 6, seed: seed), logs: logs.map { SimulationLogs.Destination(directory: $0, level: .debug) })
        return [
            SimulationJSON.render([result.report]), SimulationTextReport.render(result.report),
            CallRecordCSV.render([(result.report.rules, result.calls)]), SimulationHTMLReport.render([result.report]),
        ]
    }

    func testSameSeedGivesTheSameReportByteForByte() throws {
        for rules in ["rules/default.lua", "rules/predictive.lua"] {
            let first = try outputs(rules, seed: 7)
            let second = try outputs(rules, seed: 7)
            for (a, b) in zip(first, second) { XCTAssertEqual(a, b, rules) }
        }
    }

    func testAnotherSeedGivesAnotherShift() throws {
        let first = try outputs("rules/default.lua", seed: 7)
        let other = try outputs("rules/default.lua", seed: 8)
        XCTAssertNotEqual(first[0], other[0])
    }

    func testSameSeedWritesTheSameLogsAndBothLogsHaveTheirKindOfLines() throws {
        let one = try temporaryDirectory()
        let two = try temporaryDirectory()
        _ = try outputs("rules/default.lua", seed: 3, logs: one)
        _ = try outputs("rules/default.lua", seed: 3, logs: two)
        for name in ["dialer.log", "agents.log"] {
            let a = try String(contentsOfFile: one + "/" + name, encoding: .utf8)
            let b = try String(contentsOfFile: two + "/" + name, encoding: .utf8)
            XCTAssertEqual(a, b, name)
            XCTAssertGreaterThan(a.count, 1000, name)
        }
        let dialer = try String(contentsOfFile: one + "/dialer.log", encoding: .utf8)
        XCTAssertTrue(dialer.hasPrefix("00:00:00.000 NOTICE   simulation of 6 agents for 1.0 h, seed 3, rules "), String(dialer.prefix(200)))
        XCTAssertTrue(dialer.contains(" INFO     a001 off -> ready on login"), "status changes at info")
        XCTAssertTrue(dialer.contains(" WARNING  "), "abnormal conditions at warning")
        XCTAssertTrue(dialer.contains(" DEBUG    a001 ready × call_fail "), "every decision at debug")
        let agents = try String(contentsOfFile: one + "/agents.log", encoding: .utf8)
        XCTAssertTrue(agents.contains(" INFO     a001 logs in; shift until "))
        XCTAssertTrue(agents.contains(" takes the call from +1"))
        XCTAssertTrue(agents.contains(" logs out: shift over"))
        XCTAssertTrue(agents.contains(" DEBUG    a001 keep-alive"))
    }
}
