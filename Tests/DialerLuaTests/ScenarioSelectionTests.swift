import DialerLua
import Foundation
import XCTest

/// `--filter REGEX` and `--list`: which scenarios are selected, by file path, title or case name.
final class ScenarioSelectionTests: XCTestCase {
    private let files = [
        "login.lua": "scenario \"agent logs in\"\nagent \"a1\"\nlogin \"a1\"",
        "race.lua": """
        scenario "parallel dial race"
        agent "a1"
        login "a1"
        case("first answer wins", function() answer "+12125550100" end)
        case("second answer is dropped", function()
          answer "+12125550100"
          answer "+12125550101"
          expect_outcome("+12125550101", "dropped")
        end)
        """,
    ]

    private func names(_ pattern: String?) throws -> [String] {
        let dir = temporaryDirectory(files)
        let filter = try pattern.map { pattern throws(ScenarioFilterError) in try ScenarioFilter(pattern) }
        return try ScenarioSuite.collectFiles([dir]).flatMap { fixtureRunner().names(file: $0, filter: filter) }
            .map { $0.description.replacingOccurrences(of: dir + "/", with: "") }
    }

    func testListNamesEveryFileAndEveryCase() throws {
        XCTAssertEqual(
            try names(nil),
            [
                "login.lua (agent logs in)",
                "race.lua (parallel dial race) > first answer wins",
                "race.lua (parallel dial race) > second answer is dropped",
            ])
    }

    func testFilterMatchesTheFilePathTheTitleOrTheCaseName() throws {
        XCTAssertEqual(try names("login\\.lua$"), ["login.lua (agent logs in)"])
        XCTAssertEqual(try names("logs in"), ["login.lua (agent logs in)"])
        XCTAssertEqual(
            try names("dial race"),
            [
                "race.lua (parallel dial race) > first answer wins",
                "race.lua (parallel dial race) > second answer is dropped",
            ])
        XCTAssertEqual(try names("dropped$"), ["race.lua (parallel dial race) > second answer is dropped"])
        XCTAssertEqual(try names("no such scenario"), [])
    }

    func testFilteredSuiteReplaysOnlyTheSelectedScenarios() throws {
        let dir = temporaryDirectory(files)
        let suite = ScenarioSuite(files: try ScenarioSuite.collectFiles([dir]), runner: fixtureRunner(), filter: try ScenarioFilter("dropped"))
        XCTAssertEqual(suite.results.map(\.caseName), ["second answer is dropped"])
        XCTAssertEqual(suite.results.map(\.verdict), [.passed])
    }

    func testAnInvalidFilterSaysWhatIsWrong() {
        XCTAssertThrowsError(try ScenarioFilter("ready_(")) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.hasPrefix("--filter 'ready_(' is not a valid regular expression:"), message)
        }
    }
}
