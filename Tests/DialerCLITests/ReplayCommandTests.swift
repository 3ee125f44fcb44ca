import Foundation
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `dialer replay`'s QA options end to end: formats and destinations, filter and list,
/// skip, fail-fast, coverage threshold, watch mode, colour.
final class ReplayCommandTests: XCTestCase {
    private let rules = repositoryRoot.appendingPathComponent("rules/default.lua").path
    private let passing = "scenario \"logs in\"\nagent \"a1\"\nlogin \"a1\"\nexpect_dials(\"a1\", 2)\n"
    private let failing = "agent \"a1\"\nlogin \"a1\"\nexpect_dials(\"a1\", 5)\n"

    func testEachFormatGoesToItsDestinationAndHumanStaysOnStandardOutput() throws {
        let reports = try scratchDirectory()
        let result = try dialer([
            "replay", "--seed", "4", "--format", "human", "--format", "junit:\(reports)/ci/replay.xml",
            "--format", "tap:\(reports)/replay.tap", "--format", "json:\(reports)/replay.json", "scenarios/flows/",
        ])
        let files = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("scenarios/flows").path)
            .filter { $0.hasSuffix(".lua") }.count
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.out.hasPrefix("replaying \(files) files (seed 4)\n"), result.out)
        XCTAssertTrue(result.out.hasSuffix("\n\(files) passed, 0 failed\n"), result.out)

        let xml = try Data(contentsOf: URL(fileURLWithPath: "\(reports)/ci/replay.xml"))
        XCTAssertTrue(XMLParser(data: xml).parse(), "the JUnit file is well-formed XML")
        XCTAssertEqual(String(decoding: xml, as: UTF8.self).components(separatedBy: "<testsuite ").count - 1, files)
        let tap = try String(contentsOfFile: "\(reports)/replay.tap", encoding: .utf8)
        XCTAssertTrue(tap.hasPrefix("TAP version 13\n1..\(files)\nok 1 - scenarios/flows/call_fail_reasons.lua"), tap)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(reports)/replay.json"))) as? [String: Any]
        XCTAssertEqual(json?["seed"] as? Int, 4)

        let onlyFile = try dialer(["replay", "--format", "junit:\(reports)/only.xml", "scenarios/flows/"])
        XCTAssertTrue(onlyFile.out.hasSuffix("\n\(files) passed, 0 failed\n"), "standard output still gets the human report")
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(reports)/only.xml"))
        let tapOut = try dialer(["replay", "--format", "tap", "scenarios/flows/full_call_cycle.lua"])
        XCTAssertTrue(tapOut.out.hasPrefix("TAP version 13\n1..1\nok 1 - scenarios/flows/full_call_cycle.lua (full call cycle: "), tapOut.out)
        XCTAssertFalse(tapOut.out.contains("replaying"), "TAP alone on standard output")
        XCTAssertTrue(tapOut.out.hasSuffix("# seed 1\n# 1 passed, 0 failed\n"), tapOut.out)
    }

    func testProveReadsTheTAPReportAsPassingAndAFailureAsFailingWithoutParseErrors() throws {
        let prove = "/usr/bin/prove"
        guard FileManager.default.isExecutableFile(atPath: prove) else {
            throw XCTSkip("\(prove) is missing: apt-get install -y perl")
        }
        let reports = try scratchDirectory(["failing.lua": failing])
        let passed = try dialer(["replay", "--format", "tap:\(reports)/pass.tap", "scenarios/"])
        XCTAssertEqual(passed.status, 0, passed.err)
        let pass = try outputs(of: Self.prove("\(reports)/pass.tap"))
        XCTAssertEqual(pass.status, 0, pass.out + pass.err)
        XCTAssertTrue(pass.out.contains("All tests successful.") && pass.out.hasSuffix("Result: PASS\n"), pass.out)

        let failed = try dialer([
            "replay", "--rules", rules, "--format", "tap:\(reports)/fail.tap", reports + "/failing.lua", "scenarios/flows/full_call_cycle.lua",
        ])
        XCTAssertEqual(failed.status, 1, failed.err)
        let fail = try outputs(of: Self.prove("\(reports)/fail.tap"))
        XCTAssertEqual(fail.status, 1, fail.out)
        XCTAssertTrue(
            fail.out.contains("Failed test:  1\n") && fail.out.contains("Tests: 2 Failed: 1") && fail.out.hasSuffix("Result: FAIL\n"), fail.out)
        XCTAssertFalse(fail.out.contains("Parse errors"), fail.out)
    }

    /// `prove --exec cat FILE`: prove reads the file's text as a test's output (docs/scenarios.md).
    private static func prove(_ file: String) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/prove")
        process.arguments = ["--exec", "cat", file]
        return process
    }

    func testFormatUsageMistakesExit64WithAMessage() throws {
        let two = try dialer(["replay", "--format", "human", "--format", "json", "scenarios/"])
        XCTAssertEqual(two.status, 64)
        XCTAssertTrue(two.err.contains("--format human and --format json would each go to standard output"), two.err)
        let unknown = try dialer(["replay", "--format", "xml", "scenarios/"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.err.contains("unknown --format 'xml'"), unknown.err)
        XCTAssertEqual(try dialer(["replay", "--threshold", "150", "scenarios/"]).status, 64)
        XCTAssertEqual(try dialer(["replay", "--filter", "ready_(", "scenarios/"]).status, 64)
        XCTAssertEqual(try dialer(["replay", "--watch", "--poll-interval", "0", "scenarios/"]).status, 64)
        XCTAssertEqual(try dialer(["replay", "--watch", "--list", "scenarios/"]).status, 64)
    }

    func testListPrintsTheFilteredNamesAndReplaysNothing() throws {
        let result = try dialer(["replay", "--list", "--filter", "ready_(login|logout)", "scenarios/"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(
            result.out,
            """
            scenarios/matrix/ready_login.lua (ready × login: ignored (no second round of dials))
            scenarios/matrix/ready_logout.lua (ready × logout: set off)

            """)
        let dir = try scratchDirectory(["failing.lua": failing])
        let listed = try dialer(["replay", "--rules", rules, "--list", dir])
        XCTAssertEqual(listed.status, 0, "a failing scenario is listed, not replayed")
        XCTAssertEqual(listed.out, "\(dir)/failing.lua\n")
    }

    func testFilterReplaysOnlyWhatMatchesTheTitle() throws {
        let result = try dialer(["replay", "--filter", "keep-alive timeout", "scenarios/"])
        XCTAssertEqual(result.status, 0, result.out)
        XCTAssertEqual(
            result.out,
            """
            replaying 1 file (seed 1)
            ok    scenarios/flows/keep_alive_timeout.lua (keep-alive timeout: in_call -> inactive -> off when the agent goes silent)
            1 passed, 0 failed

            """)
    }

    func testRepeatedFiltersReplayEveryScenarioThatMatchesAnyOfThem() throws {
        let result = try dialer(["replay", "--filter", "keep-alive timeout", "--filter", "ready_logout", "scenarios/"])
        XCTAssertEqual(result.status, 0, result.out + result.err)
        XCTAssertEqual(
            result.out,
            """
            replaying 2 files (seed 1)
            ok    scenarios/flows/keep_alive_timeout.lua (keep-alive timeout: in_call -> inactive -> off when the agent goes silent)
            ok    scenarios/matrix/ready_logout.lua (ready × logout: set off)
            2 passed, 0 failed

            """)
        let listed = try dialer(["replay", "--list", "--filter", "ready_logout", "--filter", "ready_login", "scenarios/matrix/"])
        XCTAssertEqual(listed.status, 0, listed.err)
        XCTAssertEqual(listed.out.split(separator: "\n").count, 2, listed.out)
    }

    func testFiltersThatSelectNothingExitOneNamingTheFilters() throws {
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: repositoryRoot.appendingPathComponent("scenarios").path))
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".lua") }.count
        for extra in [[], ["--list"], ["--format", "tap"]] {
            let result = try dialer(["replay"] + extra + ["--filter", "no_such_scenario", "--filter", "nor.this", "scenarios/"])
            XCTAssertEqual(result.status, 1, "\(extra): \(result.out)")
            XCTAssertTrue(
                result.err.contains("--filter 'no_such_scenario' or --filter 'nor.this' selected no scenario in \(files) files"),
                "\(extra): \(result.err)")
        }
        let bad = try dialer(["replay", "--filter", "ok", "--filter", "ready_(", "scenarios/"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.err.contains("--filter 'ready_(' is not a valid regular expression"), bad.err)
    }

    func testSkippedScenariosAreCountedLastAndDoNotFailTheRun() throws {
        let dir = try scratchDirectory(["a.lua": passing, "b.lua": "skip(\"needs the PBX\")\n"])
        let result = try dialer(["replay", "--rules", rules, dir])
        XCTAssertEqual(result.status, 0, result.out)
        XCTAssertTrue(result.out.contains("\nskip  \(dir)/b.lua\n      needs the PBX\n"), result.out)
        XCTAssertTrue(result.out.hasSuffix("\n1 passed, 0 failed, 1 skipped\n"), result.out)
    }

    func testFailFastStopsAfterTheFirstFailure() throws {
        let dir = try scratchDirectory(["a.lua": failing, "b.lua": passing])
        let result = try dialer(["replay", "--rules", rules, "--fail-fast", dir])
        XCTAssertEqual(result.status, 1)
        XCTAssertFalse(result.out.contains("b.lua"), result.out)
        XCTAssertTrue(result.out.hasSuffix("stopped at the first failure (--fail-fast): 1 file not run\n0 passed, 1 failed\n"), result.out)
    }

    func testThresholdFailsBelowAndPassesAtTheShareOfCellsReached() throws {
        let file = "scenarios/flows/full_call_cycle.lua"
        let json = try dialer(["replay", "--coverage", "--format", "json", file])
        let coverage = (try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])?["coverage"] as? [String: Any]
        let reached = try XCTUnwrap(coverage?["reached"] as? Int)
        XCTAssertLessThan(reached, 28)
        let exact = Double(reached) * 100 / 28

        let at = try dialer(["replay", "--coverage", "--threshold", String(exact), file])
        XCTAssertEqual(at.status, 0, at.out + at.err)
        XCTAssertTrue(at.out.contains("\(reached) of 28 cells reached\nthreshold "), at.out)
        XCTAssertTrue(at.out.hasSuffix("\n1 passed, 0 failed\n"))

        let below = try dialer(["replay", "--coverage", "--threshold", String(exact + 0.5), file])
        XCTAssertEqual(below.status, 1)
        XCTAssertTrue(below.err.contains("coverage threshold"), below.err)
        XCTAssertTrue(below.out.hasSuffix("\n1 passed, 0 failed\n"), "the last line still counts the scenarios")

        XCTAssertEqual(try dialer(["replay", "--coverage", "--threshold", "100", "scenarios/"]).status, 0)
    }

    func testWatchRerunsAfterAChangeAndStopsCleanlyOnControlC() throws {
        let dir = try scratchDirectory(["a.lua": passing, "b.lua": passing])
        let output = URL(fileURLWithPath: try scratchFile("out.txt", ""))
        let errors = URL(fileURLWithPath: try scratchFile("err.txt", ""))
        let process = Process()
        process.executableURL = dialerExecutable
        process.arguments = ["replay", "--rules", rules, "--watch", "--poll-interval", "0.1", dir]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        try waitUntil(output, contains: "2 passed, 0 failed\n")
        try failing.write(toFile: dir + "/b.lua", atomically: true, encoding: .utf8)
        try waitUntil(output, contains: "0 passed, 1 failed\n")
        process.interrupt()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }

        XCTAssertFalse(process.isRunning, "Ctrl-C stops the watch")
        XCTAssertEqual(process.terminationReason, .exit, "it exits by itself, not killed by the signal")
        XCTAssertEqual(process.terminationStatus, 1, "the latest results: b fails")
        let out = try String(contentsOf: output, encoding: .utf8)
        XCTAssertTrue(out.contains("\n=== rerun 1: \(dir)/b.lua changed, replaying 1 file ===\nreplaying 1 file (seed 1)\nFAIL  \(dir)/b.lua\n"), out)
        XCTAssertTrue(try String(contentsOf: errors, encoding: .utf8).contains("stopped watching"))
    }

    #if os(Linux)
        func testColourAndSymbolsOnATerminalOnlyAndNeverWithNoColor() throws {
            let command = "\(dialerExecutable.path) replay scenarios/flows/full_call_cycle.lua"
            let onTerminal = try underTerminal(command, noColor: false)
            XCTAssertTrue(onTerminal.contains("\u{1B}["), onTerminal)
            XCTAssertTrue(onTerminal.contains("✔ ok"), onTerminal)
            let noColor = try underTerminal(command, noColor: true)
            XCTAssertFalse(noColor.contains("\u{1B}["), noColor)
            XCTAssertTrue(noColor.contains("ok    scenarios/flows/full_call_cycle.lua"), noColor)
            let piped = try dialer(["replay", "scenarios/flows/full_call_cycle.lua"])
            XCTAssertFalse(piped.out.contains("\u{1B}["), "not a terminal: plain")
        }

        /// Runs `command` under `script`, which gives it a pseudo-terminal.
        private func underTerminal(_ command: String, noColor: Bool) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
            process.currentDirectoryURL = repositoryRoot
            var environment = ProcessInfo.processInfo.environment
            environment["TERM"] = "xterm-256color"
            environment["FORCE_COLOR"] = nil
            environment["NO_COLOR"] = noColor ? "1" : nil
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            let result = try outputs(of: process)
            XCTAssertEqual(result.status, 0, result.err)
            return result.out
        }
    #endif

    /// Polls `file` until it contains `text`, for at most 30 seconds.
    private func waitUntil(_ file: URL, contains text: String) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if (try? String(contentsOf: file, encoding: .utf8))?.contains(text) == true { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw WaitTimeout(text: text, file: file.path)
    }
}

/// `waitUntil` gave up.
private struct WaitTimeout: Error, CustomStringConvertible {
    var text: String
    var file: String
    var description: String { "\(file) did not come to contain \(text) within 30 seconds" }
}
