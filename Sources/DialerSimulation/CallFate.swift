public import DialerCore

/// What the far end does with one dial, drawn by the `CarrierModel` when the dial is placed.
public enum CallFate: Sendable, Equatable {
    /// A person answers after `after` seconds of ringing and talks for `talk` seconds, then hangs up.
    case answers(after: Double, talk: Double)
    /// The dial ends without an answer after `after` seconds (busy, failed, or rang out).
    case fails(after: Double, reason: FailReason)

    /// Seconds from the dial until telephony reports the answer or the failure.
    public var ringSeconds: Double {
        switch self {
        case .answers(let after, _): after
        case .fails(let after, _): after
        }
    }
}
