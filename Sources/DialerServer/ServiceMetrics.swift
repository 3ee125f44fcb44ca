import Foundation

/// The service's counters and the event latency histogram, rendered in the Prometheus text
/// format (version 0.0.4). Safe to update from any task: the engine host counts events,
/// warnings and reloads, the webhook senders count their requests, the HTTP layer its refusals.
final class ServiceMetrics: @unchecked Sendable {
    // @unchecked: every stored property is only touched under `lock`.
    private let lock = NSLock()
    private var events: [Labels: Int] = [:]  // event, result
    private var warnings: [String: Int] = [:]
    private var reloads: [Labels: Int] = [:]  // result, trigger
    private var webhooks: [Labels: Int] = [:]  // type, result
    private var refusals: [Int: Int] = [:]  // HTTP status
    private var latency: [String: Histogram] = [:]

    /// Upper bounds of the latency buckets, in seconds.
    static let latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Labels: Hashable {
        var first: String
        var second: String
    }

    private struct Histogram {
        var counts = [Int](repeating: 0, count: ServiceMetrics.latencyBuckets.count)
        var sum = 0.0
        var total = 0
    }

    /// Counts an event handled (`ok`) or refused (`refused`).
    func countEvent(_ event: String, ok: Bool) {
        lock.withLock { events[Labels(first: event, second: ok ? "ok" : "refused"), default: 0] += 1 }
    }

    /// Counts a warning raised by the rules or the engine.
    func countWarning(_ code: String) {
        lock.withLock { warnings[code, default: 0] += 1 }
    }

    /// Counts a rule reload attempt.
    func countReload(ok: Bool, trigger: String) {
        lock.withLock { reloads[Labels(first: ok ? "ok" : "failed", second: trigger), default: 0] += 1 }
    }

    /// Counts a webhook request: `delivered`, `retried` (one retry) or `failed` (gave up).
    func countWebhook(_ type: String, _ result: String) {
        lock.withLock { webhooks[Labels(first: type, second: result), default: 0] += 1 }
    }

    /// Counts a request refused with an error status.
    func countRefusal(status: Int) {
        lock.withLock { refusals[status, default: 0] += 1 }
    }

    /// Records how long an event took, from its request's arrival to its commit.
    func observeLatency(_ event: String, seconds: Double) {
        lock.withLock {
            var histogram = latency[event] ?? Histogram()
            if let bucket = Self.latencyBuckets.firstIndex(where: { seconds <= $0 }) { histogram.counts[bucket] += 1 }
            histogram.sum += seconds
            histogram.total += 1
            latency[event] = histogram
        }
    }

    /// Rule reloads that failed, over every trigger.
    var failedReloads: Int { lock.withLock { reloads.filter { $0.key.first == "failed" }.values.reduce(0, +) } }

    /// The text exposition: the counters kept here, then `gauges` from the engine.
    func render(gauges: EngineGauges) -> String {
        lock.withLock {
            var text = ""
            func family(_ name: String, _ type: String, _ help: String) {
                text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            }
            func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
                let rendered = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",") + "}"
                text += "\(name)\(rendered) \(Self.number(value))\n"
            }

            family("dialer_events_total", "counter", "Events handled (result ok) or refused (result refused), by event.")
            for (key, value) in events.sorted(by: { ($0.key.first, $0.key.second) < ($1.key.first, $1.key.second) }) {
                sample("dialer_events_total", [("event", key.first), ("result", key.second)], Double(value))
            }
            family("dialer_warnings_total", "counter", "Warnings raised by the rules or the engine, by code.")
            for (code, value) in warnings.sorted(by: { $0.key < $1.key }) { sample("dialer_warnings_total", [("code", code)], Double(value)) }
            family("dialer_event_duration_seconds", "histogram", "From an event's request arriving to its commit, by event.")
            for (event, histogram) in latency.sorted(by: { $0.key < $1.key }) {
                var cumulative = 0
                for (i, bound) in Self.latencyBuckets.enumerated() {
                    cumulative += histogram.counts[i]
                    sample("dialer_event_duration_seconds_bucket", [("event", event), ("le", Self.number(bound))], Double(cumulative))
                }
                sample("dialer_event_duration_seconds_bucket", [("event", event), ("le", "+Inf")], Double(histogram.total))
                sample("dialer_event_duration_seconds_sum", [("event", event)], histogram.sum)
                sample("dialer_event_duration_seconds_count", [("event", event)], Double(histogram.total))
            }
            family("dialer_rule_reloads_total", "counter", "Rule file reloads, by result (ok, failed) and trigger (watch, signal, api).")
            for (key, value) in reloads.sorted(by: { ($0.key.first, $0.key.second) < ($1.key.first, $1.key.second) }) {
                sample("dialer_rule_reloads_total", [("result", key.first), ("trigger", key.second)], Double(value))
            }
            family(
                "dialer_webhook_requests_total", "counter",
                "Webhook requests by type (dial, hang_up, bridge) and result (delivered, retried, failed).")
            for (key, value) in webhooks.sorted(by: { ($0.key.first, $0.key.second) < ($1.key.first, $1.key.second) }) {
                sample("dialer_webhook_requests_total", [("type", key.first), ("result", key.second)], Double(value))
            }
            family("dialer_http_refused_total", "counter", "Requests refused, by HTTP status.")
            for (status, value) in refusals.sorted(by: { $0.key < $1.key }) {
                sample("dialer_http_refused_total", [("status", String(status))], Double(value))
            }

            family("dialer_dials_in_flight", "gauge", "Dials placed and not yet answered or failed.")
            sample("dialer_dials_in_flight", [], Double(gauges.facts.inFlight))
            family("dialer_abandon_rate", "gauge", "Drops divided by calls answered by a person, since the service started (0 before any answer).")
            sample("dialer_abandon_rate", [], gauges.facts.abandonRate)
            family("dialer_dials_total", "counter", "Dials placed since the service started.")
            sample("dialer_dials_total", [], Double(gauges.facts.dials))
            family("dialer_calls_answered_total", "counter", "Dials answered by a person since the service started.")
            sample("dialer_calls_answered_total", [], Double(gauges.facts.answered))
            family("dialer_calls_dropped_total", "counter", "Answered dials dropped with no agent free since the service started.")
            sample("dialer_calls_dropped_total", [], Double(gauges.facts.drops))
            family("dialer_agents", "gauge", "Agents driven by this service, by status.")
            for status in gauges.agentsByStatus { sample("dialer_agents", [("status", status.status)], Double(status.count)) }
            family("dialer_rules_loaded_timestamp_seconds", "gauge", "When the live rules were loaded (seconds since 1970).")
            sample("dialer_rules_loaded_timestamp_seconds", [("version", gauges.rulesVersion)], gauges.rulesLoadedAt)
            return text
        }
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
