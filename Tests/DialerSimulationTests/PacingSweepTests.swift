import DialerCore
import DialerSimulation
import XCTest

/// `dialer simulate --sweep`: every cell of the matrix run and summarised by its medians.
final class PacingSweepTests: XCTestCase {
    func testEveryCellIsRunAndItsFiguresAreTheMediansOfItsSeeds() throws {
        var day = CarrierModel()
        day.answerCurve = AnswerCurve.day
        let sweep = PacingSweep(
            rules: [
                .init(name: "power", path: rulePath("rules/power.lua")),
                .init(name: "one line", path: rulePath("rules/power.lua"), overrides: ["DIAL_RATIO": .integer(1)]),
            ],
            agents: [3, 6], carriers: [.init(name: "flat", model: CarrierModel()), .init(name: "day", model: day)], seeds: 3,
            base: smallSettings(hours: 1))
        var runs: [String] = []
        let cells = try sweep.run { runs.append($0) }
        XCTAssertEqual(runs.count, 2 * 2 * 2 * 3, "rules × floors × carriers × seeds")
        XCTAssertEqual(cells.count, 8)
        XCTAssertEqual(Set(cells.map(\.rules)), ["power", "one line"])
        // The median of three seeds is one of them: the middle abandon rate.
        var settings = smallSettings(agents: 3, hours: 1)
        let rates = try (1...3).map { seed -> Double in
            settings.seed = UInt64(seed)
            return try simulate("rules/power.lua", settings).report.campaign.abandonRate
        }.sorted()
        let cell = try XCTUnwrap(cells.first { $0.rules == "power" && $0.carrier == "flat" && $0.agents == 3 })
        XCTAssertEqual(cell.abandonRate, rates[1])
        for cell in cells {
            XCTAssertTrue((0...1).contains(cell.shareOfZeroWaitBound), "\(cell)")
            XCTAssertGreaterThanOrEqual(cell.shareOfZeroWaitBound, cell.utilisation, "the bound is above utilisation: \(cell)")
        }
        let text = PacingSweepReport.text(cells, seeds: 3, hours: 1)
        XCTAssertTrue(text.contains("rules     carrier  agents"), text)
        XCTAssertEqual(text.split(separator: "\n").filter { $0.hasPrefix("power ") || $0.hasPrefix("one line ") }.count, 8, text)
        let html = PacingSweepReport.html(cells, seeds: 3, hours: 1)
        XCTAssertEqual(html.components(separatedBy: "<tr><td").count - 1, 8)
        XCTAssertEqual(html.contains("class=\"n over\""), cells.contains { $0.abandonRate > 0.03 || $0.worstHourAbandonRate > 0.05 })
    }
}
