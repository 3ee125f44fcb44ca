import DequeModule

/// When each of a set of things began, to the second (agents now `in_call`, dials still
/// ringing): how many began in each second, oldest first. What "agents free soon" and "answers
/// soon" are computed from.
///
/// Things begin in clock order, so a start is an append; an end lowers its second's count,
/// found by binary search. A second whose things have all ended stays, at count 0, until
/// `compact()` (called after a commit, so that `undo` always finds the second it changed):
/// nothing in the middle of the line moves on an event, even with 100,000 agents in calls.
public struct StartTimes: Sendable, Equatable {
    private struct Second: Sendable, Equatable {
        var second: Int
        var count: Int
    }

    private var seconds = Deque<Second>()
    private var emptySeconds = 0

    /// Nothing begun.
    public init() {}

    /// Things begun and not ended.
    public private(set) var count = 0

    /// One began at `time`.
    public mutating func start(at time: Timestamp) { change(Self.second(of: time), by: 1) }

    /// One that began at `time` ended.
    public mutating func end(startedAt time: Timestamp) { change(Self.second(of: time), by: -1) }

    /// Takes back a `start` (`started`) or an `end`.
    public mutating func undo(at time: Timestamp, started: Bool) { change(Self.second(of: time), by: started ? -1 : 1) }

    /// Calls `body` with each second in which things still going began, and how many.
    public func forEach(_ body: (_ startedAt: Timestamp, _ count: Int) -> Void) {
        for entry in seconds where entry.count > 0 { body(Timestamp(entry.second), entry.count) }
    }

    /// Drops the seconds nothing is counted in any more, once they are many.
    public mutating func compact() {
        guard emptySeconds > 64, emptySeconds > seconds.count / 2 else { return }
        seconds = Deque(seconds.filter { $0.count > 0 })
        emptySeconds = 0
    }

    private mutating func change(_ second: Int, by delta: Int) {
        count += delta
        if seconds.last.map({ $0.second < second }) ?? true {
            seconds.append(Second(second: second, count: delta))
            return
        }
        let at = place(of: second)
        if at < seconds.count, seconds[at].second == second {
            let before = seconds[at].count
            seconds[at].count += delta
            if before > 0, seconds[at].count == 0 { emptySeconds += 1 }
            if before == 0, seconds[at].count > 0 { emptySeconds -= 1 }
        } else {
            // A clock set back: rare, so a move in the middle is fine.
            seconds.insert(Second(second: second, count: delta), at: at)
        }
    }

    /// The first place holding `second` or a later one.
    private func place(of second: Int) -> Int { seconds.partitioningIndex { $0.second >= second } }

    private static func second(of time: Timestamp) -> Int { Int(time.rounded(.down)) }

    /// Equal when the same number began in each second (emptied seconds not yet dropped aside).
    public static func == (a: StartTimes, b: StartTimes) -> Bool {
        a.count == b.count && a.seconds.filter { $0.count != 0 } == b.seconds.filter { $0.count != 0 }
    }
}
