import ArgumentParser

/// The check of a numeric option against its range, with the message `simulate` gives:
/// `--agents -3 is out of range: expected 1 to 100000 agents`.
enum OptionRange {
    /// Throws a usage error (exit 64) naming the option, its value and the range, when `value`
    /// is outside `range`; `unit` follows the range in the message.
    static func check<Value: Comparable & CustomStringConvertible>(_ name: String, _ value: Value, _ range: ClosedRange<Value>, _ unit: String)
        throws(ValidationError)
    {
        guard !range.contains(value) else { return }
        throw ValidationError("\(name) \(value) is out of range: expected \(range.lowerBound) to \(range.upperBound) \(unit)")
    }

    /// As `check`, for an option with no upper bound.
    static func check<Value: Comparable & CustomStringConvertible>(_ name: String, _ value: Value, atLeast lowest: Value, _ unit: String)
        throws(ValidationError)
    {
        guard value < lowest else { return }
        throw ValidationError("\(name) \(value) is out of range: expected at least \(lowest) \(unit)")
    }
}
