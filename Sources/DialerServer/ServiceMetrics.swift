import DialerCore
import Foundation
import Prometheus

/// The service's counters and the event latency histogram, kept in a swift-prometheus
/// registry and rendered in its text format (version 0.0.4). Safe to update from any task:
/// the engine host counts events, warnings and reloads, the webhook senders count their
/// requests, the HTTP layer its refusals. The engine's own figures (`EngineGauges`) are set
/// into the registry at each scrape.
final class ServiceMetrics: @unchecked Sendable {
    // @unchecked: the registry and its metrics are Sendable; `scrape` and `rulesLoaded` are
    // only touched under `lock`.
    private let registry = PrometheusCollectorRegistry()
    private let lock = NSLock()
    private var scrape: ScrapedFigures?
    private var rulesLoaded: (version: String, gauge: Gauge)?

    /// Upper bounds of the latency buckets, in seconds.
    static let latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    /// Makes the registry. The successful reloads of each trigger start at 0, so the reload
    /// family is listed from the start, as it always was; a failure's series appears with it.
    init() {
        for trigger in ["watch", "signal", "api"] { _ = reloadCounter("ok", trigger) }
    }

    /// Counts an event handled (`ok`) or refused (`refused`).
    func countEvent(_ event: String, ok: Bool) {
        registry.makeCounter(descriptor: MetricFamilies.events, labels: [("event", event), ("result", ok ? "ok" : "refused")])
            .increment()
    }

    /// Counts a warning raised by the rules or the engine.
    func countWarning(_ code: String) {
        registry.makeCounter(descriptor: MetricFamilies.warnings, labels: [("code", code)]).increment()
    }

    /// Counts a rule reload attempt.
    func countReload(ok: Bool, trigger: String) {
        reloadCounter(ok ? "ok" : "failed", trigger).increment()
    }

    /// Counts a webhook request: `delivered`, `retried` (one retry) or `failed` (gave up).
    func countWebhook(_ type: String, _ result: String) {
        registry.makeCounter(descriptor: MetricFamilies.webhooks, labels: [("type", type), ("result", result)])
            .increment()
    }

    /// Counts a request refused with an error status.
    func countRefusal(status: Int) {
        registry.makeCounter(descriptor: MetricFamilies.refusals, labels: [("status", String(status))]).increment()
    }

    /// Records how long an event took, from its request's arrival to its commit.
    func observeLatency(_ event: String, seconds: Double) {
        registry.makeValueHistogram(descriptor: MetricFamilies.latency, labels: [("event", event)], buckets: Self.latencyBuckets).record(seconds)
    }

    /// Upper bounds of the commit group buckets, in requests.
    static let groupBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256]

    /// Records how many event requests one transaction committed.
    func observeCommitGroup(_ requests: Int) {
        registry.makeValueHistogram(descriptor: MetricFamilies.commitGroups, labels: [], buckets: Self.groupBuckets).record(Double(requests))
    }

    /// What a shadow counter counts (`serve --shadow-rules`).
    enum ShadowCount: String {
        /// Decisions the shadow was asked about.
        case decisions
        /// Decisions where the shadow's reaction differed.
        case reaction
        /// Decisions where the shadow rules failed.
        case error
    }

    /// The counter of one matrix cell's shadow decisions or differences, for the shadow to keep.
    /// A cell's counters are made together, so a cell where the two rule files agree shows 0.
    func shadowCounter(_ count: ShadowCount, _ cell: MatrixCell) -> Counter {
        let labels = [("status", cell.status.rawValue), ("event", cell.event.rawValue)]
        if count == .decisions { return registry.makeCounter(descriptor: MetricFamilies.shadowDecisions, labels: labels) }
        return registry.makeCounter(descriptor: MetricFamilies.shadowDifferences, labels: labels + [("kind", count.rawValue)])
    }

    /// Counts a shadow rule reload attempt.
    func countShadowReload(ok: Bool, trigger: String) {
        registry.makeCounter(descriptor: MetricFamilies.shadowReloads, labels: [("result", ok ? "ok" : "failed"), ("trigger", trigger)])
            .increment()
    }

    /// The text exposition: the counters kept here, and `gauges` from the engine.
    func render(gauges: EngineGauges) -> String {
        // One scrape at a time: the engine's figures are set, then emitted, as one.
        lock.withLock {
            let figures = scrape ?? ScrapedFigures(registry)
            scrape = figures
            figures.set(gauges, registry: registry)
            setRulesLoaded(version: gauges.rulesVersion, at: gauges.rulesLoadedAt)
            return registry.emitToString()
        }
    }

    private func reloadCounter(_ result: String, _ trigger: String) -> Counter {
        registry.makeCounter(descriptor: MetricFamilies.reloads, labels: [("result", result), ("trigger", trigger)])
    }

    /// The load time of the live rules, labelled with their version: a reload replaces the series.
    private func setRulesLoaded(version: String, at time: Double) {
        if let rulesLoaded, rulesLoaded.version != version { registry.unregisterGauge(rulesLoaded.gauge) }
        if rulesLoaded?.version != version {
            rulesLoaded = (version, registry.makeGauge(descriptor: MetricFamilies.rulesLoaded, labels: [("version", version)]))
        }
        rulesLoaded?.gauge.set(to: time)
    }
}
