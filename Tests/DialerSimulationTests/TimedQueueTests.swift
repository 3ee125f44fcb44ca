import DialerSimulation
import XCTest

/// The simulation's agenda: earliest first, ties in the order scheduled.
final class TimedQueueTests: XCTestCase {
    func testItemsComeOutEarliestFirstAndTiesInTheOrderTheyWereScheduled() {
        var queue = TimedQueue<String>()
        let times: [(String, Double)] = [("c", 3), ("a1", 1), ("e", 5), ("a2", 1), ("b", 2), ("a3", 1), ("d", 4)]
        for (item, time) in times { queue.schedule(item, at: time) }
        var order: [String] = []
        while let next = queue.popNext() { order.append(next.item) }
        XCTAssertEqual(order, ["a1", "a2", "a3", "b", "c", "d", "e"])
        XCTAssertTrue(queue.isEmpty)
    }

    func testAThousandShuffledTimesComeOutSorted() {
        var queue = TimedQueue<Int>()
        var random = SystemRandomNumberGenerator()
        let times = (0..<1000).map { _ in Double.random(in: 0..<100, using: &random) }
        for (index, time) in times.enumerated() { queue.schedule(index, at: time) }
        var popped: [Double] = []
        while let next = queue.popNext() { popped.append(next.time) }
        XCTAssertEqual(popped, times.sorted())
    }
}
