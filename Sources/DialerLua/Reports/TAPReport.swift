import Foundation

/// TAP version 13: the plan, one test point per scenario (per case in a file with cases),
/// `# SKIP reason` for a skipped one, and a YAML block with the file, line, duration, message,
/// last events and printed lines; comments close it with the seed, the coverage if asked and
/// `N passed, N failed`. Version 13 because Debian's `prove` (Test::Harness 3.44) refuses a
/// stream that says 14, and nothing here needs 14: TAP 14 readers take 13 as it is.
public struct TAPReport: ScenarioReport {
    /// Whether to add comments on how many matrix cells were reached and the threshold.
    public var coverage: CoverageRequest

    /// Makes the report.
    public init(coverage: CoverageRequest = CoverageRequest()) { self.coverage = coverage }

    /// The TAP stream.
    public func render(_ suite: ScenarioSuite) -> String {
        var lines = ["TAP version 13", "1..\(suite.results.count)"]
        for (i, result) in suite.results.enumerated() {
            var point = "\(result.isFailure ? "not ok" : "ok") \(i + 1) - \(description(result.name.description))"
            if result.outcome == .skipped { point += " # SKIP \(oneLine(result.message ?? ""))" }
            lines.append(point)
            lines.append(contentsOf: diagnostics(result))
        }
        lines.append("# seed \(suite.seed)")
        if coverage.isRequested {
            let figures = suite.coverage
            lines.append("# coverage: \(figures.reachedCount) of \(figures.cellCounts.count) cells reached")
            if let threshold = coverage.threshold { lines.append("# " + figures.verdict(threshold: threshold)) }
        }
        if !suite.notRun.isEmpty { lines.append("# stopped at the first failure (--fail-fast): \(suite.notRun.count) files not run") }
        lines.append("# " + suite.summaryLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The YAML block under a test point, indented two spaces.
    private func diagnostics(_ result: ScenarioResult) -> [String] {
        var yaml = ["---"]
        if result.isFailure {
            yaml.append("message: " + yamlQuoted(result.message ?? ""))
            yaml.append("severity: " + (result.outcome == .failed ? "fail" : "error"))
        }
        yaml.append("at:")
        yaml.append("  file: " + yamlQuoted(result.file))
        if let line = result.line { yaml.append("  line: \(line)") }
        yaml.append("duration_ms: " + String(format: "%.3f", result.duration * 1000))
        if result.isFailure && !result.recentEvents.isEmpty {
            yaml.append("recent_events:")
            yaml.append(contentsOf: result.recentEvents.map { "  - " + yamlQuoted($0) })
        }
        if !result.printed.isEmpty {
            yaml.append("printed:")
            yaml.append(contentsOf: result.printed.map { "  - " + yamlQuoted($0) })
        }
        yaml.append("...")
        return yaml.map { "  " + $0 }
    }

    /// A test point description: one line, `#` and `\` escaped (TAP 14's rule, which `prove` reads too).
    private func description(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "#", with: "\\#")
    }

    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// A YAML double-quoted scalar (JSON's escapes, which YAML shares).
func yamlQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += String(format: "\\u%04X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
