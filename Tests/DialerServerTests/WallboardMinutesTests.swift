import XCTest

@testable import DialerServer

/// The wallboard chart's minutes: samples coalesced per second, averaged per minute, the
/// abandon rate of each minute's own answers, and no more than 60 minutes kept.
final class WallboardMinutesTests: XCTestCase {
    private func sample(inCall: Int, loggedIn: Int, answered: Int = 0, drops: Int = 0) -> WallboardMinutes.Sample {
        WallboardMinutes.Sample(inCall: inCall, loggedIn: loggedIn, answered: answered, drops: drops)
    }

    func testSamplesAreCoalescedPerSecondAndAveragedPerMinute() {
        var chart = WallboardMinutes()
        XCTAssertTrue(chart.add(sample(inCall: 1, loggedIn: 4), at: 600.2), "the first minute begins")
        XCTAssertFalse(chart.add(sample(inCall: 4, loggedIn: 4), at: 600.9), "same second: ignored")
        XCTAssertFalse(chart.add(sample(inCall: 3, loggedIn: 4), at: 601.0))
        XCTAssertFalse(chart.add(sample(inCall: 0, loggedIn: 0), at: 602.0), "nobody logged in counts 0")
        XCTAssertEqual(chart.minutes.count, 1)
        XCTAssertEqual(chart.minutes[0].start, 600)
        XCTAssertEqual(chart.minutes[0].samples, 3)
        XCTAssertEqual(chart.minutes[0].utilisation, (0.25 + 0.75 + 0) / 3, accuracy: 1e-12)
        XCTAssertTrue(chart.add(sample(inCall: 2, loggedIn: 2), at: 660))
        XCTAssertEqual(chart.minutes.map(\.start), [600, 660])
        XCTAssertEqual(chart.minutes[1].utilisation, 1)
    }

    func testEachMinuteHasTheAbandonRateOfItsOwnAnswers() {
        var chart = WallboardMinutes()
        chart.add(sample(inCall: 0, loggedIn: 1, answered: 5, drops: 1), at: 0)  // counted before the first sample: in no minute
        chart.add(sample(inCall: 0, loggedIn: 1, answered: 9, drops: 2), at: 30)
        chart.add(sample(inCall: 0, loggedIn: 1, answered: 14, drops: 2), at: 61)  // the 5 answers since 30 s go to the new minute
        chart.add(sample(inCall: 0, loggedIn: 1, answered: 16, drops: 4), at: 119)
        XCTAssertEqual(chart.minutes.map(\.answered), [4, 7])
        XCTAssertEqual(chart.minutes.map(\.drops), [1, 2])
        XCTAssertEqual(chart.minutes[0].abandonRate, 0.25)
        XCTAssertEqual(chart.minutes[1].abandonRate, 2.0 / 7.0, accuracy: 1e-12)
        chart.add(sample(inCall: 0, loggedIn: 1, answered: 16, drops: 4), at: 120)
        XCTAssertEqual(chart.minutes[2].abandonRate, 0, "no answer: 0")
    }

    func testTheLast60MinutesAreKept() {
        var chart = WallboardMinutes()
        for minute in 0..<75 { chart.add(sample(inCall: minute % 2, loggedIn: 1), at: Double(minute) * 60) }
        XCTAssertEqual(chart.minutes.count, WallboardMinutes.limit)
        XCTAssertEqual(chart.minutes.first?.start, 15 * 60)
        XCTAssertEqual(chart.minutes.last?.start, 74 * 60)
    }
}
