import DialerLua
import Foundation
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The four report formats, each checked against a small suite with passing, failing,
/// erroring and skipped scenarios (`mixedSuiteFiles`).
final class ScenarioReportTests: XCTestCase {
    func testMixedSuiteCountsEveryOutcome() throws {
        let suite = try replayMixedSuite().suite
        XCTAssertEqual(suite.results.map(\.outcome), [.passed, .failed, .error, .skipped, .passed, .failed, .skipped])
        XCTAssertEqual(suite.summaryLine, "2 passed, 3 failed, 2 skipped")
        XCTAssertEqual(suite.exitCode, 2)
    }

    func testHumanReportIsByteIdenticalAcrossRunsWithTheSeedFirstAndTheCountsLast() throws {
        let (dir, first) = try replayMixedSuite(seed: 7)
        let second = ScenarioSuite(files: try ScenarioSuite.collectFiles([dir]), runner: fixtureRunner(seed: 7))
        let text = HumanReport().render(first)
        XCTAssertEqual(text, HumanReport().render(second))
        XCTAssertEqual(text.components(separatedBy: "\n").first, "replaying 5 files (seed 7)")
        XCTAssertTrue(text.hasSuffix("\n2 passed, 3 failed, 2 skipped\n"), text)
        let lines = text.components(separatedBy: "\n").map { $0.replacingOccurrences(of: dir + "/", with: "") }
        for expected in [
            "ok    a_pass.lua (login dials two)",
            "FAIL  b_fail.lua (a <failing> & \"quoted\" check)",
            "ERROR  c_error.lua",
            "skip  d_skip.lua (waits for a fix)",
            "      blocked by # issue 12",
            "ok    e_cases.lua (cases share the set-up) > an answer connects",
            "FAIL  e_cases.lua (cases share the set-up) > a failed dial is not replaced",
            "skip  e_cases.lua (cases share the set-up) > not written yet",
            "      last events:",
        ] {
            XCTAssertTrue(lines.contains(expected), "missing line \(expected)\n\(text)")
        }
    }

    func testHumanReportKeepsTheTwoCountLastLineWhenNothingIsSkipped() {
        let suite = ScenarioSuite(files: [temporaryFile("expect_eq(1, 1)", name: "s.lua")], runner: fixtureRunner())
        XCTAssertTrue(HumanReport().render(suite).hasSuffix("\n1 passed, 0 failed\n"))
        XCTAssertTrue(HumanReport().render(suite).hasPrefix("replaying 1 file (seed 1)\n"))
    }

    func testJUnitReportParsesBackWithOneSuitePerFile() throws {
        let (dir, suite) = try replayMixedSuite()
        let xml = JUnitReport().render(suite)
        let document = try JUnitDocument(parsing: xml)
        XCTAssertEqual(document.root["tests"], "7")
        XCTAssertEqual(document.root["failures"], "2")
        XCTAssertEqual(document.root["errors"], "1")
        XCTAssertEqual(document.root["skipped"], "2")
        XCTAssertEqual(
            document.suites.map { $0.attributes["name"]! }, ["a_pass", "b_fail", "c_error", "d_skip", "e_cases"].map { "\(dir)/\($0).lua" })
        XCTAssertEqual(document.suites.map(\.cases.count), [1, 1, 1, 1, 3])
        XCTAssertEqual(document.suites.map { $0.properties["seed"] }, Array(repeating: "1", count: 5))

        let failing = document.suites[1].cases[0]
        XCTAssertEqual(failing.attributes["name"], "a <failing> & \"quoted\" check", "escaped and parsed back")
        XCTAssertEqual(failing.attributes["file"], "\(dir)/b_fail.lua")
        XCTAssertEqual(failing.attributes["line"], "5")
        XCTAssertNotNil(Double(failing.attributes["time"] ?? ""), "a duration in seconds")
        XCTAssertEqual(failing.child, "failure")
        XCTAssertTrue(failing.childAttributes["message"]?.hasSuffix("b_fail.lua:5: expected status = 'in_call & <more>', got 'ready'") ?? false)
        XCTAssertTrue(failing.text.contains("last events:\n  t=0 a1 login: off -> ready, cdc 0"), failing.text)
        XCTAssertEqual(failing.systemOut, "bell\\u{7} & <tag>", "a control character XML cannot hold is spelled out")

        XCTAssertEqual(document.suites[2].cases[0].child, "error")
        XCTAssertEqual(document.suites[2].cases[0].attributes["line"], "2")
        XCTAssertEqual(document.suites[3].cases[0].child, "skipped")
        XCTAssertEqual(document.suites[3].cases[0].childAttributes["message"], "blocked by # issue 12")
        XCTAssertEqual(
            document.suites[4].cases.map { $0.attributes["name"]! }, ["an answer connects", "a failed dial is not replaced", "not written yet"])
        XCTAssertEqual(document.suites[4].cases.map(\.child), [nil, "failure", "skipped"])
    }

