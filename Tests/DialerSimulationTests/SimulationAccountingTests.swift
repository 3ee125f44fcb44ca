import DialerCore
import DialerSimulation
import XCTest

/// Every dial is accounted for once, and the figures are computed as the README documents.
final class SimulationAccountingTests: XCTestCase {
    func testEveryDialEndsAsExactlyOneOfConnectFailNoAnswerDropOrIsInFlightAtTheEnd() throws {
        let result = try simulate("rules/default.lua", smallSettings(agents: 10))
        let calls = result.calls
        XCTAssertGreaterThan(calls.count, 100)
        XCTAssertEqual(Set(calls.map(\.dialID)).count, calls.count, "one record per dial")
        for call in calls {
            switch call.category {
            case .connect:
                XCTAssertNotNil(call.answeredAt, "\(call)")
                XCTAssertTrue(call.outcome == .completed || call.outcome == .connected, "\(call)")
            case .drop:
                XCTAssertNotNil(call.answeredAt, "\(call)")
                XCTAssertEqual(call.outcome, .dropped)
            case .failed, .busy, .noAnswer, .cancelled:
                XCTAssertNil(call.answeredAt, "\(call)")
                XCTAssertNotNil(call.endedAt, "\(call)")
                XCTAssertEqual(call.outcome?.rawValue, call.category.rawValue)
            case .inFlight:
                XCTAssertNil(call.outcome)
            }
        }
        let campaign = result.report.campaign
        XCTAssertEqual(
            campaign.connects + campaign.drops + campaign.failed + campaign.busy + campaign.noAnswers + campaign.cancelled + campaign.inFlight,
            campaign.dials)
        XCTAssertEqual(campaign.dials, calls.count)
        XCTAssertGreaterThan(campaign.drops, 0, "the seed rules drop the second answer of a parallel dial")
        XCTAssertEqual(campaign.inFlight, 0, "the run drains: every dial has ended")
    }

    func testDialsStillRingingAtTheDrainLimitAreInFlightAtTheEnd() throws {
        var settings = smallSettings(agents: 10)
        settings.drainLimit = 0  // stop the moment the shifts end...
        settings.loginSpread = 0  // ...which is the same moment for everyone: agents who wait log out with lines ringing
        let result = try simulate("rules/default.lua", settings)
        let campaign = result.report.campaign
        XCTAssertTrue(result.report.stoppedAtDrainLimit)
        XCTAssertGreaterThan(campaign.inFlight, 0)
        XCTAssertEqual(result.calls.filter { $0.category == .inFlight }.count, campaign.inFlight)
        XCTAssertEqual(
            campaign.connects + campaign.drops + campaign.fails + campaign.noAnswers + campaign.cancelled + campaign.inFlight, campaign.dials)
    }

    func testAgentRowsAddUpToTheCampaign() throws {
        let report = try simulate("rules/power.lua", smallSettings(agents: 6)).report
        XCTAssertEqual(report.agents.map(\.agentID), ["a001", "a002", "a003", "a004", "a005", "a006"])
        XCTAssertEqual(report.agents.reduce(0) { $0 + $1.dials }, report.campaign.dials)
        XCTAssertEqual(report.agents.reduce(0) { $0 + $1.connects }, report.campaign.connects)
        XCTAssertEqual(report.agents.reduce(0) { $0 + $1.drops }, report.campaign.drops)
        XCTAssertEqual(report.agents.reduce(0) { $0 + $1.calls }, report.campaign.calls)
        XCTAssertEqual(report.agents.reduce(0.0) { $0 + $1.loggedInSeconds }, report.campaign.loggedInSeconds, accuracy: 1e-6)
    }

    func testAbandonRateIsDropsOverLiveAnswersOverTheWholeRun() throws {
        let result = try simulate("rules/default.lua", smallSettings(agents: 10))
        let drops = result.calls.filter { $0.category == .drop }.count
        let answers = result.calls.filter { $0.answeredAt != nil }.count
        XCTAssertGreaterThan(drops, 0)
        XCTAssertEqual(result.report.campaign.abandonRate, Double(drops) / Double(answers))
        XCTAssertEqual(result.report.campaign.answered, answers)
        XCTAssertEqual(result.report.minutes.last?.abandonRate, result.report.campaign.abandonRate, "the series ends at the run's rate")
        for row in result.report.agents {
            let own = result.calls.filter { $0.agentID == row.agentID }
            let ownAnswers = own.filter { $0.answeredAt != nil }.count
            XCTAssertEqual(row.abandonRate, ownAnswers == 0 ? 0 : Double(own.filter { $0.category == .drop }.count) / Double(ownAnswers))
        }
    }

