import DialerCore

/// The far-end events a backtest has yet to play, earliest first. An event keeps the journal
/// sequence of its live report when its dial was placed when the live one was: it then falls
/// exactly where the report fell among the journal's entries. Every other event comes after
/// the journal's entries of its time, in the order scheduled.
struct FarEndAgenda {
    /// Where an event falls: by time, then journal sequence (`Int64.max` for events the
    /// journal never held), then the order scheduled.
    struct Key: Comparable {
        var time: Timestamp
        var sequence: Int64
        var scheduled = 0

        static func < (a: Key, b: Key) -> Bool { (a.time, a.sequence, a.scheduled) < (b.time, b.sequence, b.scheduled) }
    }

    /// One far-end event of a dial.
    struct Event {
        var key: Key
        var dialID: Int
        var kind: EventKind
        var reason: FailReason?
        /// Played even when the dialer hung the line up before (the live report came so).
        var afterHangUp = false
        /// Drawn from the model, not taken from the journal.
        var modelled = false
    }

    private var events: [Event] = []  // sorted by key
    private var scheduled = 0

    /// Adds an event; one without a journal sequence gets its place after those before it.
    mutating func add(_ event: Event) {
        var event = event
        scheduled += 1
        event.key.scheduled = scheduled
        let index = events.firstIndex { event.key < $0.key } ?? events.count  // few are pending: the dials in flight
        events.insert(event, at: index)
    }

    /// Takes the earliest event if it falls before `key` (any, when `key` is nil).
    mutating func next(before key: Key?) -> Event? {
        guard let first = events.first, key.map({ first.key < $0 }) ?? true else { return nil }
        return events.removeFirst()
    }
}