    func testTAPReportIsVersion13WithAPlanTestPointsSkipDirectivesAndYAMLBlocks() throws {
        let (dir, suite) = try replayMixedSuite()
        let lines = TAPReport().render(suite).replacingOccurrences(of: dir + "/", with: "").components(separatedBy: "\n")
        XCTAssertEqual(Array(lines.prefix(2)), ["TAP version 13", "1..7"])
        XCTAssertEqual(
            lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("not ok ") },
            [
                "ok 1 - a_pass.lua (login dials two)",
                "not ok 2 - b_fail.lua (a <failing> & \"quoted\" check)",
                "not ok 3 - c_error.lua",
                "ok 4 - d_skip.lua (waits for a fix) # SKIP blocked by # issue 12",
                "ok 5 - e_cases.lua (cases share the set-up) > an answer connects",
                "not ok 6 - e_cases.lua (cases share the set-up) > a failed dial is not replaced",
                "ok 7 - e_cases.lua (cases share the set-up) > not written yet # SKIP later",
            ])
        let failure = lines.drop { !$0.hasPrefix("not ok 2 ") }.dropFirst().prefix { $0 != "  ..." }
        XCTAssertEqual(failure.first, "  ---")
        XCTAssertTrue(
            failure.contains { $0.hasPrefix("  message: \"") && $0.hasSuffix("b_fail.lua:5: expected status = 'in_call & <more>', got 'ready'\"") })
        XCTAssertTrue(failure.contains("  severity: fail"))
        XCTAssertTrue(failure.contains("    line: 5"))
        XCTAssertTrue(failure.contains { $0.hasPrefix("  duration_ms: ") })
        XCTAssertTrue(failure.contains("    - \"t=0 a1 login: off -> ready, cdc 0\""))
        XCTAssertTrue(failure.contains("    - \"bell\\u0007 & <tag>\""))
        XCTAssertTrue(lines.contains("  severity: error"))
        XCTAssertEqual(lines.suffix(3), ["# seed 1", "# 2 passed, 3 failed, 2 skipped", ""])
    }

    func testEveryTAPLineIsTheVersionThePlanATestPointAYAMLLineOrAComment() throws {
        let (_, suite) = try replayMixedSuite()
        let lines = TAPReport(coverage: CoverageRequest(grid: true, threshold: 50)).render(suite).split(
            separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.last, "", "ends with a newline")
        var numbers: [Int] = []
        var inYAML = false
        for line in lines.dropLast().dropFirst(2) {
            if inYAML {
                XCTAssertTrue(line.hasPrefix("  "), "a YAML block is indented: \(line)")
                if line == "  ..." { inYAML = false }
            } else if line == "  ---" {
                XCTAssertNotNil(numbers.last, "a YAML block follows a test point")
                inYAML = true
            } else if let match = line.wholeMatch(of: /(?:not )?ok (\d+) - \S.*/) {
                numbers.append(Int(match.1)!)
            } else {
                XCTAssertTrue(line.hasPrefix("# "), "neither a test point, a YAML line nor a comment: \(line)")
            }
        }
        XCTAssertFalse(inYAML, "every YAML block is closed")
        XCTAssertEqual(lines.prefix(2), ["TAP version 13", "1..\(suite.results.count)"])
        XCTAssertEqual(numbers, Array(1...suite.results.count), "one test point per scenario, numbered as the plan says")
        XCTAssertEqual(lines.dropLast().last, "# 2 passed, 3 failed, 2 skipped")
    }

    func testTAPDescriptionsEscapeHashAndBackslash() {
        let file = temporaryFile("scenario \"a # b \\\\ c\"", name: "s.lua")
        let text = TAPReport().render(ScenarioSuite(files: [file], runner: fixtureRunner()))
        XCTAssertTrue(text.contains("ok 1 - \(file) (a \\# b \\\\ c)\n"), text)
    }

    func testJSONReportHasTheSeedEveryScenarioAndWithCoverageTheGrid() throws {
        let (dir, suite) = try replayMixedSuite(seed: 3)
        let plain = try jsonObject(JSONReport().render(suite))
        XCTAssertNil(plain["coverage"], "the grid only with coverage")

        let json = try jsonObject(JSONReport(coverage: CoverageRequest(grid: true, threshold: 50)).render(suite))
        XCTAssertEqual(json["seed"] as? Int, 3)
        let summary = try XCTUnwrap(json["summary"] as? [String: Any])
        XCTAssertEqual(summary["total"] as? Int, 7)
        XCTAssertEqual(summary["passed"] as? Int, 2)
        XCTAssertEqual(summary["failed"] as? Int, 2)
        XCTAssertEqual(summary["errors"] as? Int, 1)
        XCTAssertEqual(summary["skipped"] as? Int, 2)
        XCTAssertEqual(summary["exitCode"] as? Int, 2)
        let scenarios = try XCTUnwrap(json["scenarios"] as? [[String: Any]])
        XCTAssertEqual(scenarios.map { $0["status"] as? String }, ["passed", "failed", "error", "skipped", "passed", "failed", "skipped"])
        XCTAssertEqual(scenarios[1]["file"] as? String, "\(dir)/b_fail.lua")
        XCTAssertEqual(scenarios[1]["line"] as? Int, 5)
        XCTAssertEqual(scenarios[1]["printed"] as? [String], ["bell\u{7} & <tag>"])
        XCTAssertEqual((scenarios[1]["recentEvents"] as? [String])?.count, 2)
        XCTAssertNotNil(scenarios[1]["durationSeconds"] as? Double)
        XCTAssertEqual(scenarios[5]["case"] as? String, "a failed dial is not replaced")
        XCTAssertEqual(scenarios[0]["ruleFiles"] as? [String], [repositoryRoot.appendingPathComponent("rules/default.lua").path])
        let coverage = try XCTUnwrap(json["coverage"] as? [String: Any])
        let cells = try XCTUnwrap(coverage["cells"] as? [[String: Any]])
        XCTAssertEqual(cells.count, 28)
        XCTAssertEqual(cells[0]["status"] as? String, "off")
        XCTAssertEqual(cells[0]["event"] as? String, "login")
        XCTAssertEqual(cells.map { $0["count"] as? Int ?? -1 }, suite.coverage.cellCounts)
        XCTAssertEqual(coverage["reached"] as? Int, suite.coverage.reachedCount)
        XCTAssertEqual(coverage["threshold"] as? Double, 50)
        XCTAssertEqual(coverage["thresholdMet"] as? Bool, false)
    }

    func testFormatRequestsTakeAnOptionalFileAndExactlyOneGoesToStandardOutput() throws {
        XCTAssertEqual(try ReportRequest(parsing: "junit:reports/replay.xml"), ReportRequest(format: .junit, destination: "reports/replay.xml"))
        XCTAssertEqual(try ReportRequest(parsing: "tap"), ReportRequest(format: .tap))
        XCTAssertThrowsError(try ReportRequest(parsing: "xml")) { XCTAssertEqual($0 as? ReportOptionError, .unknownFormat("xml")) }
        XCTAssertThrowsError(try ReportRequest(parsing: "json:")) { XCTAssertEqual($0 as? ReportOptionError, .missingDestination("json:")) }
        XCTAssertThrowsError(try ReportRequest.resolve([ReportRequest(format: .human), ReportRequest(format: .json)])) { error in
            XCTAssertEqual(error as? ReportOptionError, .severalToStandardOutput([.human, .json]))
            XCTAssertTrue(String(describing: error).contains("give all but one a file"))
        }
        XCTAssertThrowsError(
            try ReportRequest.resolve([ReportRequest(format: .tap, destination: "r"), ReportRequest(format: .json, destination: "r")])
        ) {
            XCTAssertEqual($0 as? ReportOptionError, .sameDestination("r"))
        }
        let junitFile = ReportRequest(format: .junit, destination: "r.xml")
        XCTAssertEqual(try ReportRequest.resolve([]), [ReportRequest(format: .human)], "human by default")
        XCTAssertEqual(
            try ReportRequest.resolve([junitFile]), [ReportRequest(format: .human), junitFile], "standard output still gets the human report")
        XCTAssertEqual(try ReportRequest.resolve([ReportRequest(format: .tap), junitFile]), [ReportRequest(format: .tap), junitFile])
    }

    private func jsonObject(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

/// A JUnit document read back with `XMLParser`: the root's attributes and, per `testsuite`,
/// its properties and test cases.
private final class JUnitDocument: NSObject, XMLParserDelegate {
    struct Case {
        var attributes: [String: String]
        var child: String?
        var childAttributes: [String: String] = [:]
        var text = ""
        var systemOut: String?
    }

    struct Suite {
        var attributes: [String: String]
        var properties: [String: String] = [:]
        var cases: [Case] = []
    }

    private(set) var root: [String: String] = [:]
    private(set) var suites: [Suite] = []
    private var element = ""
    private var parseError: (any Error)?

    init(parsing xml: String) throws {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        guard parser.parse() else { throw parseError ?? parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:])
    {
        element = name
        switch name {
        case "testsuites": root = attributes
        case "testsuite": suites.append(Suite(attributes: attributes))
        case "property": suites[suites.count - 1].properties[attributes["name"]!] = attributes["value"]
        case "testcase": suites[suites.count - 1].cases.append(Case(attributes: attributes))
        case "failure", "error", "skipped":
            suites[suites.count - 1].cases[suites[suites.count - 1].cases.count - 1].child = name
            suites[suites.count - 1].cases[suites[suites.count - 1].cases.count - 1].childAttributes = attributes
        case "system-out": suites[suites.count - 1].cases[suites[suites.count - 1].cases.count - 1].systemOut = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let s = suites.indices.last, let c = suites[s].cases.indices.last else { return }
        if element == "system-out" {
            suites[s].cases[c].systemOut = (suites[s].cases[c].systemOut ?? "") + string
        } else if element == "failure" || element == "error" {
            suites[s].cases[c].text += string
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        element = ""
    }

    func parser(_ parser: XMLParser, parseErrorOccurred error: any Error) {
        parseError = error
    }
}
