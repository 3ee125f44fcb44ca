public import DialerCore

/// The engine times a backtest counts: figures of the dials placed, and decisions on inputs
/// applied, from `from` (included) to `to` (excluded); open ends for the whole journal. The
/// replay always starts at the journal's start: the engine needs the run from its start.
public struct BacktestWindow: Sendable, Equatable, Codable {
    /// The first time counted; nil: from the start.
    public var from: Timestamp?
    /// The first time no longer counted; nil: to the end.
    public var to: Timestamp?

    /// A window; the whole journal by default.
    public init(from: Timestamp? = nil, to: Timestamp? = nil) {
        self.from = from
        self.to = to
    }

    /// Whether `time` is counted.
    public func contains(_ time: Timestamp) -> Bool {
        (from.map { time >= $0 } ?? true) && (to.map { time < $0 } ?? true)
    }
}
