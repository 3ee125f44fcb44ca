/// Why a store refused to schedule a callback. Nothing changed.
public enum CallbackError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No lead has this number.
    case unknownLead(number: String)
    /// The lead is in a dial now; the dial's outcome would overwrite the callback.
    case inDial(number: String)

    /// The number refused.
    public var number: String {
        switch self {
        case .unknownLead(let number), .inDial(let number): number
        }
    }

    /// The message a person reads.
    public var description: String {
        switch self {
        case .unknownLead(let number): "\(number) is not a lead in the store; add it first (dialer leads import, POST /leads)"
        case .inDial(let number): "\(number) is in a dial now; schedule it once the dial has ended"
        }
    }
}
