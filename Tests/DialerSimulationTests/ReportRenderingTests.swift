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
        XCTAssertTrue(html.contains("target 3.0%"), "the abandon chart shows the 3% cap")
        XCTAssertTrue(html.contains("<td>a004</td>"), "the per-agent table")
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
