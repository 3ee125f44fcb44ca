/// How the share of dials a person answers moves through the day, by the lead's local hour:
/// a few points, joined by straight lines, flat before the first and after the last. A dial's
/// answer chance is read at the local time it is placed.
///
/// `day` is a consumer campaign's shape as the pacing literature describes it (low mid-morning
/// and early afternoon, when people are at work or busy; highest in the early evening), around
/// the flat model's 30%. It is an illustration to test pacing against, not a measurement.
public struct AnswerCurve: Sendable, Equatable, Codable {
    /// One point: at this local hour (0 to 24, fractions allowed), this share answers.
    public struct Point: Sendable, Equatable, Codable {
        /// Local hour of the day.
        public var hour: Double
        /// Share of dials a person answers then.
        public var rate: Double
    }

    /// The points, by hour.
    public let points: [Point]

    /// A curve through `points` (sorted by hour here); the error names the option and the value.
    public init(_ points: [(hour: Double, rate: Double)]) throws(SimulationError) {
        let sorted = points.map { Point(hour: $0.hour, rate: $0.rate) }.sorted { $0.hour < $1.hour }
        guard !sorted.isEmpty else { throw Self.invalid("", "at least one HOUR:RATE point") }
        for point in sorted {
            guard (0...24).contains(point.hour) else { throw Self.invalid("\(point.hour)", "hours from 0 to 24") }
            guard (0...1).contains(point.rate) else { throw Self.invalid("\(point.rate)", "answer rates from 0 to 1") }
        }
        self.points = sorted
    }

    /// `flat`, `day`, or points as `HOUR:RATE,HOUR:RATE,…` (e.g. `9:0.25,12:0.3,18:0.38`);
    /// nil for `flat` (one answer rate all day).
    public static func parse(_ text: String) throws(SimulationError) -> AnswerCurve? {
        switch text {
        case "flat": return nil
        case "day": return day
        default:
            var points: [(hour: Double, rate: Double)] = []
            for item in text.split(separator: ",") {
                let parts = item.split(separator: ":")
                guard parts.count == 2, let hour = Double(parts[0]), let rate = Double(parts[1]) else {
                    throw invalid(text, "flat, day, or HOUR:RATE points such as 9:0.25,12:0.3,18:0.38")
                }
                points.append((hour, rate))
            }
            return try AnswerCurve(points)
        }
    }

    /// Low mid-morning and early afternoon, high in the early evening.
    public static let day = try! AnswerCurve([
        (8, 0.28), (10, 0.20), (12, 0.27), (14, 0.22), (16, 0.28), (18, 0.38), (20, 0.34), (21, 0.30),
    ])

    /// The share answering at this local hour (taken modulo 24).
    public func rate(atHour hour: Double) -> Double {
        let h = hour.truncatingRemainder(dividingBy: 24) + (hour < 0 ? 24 : 0)
        guard let next = points.firstIndex(where: { $0.hour >= h }) else { return points[points.count - 1].rate }
        guard next > 0 else { return points[0].rate }
        let (a, b) = (points[next - 1], points[next])
        return a.rate + (b.rate - a.rate) * (h - a.hour) / (b.hour - a.hour)
    }

    /// The highest rate of the curve (what the busy and failed shares must leave room for).
    public var highest: Double { points.map(\.rate).max() ?? 0 }

    private static func invalid(_ value: String, _ expected: String) -> SimulationError {
        .invalidSetting(name: "--answer-curve", value: value, expected: expected)
    }
}
