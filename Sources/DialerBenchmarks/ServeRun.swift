import DialerCore
import Foundation

/// What `scripts/bench-serve.sh` measured: agent events sent by wrk to a real `dialer serve`
/// (SQLite, group commit) over loopback, each answered after its commit.
public struct ServeRun: Sendable, Equatable {
    /// Requests answered per second.
    public var requestsPerSecond: Double
    /// Latency of the 50th and 99th percentile request, in milliseconds.
    public var p50Milliseconds: Double
    public var p99Milliseconds: Double
    /// Responses that were not 2xx or 3xx (wrk's count; 0 when it printed none).
    public var failedResponses: Int

    /// Reads wrk's report (`--latency`): `Requests/sec:`, the latency distribution and
    /// `Non-2xx or 3xx responses:`. Nil when it holds no request rate or no 99th percentile.
    public init?(wrkOutput text: String) {
        var rate: Double?
        var p50: Double?
        var p99: Double?
        var failed = 0
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = words.first, words.count >= 2 else { continue }
            switch first {
            case "Requests/sec:": rate = Double(words[1])
            case "50%": p50 = Self.milliseconds(words[1])
            case "99%": p99 = Self.milliseconds(words[1])
            case "Non-2xx": failed = words.last.flatMap { Int($0) } ?? 0
            default: continue
            }
        }
        guard let rate, let p99 else { return nil }
        requestsPerSecond = rate
        p50Milliseconds = p50 ?? p99
        p99Milliseconds = p99
        failedResponses = failed
    }

    /// wrk's durations: `812.00us`, `6.14ms`, `1.02s`, `2.00m`.
    static func milliseconds(_ text: Substring) -> Double? {
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1_000.0), ("m", 60_000.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }

    /// The figures and whether they meet the targets, on one line.
    public func summary(connections: Int, seconds: Int) -> String {
        let met = requestsPerSecond >= BenchTargets.serveRequestsPerSecond && p99Milliseconds <= BenchTargets.serveP99Milliseconds
        return String(
            format:
                "serve over loopback (SQLite, wrk, %d connections, %d s): %@ requests/s, p50 %.2f ms, p99 %.2f ms, %d failed (target ≥ %@/s, p99 ≤ %.0f ms: %@)",
            connections, seconds, NumberFormat.readable(requestsPerSecond, decimals: 0), p50Milliseconds, p99Milliseconds, failedResponses,
            NumberFormat.grouped(Int(BenchTargets.serveRequestsPerSecond)), BenchTargets.serveP99Milliseconds,
            BenchTargets.verdict(met && failedResponses == 0))
    }
}
