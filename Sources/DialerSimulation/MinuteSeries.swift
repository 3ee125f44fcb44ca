import DialerCore

/// Builds the per-minute time series of a run from its call records (counted as they end) and
/// its timeline.
enum MinuteSeries {
    /// Minutes of the trailing abandon-rate window.
    static let trailingMinutes = 15

    /// Counts a call record in the minute it was dialed (and answered, failed or rang out).
    static func count(_ record: CallRecord, in samples: inout [MinuteSample]) {
        samples[bin(record.dialedAt, &samples)].dials += 1
        switch record.category {
        case .connect:
            let minute = bin(record.answeredAt ?? record.dialedAt, &samples)
            samples[minute].answered += 1
            samples[minute].connects += 1
        case .drop:
            let minute = bin(record.answeredAt ?? record.dialedAt, &samples)
            samples[minute].answered += 1
            samples[minute].drops += 1
        case .failed, .busy:
            samples[bin(record.endedAt ?? record.dialedAt, &samples)].fails += 1
        case .noAnswer:
            samples[bin(record.endedAt ?? record.dialedAt, &samples)].noAnswers += 1
        case .cancelled, .inFlight:
            break
        }
    }

    /// The minute of `time`, the samples grown to hold it.
    private static func bin(_ time: Double, _ samples: inout [MinuteSample]) -> Int {
        let minute = max(0, Int(time / 60))
        while samples.count <= minute { samples.append(MinuteSample(minute: samples.count)) }
        return minute
    }

    /// The series from the calls counted by minute (`count`) and the timeline.
    static func build(counted: [MinuteSample], timeline: ShiftTimeline, peopleHungUp: [Timestamp] = []) -> [MinuteSample] {
        var samples = counted
        while samples.count < max(timeline.minuteEnds.count, timeline.loggedInByMinute.count) {
            samples.append(MinuteSample(minute: samples.count))
        }
        for time in peopleHungUp { samples[bin(time, &samples)].peopleHungUp += 1 }
        var answered = 0
        var drops = 0
        for minute in samples.indices {
            if minute < timeline.minuteEnds.count {
                let end = timeline.minuteEnds[minute]
                samples[minute].loggedIn = end.loggedIn
                samples[minute].ready = end.ready
                samples[minute].inCall = end.inCall
                samples[minute].inFlight = end.inFlight
            }
            if minute < timeline.loggedInByMinute.count {
                samples[minute].loggedInSeconds = timeline.loggedInByMinute[minute]
                samples[minute].talkSeconds = timeline.talkByMinute[minute]
                if timeline.loggedInByMinute[minute] > 0 {
                    samples[minute].utilisation = timeline.talkByMinute[minute] / timeline.loggedInByMinute[minute]
                }
            }
            answered += samples[minute].answered
            drops += samples[minute].drops
            samples[minute].abandonRate = answered == 0 ? 0 : Double(drops) / Double(answered)
            let window = samples[max(0, minute - trailingMinutes + 1)...minute]
            let windowAnswered = window.reduce(0) { $0 + $1.answered }
            samples[minute].abandonRate15Minutes = windowAnswered == 0 ? 0 : Double(window.reduce(0) { $0 + $1.drops }) / Double(windowAnswered)
        }
        return samples
    }
}
