import Foundation

/// `2026-01-15 13:00 UTC`.
public func formatTimestamp(_ time: Timestamp) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: time))
    func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
    return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)) UTC"
}

/// Parses an RFC 3339 (ISO 8601) time with its offset, `2026-01-15T11:00:00-05:00`, with or
/// without fractional seconds, `T` and `Z` in either case; nil if it is not one.
public func parseTimestamp(iso8601 text: String) -> Timestamp? {
    let upper = text.uppercased()
    let whole = ISO8601DateFormatter()
    if let date = whole.date(from: upper) { return date.timeIntervalSince1970 }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions.insert(.withFractionalSeconds)
    return fractional.date(from: upper)?.timeIntervalSince1970
}
