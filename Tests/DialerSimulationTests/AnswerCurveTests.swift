import DialerCore
import DialerSimulation
import XCTest

/// A carrier whose answer rate follows the time of day, and agents whose talk times differ.
final class AnswerCurveTests: XCTestCase {
    func testACurveIsReadFromItsPointsJoinedByStraightLinesAndFlatBeyondThem() throws {
        let curve = try XCTUnwrap(try AnswerCurve.parse("18:0.4,10:0.2"))
        XCTAssertEqual(curve.points.map(\.hour), [10, 18], "sorted by hour")
        XCTAssertEqual(curve.rate(atHour: 14), 0.3, accuracy: 1e-12)
        XCTAssertEqual(curve.rate(atHour: 6), 0.2, "flat before the first point")
        XCTAssertEqual(curve.rate(atHour: 23), 0.4, "flat after the last")
        XCTAssertEqual(curve.rate(atHour: 24 + 14), 0.3, accuracy: 1e-12, "the next day")
        XCTAssertNil(try AnswerCurve.parse("flat"))
        XCTAssertEqual(try AnswerCurve.parse("day"), AnswerCurve.day)
        XCTAssertLessThan(AnswerCurve.day.rate(atHour: 10), AnswerCurve.day.rate(atHour: 18), "low mid-morning, high early evening")
        for (text, expected) in [
            ("9:0.2,noon", "--answer-curve 9:0.2,noon is out of range: expected flat, day, or HOUR:RATE points"),
            ("9:1.5", "--answer-curve 1.5 is out of range: expected answer rates from 0 to 1"),
            ("25:0.3", "--answer-curve 25.0 is out of range: expected hours from 0 to 24"),
        ] {
            XCTAssertThrowsError(try AnswerCurve.parse(text), text) { XCTAssertTrue("\($0)".hasPrefix(expected), "\($0)") }
        }
    }

    func testWithACurveTheShareAnsweringIsTheCurvesAtTheHourOfTheDial() throws {
        var carrier = CarrierModel()
        carrier.answerCurve = AnswerCurve.day
        let numbers = (0..<20_000).map(LeadList.fictionalNumber)
        func answered(at hour: Double) -> Double {
            let count = numbers.filter { if case .answers = carrier.fate(of: $0, seed: 3, localHour: hour) { true } else { false } }.count
            return Double(count) / Double(numbers.count)
        }
        // A few answers come after the ring timeout and ring out: a little under the curve.
        XCTAssertEqual(answered(at: 10), AnswerCurve.day.rate(atHour: 10), accuracy: 0.015)
        XCTAssertEqual(answered(at: 18), AnswerCurve.day.rate(atHour: 18), accuracy: 0.015)
        XCTAssertEqual(answered(at: 11), AnswerCurve.day.rate(atHour: 11), accuracy: 0.015)
    }

    func testTheDayCurveMovesTheShiftsAnswersAndTheFlatDefaultChangesNothing() throws {
        var settings = smallSettings(agents: 10, hours: 2)
        let flat = try simulate("rules/power.lua", settings).report
        settings.carrier.answerCurve = nil
        XCTAssertEqual(try simulate("rules/power.lua", settings).report, flat, "no curve: the flat carrier")
        settings.startHour = 9.5  // 09:30–11:30: the day curve's mid-morning low
        settings.carrier.answerCurve = AnswerCurve.day
        let morning = try simulate("rules/power.lua", settings).report
        settings.startHour = 17
        let evening = try simulate("rules/power.lua", settings).report
        let share = { (report: SimulationReport) in Double(report.campaign.answered) / Double(report.campaign.dials) }
        XCTAssertLessThan(share(morning), share(flat), "fewer answers mid-morning than the flat 30%")
        XCTAssertGreaterThan(share(evening), share(morning) + 0.05, "many more in the early evening")
    }

    func testAgentsTalkSpreadGivesEachAgentItsOwnPaceAndIsSeeded() throws {
        var settings = smallSettings(agents: 12, hours: 4)
        func spread(_ report: SimulationReport) -> Double {
            let averages = report.agents.map(\.averageCallSeconds).filter { $0 > 0 }
            let mean = averages.reduce(0, +) / Double(averages.count)
            return (averages.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(averages.count)).squareRoot() / mean
        }
        let alike = try simulate("rules/power.lua", settings).report
        settings.agentTalkSpread = 0.6
        let differing = try simulate("rules/power.lua", settings).report
        XCTAssertGreaterThan(spread(differing), spread(alike) * 1.5, "agents' average call times vary more")
        XCTAssertEqual(try simulate("rules/power.lua", settings).report, differing, "the same seed, the same agents")
        settings.agentTalkSpread = 3
        XCTAssertThrowsError(try simulate("rules/power.lua", settings)) {
            XCTAssertTrue("\($0)".hasPrefix("--agent-talk-spread 3.0 is out of range"), "\($0)")
        }
    }
}
