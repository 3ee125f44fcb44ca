import Foundation

/// JUnit XML for CI systems: a `testsuites` root, one `testsuite` per scenario file, one
/// `testcase` per scenario (per case in a file with cases) with its file, line and time; a
/// `failure` (assertion) or `error` carries the message and the last events, `skipped` the
/// reason, `system-out` what the scenario printed.
public struct JUnitReport: ScenarioReport {
    /// Makes the report.
    public init() {}

    /// The XML document.
    public func render(_ suite: ScenarioSuite) -> String {
        var xml = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
        xml.append("<testsuites" + attributes(of: suite.results, name: "dialer replay") + ">")
        for file in suite.files {
            let results = suite.results.filter { $0.file == file }
            xml.append("  <testsuite" + attributes(of: results, name: file) + ">")
            xml.append("    <properties>")
            xml.append("      <property name=\"seed\" value=\"\(suite.seed)\"/>")
            if let title = results.first?.title {
                xml.append("      <property name=\"title\" value=\"\(xmlEscaped(title, attribute: true))\"/>")
            }
            xml.append("    </properties>")
            for result in results { xml.append(contentsOf: testcase(result)) }
            xml.append("  </testsuite>")
        }
        xml.append("</testsuites>")
        return xml.joined(separator: "\n") + "\n"
    }

    private func attributes(of results: [ScenarioResult], name: String) -> String {
        let count = { (outcome: ScenarioOutcome) in results.filter { $0.outcome == outcome }.count }
        return " name=\"\(xmlEscaped(name, attribute: true))\" tests=\"\(results.count)\" failures=\"\(count(.failed))\""
            + " errors=\"\(count(.error))\" skipped=\"\(count(.skipped))\" time=\"\(seconds(results.map(\.duration).reduce(0, +)))\""
    }

    private func testcase(_ result: ScenarioResult) -> [String] {
        let name = result.caseName ?? result.title ?? result.file
        var open = "    <testcase name=\"\(xmlEscaped(name, attribute: true))\" classname=\"\(xmlEscaped(className(result.file), attribute: true))\""
        open += " file=\"\(xmlEscaped(result.file, attribute: true))\""
        if let line = result.line { open += " line=\"\(line)\"" }
        open += " time=\"\(seconds(result.duration))\""
        var lines: [String] = []
        let body = [
            failureElement(result),
            result.printed.isEmpty ? nil : "      <system-out>\(xmlEscaped(result.printed.joined(separator: "\n"), attribute: false))</system-out>",
        ].compactMap { $0 }
        if body.isEmpty {
            lines.append(open + "/>")
        } else {
            lines.append(open + ">")
            lines.append(contentsOf: body)
            lines.append("    </testcase>")
        }
        return lines
    }

    private func failureElement(_ result: ScenarioResult) -> String? {
        guard let message = result.message else { return nil }
        let summary = xmlEscaped(message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? message, attribute: true)
        switch result.outcome {
        case .passed:
            return nil
        case .skipped:
            return "      <skipped message=\"\(summary)\"/>"
        case .failed, .error:
            let element = result.outcome == .failed ? "failure" : "error"
            var text = message
            if !result.recentEvents.isEmpty {
                text += "\n\nlast events:\n" + result.recentEvents.map { "  \($0)" }.joined(separator: "\n")
            }
            let type = result.outcome == .failed ? "assertion" : "error"
            return "      <\(element) message=\"\(summary)\" type=\"\(type)\">\(xmlEscaped(text, attribute: false))</\(element)>"
        }
    }

    /// `scenarios/flows/two_agents.lua` → `scenarios.flows.two_agents`: CI systems split the
    /// class name at dots into package and class.
    private func className(_ file: String) -> String {
        let path = file.hasSuffix(".lua") ? file.dropLast(4) : Substring(file)
        return path.drop { $0 == "." || $0 == "/" }.replacingOccurrences(of: "/", with: ".")
    }

    private func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// Text made safe for XML 1.0: markup characters become entities; inside an attribute line
/// breaks and tabs become character references (so they survive); characters XML 1.0 cannot
/// hold at all (other control characters) are written as `\u{7}`.
func xmlEscaped(_ text: String, attribute: Bool) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"" where attribute: out += "&quot;"
        case "'" where attribute: out += "&apos;"
        case "\n" where attribute: out += "&#10;"
        case "\r": out += "&#13;"
        case "\t" where attribute: out += "&#9;"
        case "\n", "\t": out.unicodeScalars.append(scalar)
        default:
            if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}
