import DialerLua
import Foundation

/// A runner whose default rules are the repository's `rules/default.lua`, wherever the
/// scenario files are.
func fixtureRunner(seed: Int = 1) -> ScenarioRunner {
    ScenarioRunner(options: ScenarioOptions(defaultRules: repositoryRoot.appendingPathComponent("rules/default.lua").path, seed: seed))
}

/// Writes `files` (name → text) into a new temporary directory and returns its path.
func temporaryDirectory(_ files: [String: String]) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dialer-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try! text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return dir.path
}

/// A small suite with every outcome: a file that passes, one whose assertion fails (with XML
/// and YAML special characters and a control character in what it prints), one that raises
/// an error, one that skips itself, and one with three cases (pass, fail, skip).
let mixedSuiteFiles: [String: String] = [
    "a_pass.lua": """
    scenario "login dials two"
    agent "a1"
    login "a1"
    expect_dials("a1", 2)
    """,
    "b_fail.lua": """
    scenario "a <failing> & \\"quoted\\" check"
    agent "a1"
    login "a1"
    print("bell\\a & <tag>")
    expect_eq(state("a1").status, "in_call & <more>", "status")
    """,
    "c_error.lua": """
    agent "a1"
    login "a2"
    """,
    "d_skip.lua": """
    scenario "waits for a fix"
    skip("blocked by # issue 12")
    agent "a1"
    """,
    "e_cases.lua": """
    scenario "cases share the set-up"
    agent "a1"
    login "a1"
    case("an answer connects", function()
      answer "+12125550100"
      expect_status("a1", "in_call")
    end)
    case("a failed dial is not replaced", function()
      fail_call "+12125550100"
      expect_dials("a1", 2)
    end)
    case("not written yet", function()
      skip("later")
    end)
    """,
]

/// The mixed suite written to disk and replayed: 2 passed, 3 failed (1 an error), 2 skipped.
func replayMixedSuite(seed: Int = 1) throws -> (dir: String, suite: ScenarioSuite) {
    let dir = temporaryDirectory(mixedSuiteFiles)
    let files = try ScenarioSuite.collectFiles([dir])
    return (dir, ScenarioSuite(files: files, runner: fixtureRunner(seed: seed)))
}