    func testUtilisationLiesBetweenZeroAndOneForEveryAgentEveryMinuteAndTheCampaign() throws {
        let report = try simulate("rules/default.lua", smallSettings(agents: 10)).report
        for row in report.agents + [report.campaign] {
            XCTAssertGreaterThan(row.utilisation, 0, row.agentID)
            XCTAssertLessThanOrEqual(row.utilisation, 1, row.agentID)
            XCTAssertLessThanOrEqual(row.talkWhileLoggedInSeconds, row.loggedInSeconds, row.agentID)
        }
        for minute in report.minutes {
            XCTAssertTrue((0...1).contains(minute.utilisation), "minute \(minute.minute): \(minute.utilisation)")
        }
    }

    func testUtilisationIsTalkOverLoggedInTimeAndEachAgentIsLoggedInForItsShift() throws {
        var settings = smallSettings(agents: 5)
        settings.keepAliveMissRate = 0  // nobody is logged out by the dialer
        let result = try simulate("rules/default.lua", settings)
        let campaign = result.report.campaign
        XCTAssertEqual(campaign.utilisation, campaign.talkWhileLoggedInSeconds / campaign.loggedInSeconds)
        let talk = result.calls.reduce(0.0) { $0 + $1.talkSeconds }
        XCTAssertEqual(campaign.talkWhileLoggedInSeconds, talk, accuracy: 1e-6, "with nobody logged out, every call is talked while logged in")
        for row in result.report.agents {
            // logged in from login to logout; the logout waits for the call in progress
            XCTAssertGreaterThanOrEqual(row.loggedInSeconds, 3600 - 1e-6, row.agentID)
            XCTAssertLessThan(row.loggedInSeconds, 3600 + 1800, row.agentID)
        }
    }

    func testTheMinuteSeriesAddsUpToTheCampaign() throws {
        let report = try simulate("rules/predictive.lua", smallSettings(agents: 8)).report
        XCTAssertGreaterThanOrEqual(report.minutes.count, 60)
        XCTAssertEqual(report.minutes.map(\.minute), Array(0..<report.minutes.count))
        XCTAssertEqual(report.minutes.reduce(0) { $0 + $1.dials }, report.campaign.dials)
        XCTAssertEqual(report.minutes.reduce(0) { $0 + $1.answered }, report.campaign.answered)
        XCTAssertEqual(report.minutes.reduce(0) { $0 + $1.connects }, report.campaign.connects)
        XCTAssertEqual(report.minutes.reduce(0) { $0 + $1.drops }, report.campaign.drops)
        XCTAssertEqual(report.minutes.reduce(0) { $0 + $1.fails }, report.campaign.fails)
        XCTAssertEqual(report.minutes.reduce(0) { $0 + $1.noAnswers }, report.campaign.noAnswers)
        XCTAssertEqual(report.minutes.reduce(0.0) { $0 + $1.loggedInSeconds }, report.campaign.loggedInSeconds, accuracy: 1e-6)
        XCTAssertEqual(report.minutes[30].loggedIn, 8, "everyone is logged in half an hour into the shift")
    }

    func testSeed003CallsAndAverageCallTimeRunFromAnswerToCallEndAsDialerReportCountsThem() throws {
        var settings = smallSettings(agents: 4)
        settings.wrapUpMedian = 60
        let result = try simulate("rules/power.lua", settings)
        let ended = result.calls.filter { $0.outcome == .completed }
        XCTAssertEqual(result.report.campaign.calls, ended.count)
        let seconds = ended.reduce(0.0) { $0 + ($1.endedAt! - $1.answeredAt!) }
        XCTAssertEqual(result.report.campaign.averageCallSeconds, seconds / Double(ended.count), accuracy: 1e-9)
        // The record ends at call_end, after wrap-up: longer than the talking alone.
        let talk = ended.reduce(0.0) { $0 + $1.talkSeconds }
        XCTAssertGreaterThan(result.report.campaign.averageCallSeconds, talk / Double(ended.count) + 30)
        // The same figure as `dialer report` counts from the records (summed as the calls ended, not in dial order).
        XCTAssertEqual(
            CallReport(dials: result.calls.map(\.dial)).total.averageCallSeconds, result.report.campaign.averageCallSeconds, accuracy: 1e-9)
    }
}
