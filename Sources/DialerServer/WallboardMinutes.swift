/// The wallboard's chart: per minute, the utilisation (agents in a call ÷ agents logged in,
/// sampled at most once a second and averaged over the minute) and the abandon rate of the
/// calls answered in that minute, for the last `limit` minutes, the current one last. The
/// utilisation is the live proxy the engine can give: it cannot tell talk from wrap-up, so an
/// agent in wrap-up counts as `in_call` until its `call_end`.
struct WallboardMinutes: Sendable {
    /// What one sample reads from the engine; `answered` and `drops` count since the start.
    struct Sample: Sendable {
        var inCall: Int
        var loggedIn: Int
        var answered: Int
        var drops: Int
    }

    /// One minute of the chart.
    struct Minute: Sendable, Encodable, Equatable {
        /// Where the minute begins (wall clock, seconds since 1970, a multiple of 60).
        var start: Double
        /// The mean of the minute's samples of in_call ÷ logged in (0 while nobody is logged in).
        var utilisation: Double
        /// Samples taken in the minute (at most 60).
        var samples: Int
        /// Calls answered by a person in the minute.
        var answered: Int
        /// Calls dropped in the minute.
        var drops: Int
        /// drops ÷ answered in the minute; 0 without an answer.
        var abandonRate: Double

        enum CodingKeys: String, CodingKey {
            case start, utilisation, samples, answered, drops
            case abandonRate = "abandon_rate"
        }
    }

    /// Minutes kept, the current one included.
    static let limit = 60

    private(set) var minutes: [Minute] = []
    private var utilisationSum = 0.0
    private var lastSecond: Double?
    private var countsAtMinuteStart = (answered: 0, drops: 0)
    private var lastCounts = (answered: 0, drops: 0)

    /// Adds a sample taken at `time` (wall clock); a second sample within the same second is
    /// ignored. Returns whether a new minute began.
    @discardableResult
    mutating func add(_ sample: Sample, at time: Double) -> Bool {
        let second = time.rounded(.down)
        guard second != lastSecond else { return false }
        lastSecond = second
        let start = (time / 60).rounded(.down) * 60
        var began = false
        if minutes.last?.start != start {
            // The counts between the previous minute's last sample and this one go to the new minute.
            countsAtMinuteStart = minutes.isEmpty ? (sample.answered, sample.drops) : lastCounts
            minutes.append(Minute(start: start, utilisation: 0, samples: 0, answered: 0, drops: 0, abandonRate: 0))
            if minutes.count > Self.limit { minutes.removeFirst(minutes.count - Self.limit) }
            utilisationSum = 0
            began = true
        }
        lastCounts = (sample.answered, sample.drops)
        utilisationSum += sample.loggedIn == 0 ? 0 : Double(sample.inCall) / Double(sample.loggedIn)
        var minute = minutes[minutes.count - 1]
        minute.samples += 1
        minute.utilisation = utilisationSum / Double(minute.samples)
        minute.answered = sample.answered - countsAtMinuteStart.answered
        minute.drops = sample.drops - countsAtMinuteStart.drops
        minute.abandonRate = minute.answered == 0 ? 0 : Double(minute.drops) / Double(minute.answered)
        minutes[minutes.count - 1] = minute
        return began
    }
}
