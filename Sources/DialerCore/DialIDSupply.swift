/// Dial ids the store reserved for this engine, taken in order. The store hands them out in
/// blocks, so several engines on one store never collide; holding a second block lets the
/// driver top up before an event without leaving a gap in the first.
struct DialIDSupply {
    private var current: Range<Int> = 0..<0
    private var spare: Range<Int> = 0..<0

    /// Ids on hand.
    var count: Int { current.count + spare.count }

    /// Adds a block after the ids on hand.
    mutating func add(_ block: Range<Int>) {
        if current.isEmpty {
            current = block
        } else {
            precondition(spare.isEmpty, "a third block of dial ids; the driver tops up only when short")
            spare = block
        }
    }

    /// The next id. The driver made sure there is one (`DecisionKernel.dialIDsNeeded`).
    mutating func take() -> Int {
        if current.isEmpty { swap(&current, &spare) }
        precondition(!current.isEmpty, "no dial id on hand; the driver reserves them before apply")
        return current.popFirst()!
    }
}
