import Foundation
import XCTest

/// The `dialer` executable end to end: output and exit codes as the README promises.
final class CommandLineTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private var executable: URL {
        // The test bundle sits next to the products of the same build.
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("dialer")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/dialer")
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    private func scratch(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dialer-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testCheckAcceptsTheDefaultRules() throws {
        let result = try run(["check", "rules/default.lua"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.out, "rules/default.lua: ok (28 cells: 16 handlers, 12 ignore; DIAL_RATIO = 2, KEEP_ALIVE_INTERVAL = 60)\n")
    }

    func testCheckRejectsABrokenRuleFileWithFileAndLine() throws {
        let file = try scratch("broken.lua", "DIAL_RATIO = 2\nKEEP_ALIVE_INTERVAL = 60\nstatus \"redy\" {}\n")
        let result = try run(["check", file])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("broken.lua:3: unknown status 'redy'"), result.err)
    }

    func testReplayOfTheShippedScenariosPassesWithFullCoverage() throws {
        let result = try run(["replay", "--coverage", "scenarios/"])
        XCTAssertEqual(result.status, 0, result.out)
        XCTAssertTrue(result.out.contains("28 of 28 cells reached"), result.out)
        XCTAssertTrue(result.out.hasSuffix(" passed, 0 failed\n"))
    }

    func testDeliberatelyFailingScenarioExitsOneWithItsLine() throws {
        let file = try scratch("failing.lua", "agent \"a1\"\nlogin \"a1\"\nexpect_dials(\"a1\", 5)\n")
        let result = try run(["replay", file])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.out.contains("failing.lua:3: expected 5 dials for a1, got 2"), result.out)
        XCTAssertTrue(result.out.hasSuffix("0 passed, 1 failed\n"), result.out)
    }

    func testBrokenRulesInReplayExitTwo() throws {
        let rules = try scratch("broken.lua", "DIAL_RATIO = 2\nKEEP_ALIVE_INTERVAL = 60\nstatus \"off\" { login = function( }\n")
        let result = try run(["replay", "--rules", rules, "scenarios/flows/full_call_cycle.lua"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.out.contains("broken.lua:3:"), result.out)
    }

    func testBadUsageExits64() throws {
        XCTAssertEqual(try run(["replay"]).status, 64)
        XCTAssertEqual(try run(["replay", "--no-such-flag", "scenarios"]).status, 64)
    }

    func testMissingScenarioPathExitsTwo() throws {
        let result = try run(["replay", "scenarios/does-not-exist.lua"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.contains("scenarios/does-not-exist.lua: no such file or directory"), result.err)
    }
}
