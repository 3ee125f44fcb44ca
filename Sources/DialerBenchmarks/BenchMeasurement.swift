import Foundation

/// One line of the benchmark report.
public struct BenchMeasurement: Sendable {
    /// What was measured.
    public var name: String
    /// Events sent from outside (callbacks).
    public var events: Int
    /// Wall-clock seconds.
    public var seconds: Double
    /// Median latency of one event, in microseconds (nil when not measured).
    public var p50: Double?
    /// 99th-percentile latency of one event, in microseconds.
    public var p99: Double?

    /// Events per second.
    public var eventsPerSecond: Double { Double(events) / max(seconds, 1e-12) }
}

/// Times a block on the monotonic clock.
public func wallSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Collects per-event latencies and gives percentiles.
public final class LatencyRecorder {
    private var samples: [UInt64] = []

    /// Makes an empty recorder with room for `capacity` samples.
    public init(capacity: Int) { samples.reserveCapacity(capacity) }

    /// Runs `body` and records how long it took.
    public func measure(_ body: () -> Void) {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        samples.append(DispatchTime.now().uptimeNanoseconds - start)
    }

    /// The given percentile (0…100) in microseconds.
    public func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.down)))
        return Double(sorted[index]) / 1000
    }
}

/// Resident memory of this process in bytes (Linux `/proc/self/statm`; 0 elsewhere).
public func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
