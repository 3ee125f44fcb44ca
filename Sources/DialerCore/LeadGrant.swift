/// The leads the driver reserved for a reaction before the kernel applies it: one batch per
/// `dial(n)` effect, in effect order. A batch holds at most `n` numbers; when it holds fewer,
/// `shortfall` says why (the lead source's reason), and the kernel warns `no_leads`.
public struct LeadGrant: Sendable, Equatable {
    /// The leads of one `dial(n)` effect.
    public struct Batch: Sendable, Equatable {
        /// Reserved numbers, in the order to dial them.
        public var numbers: [String]
        /// Why fewer than asked for were reserved; nil when all were.
        public var shortfall: String?

        /// Makes a batch.
        public init(numbers: [String], shortfall: String? = nil) {
            self.numbers = numbers
            self.shortfall = shortfall
        }
    }

    /// The batches, one per `dial(n)` effect.
    public var batches: [Batch]

    /// Makes a grant.
    public init(_ batches: [Batch] = []) { self.batches = batches }

    /// Every reserved number, in order.
    public var numbers: [String] { batches.flatMap(\.numbers) }
}
