import DialerCore
import DialerSimulation
import XCTest

/// The outputs of `dialer simulate`: self-contained HTML with charts, CSV, JSON and the table.
final class ReportRenderingTests: XCTestCase {
    private static let result = Result { try simulate("rules/power.lua", smallSettings(agents: 4)) }

    func testHTMLIsSelfContainedWithChartsOfUtilisationAbandonRateAndDialsInFlight() throws {
        let result = try Self.result.get()
        let html = SimulationHTMLReport.render([result.report])
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertFalse(html.contains("<script"), "no scripts")
        XCTAssertFalse(html.contains("src="), "nothing loaded from elsewhere")
        XCTAssertFalse(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"), "no links out")
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 4)
        for title in ["Agent utilisation per minute", "Abandon rate", "Dials in flight"] { XCTAssertTrue(html.contains(title), title) }
        XCTAssertFalse(html.contains("class=\"difference\""), "one run: nothing to compare")
        XCTAssertTrue(html.contains("target 3.0%"), "the abandon chart shows the 3% cap")
        XCTAssertTrue(html.contains("<td>a004</td>"), "the per-agent table")
    }

    func testTheComparisonHasADifferenceColumnOfTheSecondRunMinusTheFirst() throws {
        let first = try simulate("rules/predictive.lua", smallSettings(agents: 4)).report
        let second = try Self.result.get().report
        let html = SimulationHTMLReport.render([first, second])
        XCTAssertTrue(html.contains("<th>\(second.rules) − \(first.rules)</th>"), "the difference column's title")
        let dials = second.campaign.dials - first.campaign.dials
        XCTAssertNotEqual(dials, 0, "the two rule files dial differently")
        let expected = (dials < 0 ? "-" : "+") + NumberFormat.grouped(abs(dials))
        XCTAssertTrue(
            html.contains(
                "<tr><td>dials</td><td>\(NumberFormat.grouped(first.campaign.dials))</td><td>\(NumberFormat.grouped(second.campaign.dials))</td><td class=\"difference\">\(expected)</td></tr>"
            ),
            html)
        let points = NumberFormat.readable(abs(second.campaign.abandonRate - first.campaign.abandonRate) * 100, decimals: 2)
        XCTAssertTrue(html.contains("<td class=\"difference\">+\(points) pts</td>"), "power.lua abandons more, in percentage points: \(points)")
        let table = SimulationTextReport.renderComparison([first, second])
        XCTAssertTrue(table.contains("+\(points) pts"), table)
    }

    func testAnAbandonRateOverItsTargetIsFlaggedInRedAndInWords() throws {
        var report = try Self.result.get().report
        XCTAssertGreaterThan(report.campaign.abandonRate, 0.03, "two lines per agent abandon more than 3%")
        let flagged = SimulationHTMLReport.render([report])
        XCTAssertTrue(flagged.contains("<td class=\"over-target\" title=\"over the 3.0% target\">"), flagged)
        XCTAssertTrue(flagged.contains("\(NumberFormat.percent(report.campaign.abandonRate)) ▲ over the 3.0% target</td>"))
        report.ruleSettings.append(RuleSetting(name: "ABANDON_TARGET", value: "0.5"))
        let relaxed = SimulationHTMLReport.render([report])
        XCTAssertFalse(relaxed.contains("class=\"over-target\""), "under the rule file's own target of 50%")
        XCTAssertTrue(relaxed.contains("target 50.0%"), "the chart's target line follows the rule file")
    }

    func testEveryChartHasBothAxisTitles() throws {
        let html = SimulationHTMLReport.render([try Self.result.get().report])
        XCTAssertEqual(html.components(separatedBy: "class=\"axis-title\"").count - 1, 8, "two titles on each of four charts")
        for title in [
            "hours since the first login", "utilisation (talk ÷ logged in)", "abandon rate (drops ÷ live answers)", "dials ringing", ">agents<",
        ] {
            XCTAssertTrue(html.contains(title), title)
        }
    }

