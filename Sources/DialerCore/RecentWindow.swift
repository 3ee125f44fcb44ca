/// The latest `capacity` figures of one kind (call lengths, ring times), the oldest dropped
/// as a new one comes: their count, mean and quantiles, and how many lie in a range.
///
/// The figures are also kept sorted (unless `keepsOrder` is off: a window read only for its
/// mean), updated by one binary search and one move per figure, so a rule reading a quantile
/// on every event costs a lookup, not a sort. Every change is a `push`, which returns what
/// `undo` needs to take it back (the kernel's journal keeps it).
public struct RecentWindow: Sendable, Equatable, Codable {
    /// How many figures the window keeps.
    public let capacity: Int
    /// Whether the figures are kept sorted, for `quantile` and `countAbove`.
    public let keepsOrder: Bool
    private var ring: [Double] = []  // arrival order; circular once full
    private var next = 0  // the oldest figure's place once full: the next to be replaced
    private var sorted: [Double] = []
    private var total: Double = 0

    /// What `undo` needs to take one `push` back.
    public struct Undo: Sendable, Equatable {
        fileprivate var replaced: Double?
        fileprivate var next: Int
        fileprivate var total: Double
    }

    /// An empty window keeping `capacity` figures (at least one), sorted too unless `keepsOrder` is off.
    public init(capacity: Int, keepsOrder: Bool = true) {
        self.capacity = max(capacity, 1)
        self.keepsOrder = keepsOrder
    }

    /// Figures in the window.
    public var count: Int { ring.count }

    /// Their mean; 0 when empty.
    public var mean: Double { ring.isEmpty ? 0 : total / Double(ring.count) }

    /// The nearest-rank quantile `q` (0…1): the smallest figure with at least a share `q` of
    /// the figures at or under it; 0 when empty.
    public func quantile(_ q: Double) -> Double {
        precondition(keepsOrder, "quantile of a window that does not keep its figures in order")
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// How many figures are greater than `value`.
    public func countAbove(_ value: Double) -> Int {
        precondition(keepsOrder, "countAbove of a window that does not keep its figures in order")
        return sorted.count - firstIndex(above: value)
    }

    /// Adds a figure, dropping the oldest when full.
    public mutating func push(_ value: Double) -> Undo {
        let undo = Undo(replaced: ring.count == capacity ? ring[next] : nil, next: next, total: total)
        if let old = undo.replaced {
            ring[next] = value
            next = (next + 1) % capacity
            if keepsOrder { sorted.remove(at: index(of: old)) }
        } else {
            ring.append(value)
        }
        if keepsOrder { sorted.insert(value, at: firstIndex(above: value)) }
        total += value - (undo.replaced ?? 0)
        return undo
    }

    /// Takes back the latest `push` not yet taken back.
    public mutating func undo(_ undo: Undo) {
        let pushed: Double
        if let old = undo.replaced {
            pushed = ring[undo.next]
            ring[undo.next] = old
            if keepsOrder { sorted.insert(old, at: firstIndex(above: old)) }
        } else {
            pushed = ring.removeLast()
        }
        if keepsOrder { sorted.remove(at: index(of: pushed)) }
        next = undo.next
        total = undo.total
    }

    /// The first place in `sorted` holding a figure greater than `value`.
    private func firstIndex(above value: Double) -> Int { sorted.partitioningIndex { $0 > value } }

    /// A place in `sorted` holding `value` (which is there).
    private func index(of value: Double) -> Int { firstIndex(above: value) - 1 }

    public static func == (a: RecentWindow, b: RecentWindow) -> Bool {
        a.capacity == b.capacity && a.count == b.count && a.mean == b.mean && a.sorted == b.sorted
    }
}
