/// The leads the driver reserved for a reaction before the kernel applies it: one batch per
/// `dial(n)` effect, in effect order. A batch holds at most `n` numbers; when it holds fewer,
/// its shortfall says why (the lead source's reason), and the kernel warns `no_leads`.
///
/// The numbers of all batches sit in one array, so a driver that reuses its grant
/// (`removeAll`) reserves leads without allocating.
public struct LeadGrant: Sendable, Equatable {
    /// Every reserved number, in the order to dial them.
    private var numbers: [String] = []
    private var ends: [Int] = []  // where each batch ends in `numbers`
    private var shortfalls: [String?] = []

    /// An empty grant.
    public init() {}

    /// Adds a number to the batch being filled.
    public mutating func append(_ number: String) { numbers.append(number) }

    /// Closes the batch being filled; `shortfall` says why it holds fewer numbers than asked.
    public mutating func endBatch(shortfall: String?) {
        ends.append(numbers.count)
        shortfalls.append(shortfall)
    }

    /// The numbers and shortfall of batch `k`; an empty batch past the last.
    public func batch(_ k: Int) -> (numbers: ArraySlice<String>, shortfall: String?) {
        guard k < ends.count else { return ([], nil) }
        return (numbers[(k == 0 ? 0 : ends[k - 1])..<ends[k]], shortfalls[k])
    }

    /// Empties the grant, keeping its storage.
    public mutating func removeAll() {
        numbers.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        shortfalls.removeAll(keepingCapacity: true)
    }
}