    func testTheChartsStopWhenTheLastShiftEnds() throws {
        var settings = smallSettings(agents: 4)
        settings.wrapUpMedian = 600  // calls end long after the shift: the run drains for minutes
        let report = try simulate("rules/power.lua", settings).report
        let shiftMinutes = Int((report.shiftEndedAt / 60).rounded(.up))
        XCTAssertGreaterThan(report.minutes.count, shiftMinutes + 2, "the run went on after the shift")
        XCTAssertEqual(SimulationHTMLReport.chartedMinutes(report).count, shiftMinutes)
        let html = SimulationHTMLReport.render([report])
        // Each polyline has at most one point per charted minute, the last in the shift's last minute.
        let plotWidth = 880.0 - 72 - 16
        let lastX = 72 + plotWidth * (Double(shiftMinutes) - 0.5) / Double(shiftMinutes)
        for line in html.components(separatedBy: "points=\"").dropFirst() {
            let points = line.prefix { $0 != "\"" }.split(separator: " ")
            XCTAssertLessThanOrEqual(points.count, shiftMinutes)
            let xs = points.compactMap { Double($0.split(separator: ",")[0]) }
            XCTAssertLessThanOrEqual(xs.max() ?? 0, lastX + 0.05)
        }
        XCTAssertTrue(html.contains("until the last agent's shift ends at \(NumberFormat.clock(report.shiftEndedAt))"))
    }

    func testCSVHasAHeaderAndOneLinePerDial() throws {
        let result = try Self.result.get()
        let csv = CallRecordCSV.render([("rules/power.lua", result.calls)])
        let lines = csv.components(separatedBy: "\r\n").dropLast()
        XCTAssertEqual(lines.first, CallRecordCSV.columns.joined(separator: ","))
        XCTAssertEqual(lines.count, result.calls.count + 1)
        let connect = try XCTUnwrap(result.calls.first { $0.category == .connect })
        let line = try XCTUnwrap(lines.first { $0.hasPrefix("rules/power.lua,\(connect.dialID),") })
        XCTAssertTrue(line.contains(",completed,connect,"), line)
    }

    func testCSVQuotesFieldsWithCommasAndQuotes() {
        var dial = Dial(id: 1, agentID: "a,1", number: "+12125550100", dialedAt: 0)
        dial.outcome = .failed
        dial.endedAt = 2
        let csv = CallRecordCSV.render([("odd \"name\".lua", [CallRecord(dial: dial, talkEndedAt: nil)])])
        XCTAssertTrue(csv.hasSuffix("\"odd \"\"name\"\".lua\",1,\"a,1\",+12125550100,0.000,,,2.000,failed,failed,2.000,\r\n"), csv)
    }

    func testJSONHoldsTheCampaignTheAgentsAndTheMinutes() throws {
        let result = try Self.result.get()
        let json = try JSONSerialization.jsonObject(with: Data(SimulationJSON.render([result.report]).utf8)) as? [String: Any]
        let campaign = try XCTUnwrap(json?["campaign"] as? [String: Any])
        XCTAssertEqual(campaign["dials"] as? Int, result.report.campaign.dials)
        XCTAssertEqual(try XCTUnwrap(campaign["abandonRate"] as? Double), result.report.campaign.abandonRate, accuracy: 1e-12)
        XCTAssertEqual((json?["agents"] as? [Any])?.count, 4)
        XCTAssertEqual((json?["minutes"] as? [Any])?.count, result.report.minutes.count)
        let comparison = try JSONSerialization.jsonObject(with: Data(SimulationJSON.render([result.report, result.report]).utf8)) as? [String: Any]
        XCTAssertEqual((comparison?["runs"] as? [Any])?.count, 2)
    }

    func testTheTableShowsSeed003CallsPerAgentAndATotalRow() throws {
        let result = try Self.result.get()
        let table = SimulationTextReport.render(result.report)
        XCTAssertTrue(table.hasPrefix("dialer simulate: 4 agents × 1.0 h, seed 1, rules "), table)
        XCTAssertTrue(table.contains("  agent  # Calls  avg call s"), table)
        let total = try XCTUnwrap(table.split(separator: "\n").first { $0.hasPrefix("  total ") })
        XCTAssertTrue(total.contains(" \(result.report.campaign.calls) "), String(total))
        XCTAssertTrue(table.contains("abandon rate (drops ÷ live answers)"))
    }
}
