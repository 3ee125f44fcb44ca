import DialerCore
import DialerSimulation
import XCTest

/// The far end of the line: seeded, per lead, in the shares asked for, and within US rules.
final class CarrierModelTests: XCTestCase {
    private let numbers = (0..<20_000).map(LeadList.fictionalNumber)

    func testALeadHasTheSameFateWhateverDialsItAndWhenever() {
        let carrier = CarrierModel()
        let forward = numbers.prefix(500).map { carrier.fate(of: $0, seed: 5) }
        let backward = numbers.prefix(500).reversed().map { carrier.fate(of: $0, seed: 5) }
        XCTAssertEqual(forward, backward.reversed())
        XCTAssertNotEqual(forward, numbers.prefix(500).map { carrier.fate(of: $0, seed: 6) }, "another seed, other fates")
    }

    func testSharesOfAnswersBusyFailedAndNoAnswersFollowTheModel() {
        var carrier = CarrierModel()
        carrier.answerProbability = 0.25
        carrier.busyProbability = 0.10
        carrier.failedProbability = 0.05
        var counts: [String: Int] = [:]
        for number in numbers {
            switch carrier.fate(of: number, seed: 1) {
            case .answers: counts["answer", default: 0] += 1
            case .fails(_, let reason): counts[reason.rawValue, default: 0] += 1
            }
        }
        let n = Double(numbers.count)
        // answers a person would give after the ring timeout ring out (a few tenths of a percent here)
        XCTAssertEqual(Double(counts["answer"] ?? 0) / n, 0.25, accuracy: 0.015)
        XCTAssertEqual(Double(counts["busy"] ?? 0) / n, 0.10, accuracy: 0.01)
        XCTAssertEqual(Double(counts["failed"] ?? 0) / n, 0.05, accuracy: 0.01)
        XCTAssertEqual(Double(counts["no_answer"] ?? 0) / n, 0.60, accuracy: 0.015)
    }

    func testUnansweredCallsRingAtLeastFifteenSecondsAndAnswersComeBeforeTheTimeout() {
        let carrier = CarrierModel()
        var talk: [Double] = []
        for number in numbers {
            switch carrier.fate(of: number, seed: 2) {
            case .answers(let after, let seconds):
                XCTAssertLessThan(after, carrier.ringTimeout)
                talk.append(seconds)
            case .fails(let after, .noAnswer):
                XCTAssertEqual(after, carrier.ringTimeout)
                XCTAssertGreaterThanOrEqual(after, 15)
            case .fails(let after, _):
                XCTAssertLessThanOrEqual(after, carrier.ringTimeout)
            }
        }
        let sorted = talk.sorted()
        XCTAssertEqual(sorted[sorted.count / 2], carrier.talkMedian, accuracy: carrier.talkMedian * 0.1, "lognormal talk time around its median")
    }

    func testARingTimeoutUnderFifteenSecondsIsRefusedCitingTheUSRule() {
        var carrier = CarrierModel()
        carrier.ringTimeout = 12
        XCTAssertThrowsError(try carrier.validate()) { error in
            XCTAssertTrue("\(error)".contains("--ring-timeout 12.0 is out of range"), "\(error)")
            XCTAssertTrue("\(error)".contains("at least 15 s"), "\(error)")
        }
    }

    func testSharesAddingUpToMoreThanOneAreRefused() {
        var carrier = CarrierModel()
        carrier.answerProbability = 0.9
        carrier.busyProbability = 0.2
        XCTAssertThrowsError(try carrier.validate())
    }
}
