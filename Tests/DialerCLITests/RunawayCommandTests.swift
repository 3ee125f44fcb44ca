import DialerReference
import Foundation
import XCTest

/// `dialer check` and `dialer replay` on rule code that runs away: each stops within a second
/// with the file and line, and the command exits with its usual code.
final class RunawayCommandTests: XCTestCase {
    func testCheckStopsEveryRunawayPayloadWithinASecond() throws {
        let defaults = try String(contentsOf: repositoryRoot.appendingPathComponent("rules/default.lua"), encoding: .utf8)
        for (code, stop) in runawayPayloads {
            let file = try scratchFile(
                "runaway.lua", defaults.replacingOccurrences(of: "KEEP_ALIVE_INTERVAL = 60\n", with: "KEEP_ALIVE_INTERVAL = 60\n\(code)\n"))
            let start = Date()
            let result = try dialer(["check", file])
            XCTAssertLessThan(Date().timeIntervalSince(start), 1.0, code)
            XCTAssertEqual(result.status, 2, code)
            XCTAssertTrue(result.err.contains("runaway.lua:17: ") && result.err.contains(stop), "\(code): \(result.err)")
        }
    }

    func testReplayShowsEveryLimitStoppingAMisbehavingRuleFile() throws {
        let start = Date()
        let result = try dialer(["replay", "scenarios/limits/"])
        XCTAssertLessThan(Date().timeIntervalSince(start), 5.0)
        XCTAssertEqual(result.status, 0, result.out)
        XCTAssertTrue(result.out.hasSuffix("2 passed, 0 failed\n"), result.out)
    }
}
