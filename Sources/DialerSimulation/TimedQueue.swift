public import DialerCore

/// The simulation's agenda: items due at virtual times, taken earliest first; items due at the
/// same time come out in the order they were scheduled (so a run is deterministic). A binary
/// heap: scheduling and taking cost O(log n).
public struct TimedQueue<Item> {
    fileprivate struct Entry {
        var time: Timestamp
        var sequence: Int
        var item: Item

        func precedes(_ other: Entry) -> Bool { time != other.time ? time < other.time : sequence < other.sequence }
    }

    private var heap: [Entry] = []
    private var sequence = 0

    /// An empty agenda.
    public init() {}

    /// Items waiting.
    public var count: Int { heap.count }

    /// Whether nothing is waiting.
    public var isEmpty: Bool { heap.isEmpty }

    /// When the earliest item is due.
    public var nextTime: Timestamp? { heap.first?.time }

    /// Adds an item due at `time`.
    public mutating func schedule(_ item: Item, at time: Timestamp) {
        sequence += 1
        heap.append(Entry(time: time, sequence: sequence, item: item))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Takes the earliest item.
    public mutating func popNext() -> (time: Timestamp, item: Item)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < heap.count, heap[left].precedes(heap[best]) { best = left }
            if right < heap.count, heap[right].precedes(heap[best]) { best = right }
            if best == parent { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return (first.time, first.item)
    }
}

extension TimedQueue: Sendable where Item: Sendable {}

extension TimedQueue.Entry: Sendable where Item: Sendable {}
