import DialerLua
import Foundation
import Rainbow

/// Colour and symbols for the human report on a terminal, through Rainbow.
struct TerminalStyle: HumanStyle {
    /// Only when standard output is a terminal (not `dumb`) and `NO_COLOR` is unset or empty.
    static var wanted: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// A coloured symbol and word: `✔ ok`, `✘ FAIL`, `✘ ERROR`, `↷ skip`.
    func label(_ outcome: ScenarioOutcome) -> String {
        switch outcome {
        case .passed: "✔ ok    ".green
        case .failed: "✘ FAIL  ".red.bold
        case .error: "✘ ERROR ".red.bold
        case .skipped: "↷ skip  ".yellow
        }
    }

    /// Dimmed, so the verdicts stand out.
    func detail(_ text: String) -> String { text.dim }

    /// Bold, green when all passed, yellow with skips, red with failures.
    func summary(_ text: String, worst outcome: ScenarioOutcome) -> String {
        switch outcome {
        case .passed: text.green.bold
        case .skipped: text.yellow.bold
        case .failed, .error: text.red.bold
        }
    }
}
