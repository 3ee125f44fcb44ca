import Prometheus

/// The engine's figures (`EngineGauges`) as metrics of a registry, set at each scrape: the
/// engine keeps them, so the registry only mirrors their latest values.
final class ScrapedFigures {
    private let inFlight: Gauge
    private let abandonRate: Gauge
    private let dials: Counter
    private let answered: Counter
    private let dropped: Counter
    private let paused: Gauge
    private var agents: [String: Gauge] = [:]

    /// Registers the metrics in `registry`.
    init(_ registry: PrometheusCollectorRegistry) {
        inFlight = registry.makeGauge(descriptor: MetricFamilies.inFlight)
        abandonRate = registry.makeGauge(descriptor: MetricFamilies.abandonRate)
        dials = registry.makeCounter(descriptor: MetricFamilies.dials)
        answered = registry.makeCounter(descriptor: MetricFamilies.answered)
        dropped = registry.makeCounter(descriptor: MetricFamilies.dropped)
        paused = registry.makeGauge(descriptor: MetricFamilies.dialingPaused)
    }

    /// Sets every metric to the engine's figure; a status no agent has any more reads 0.
    func set(_ gauges: EngineGauges, registry: PrometheusCollectorRegistry) {
        inFlight.set(to: Double(gauges.facts.inFlight))
        abandonRate.set(to: gauges.facts.abandonRate)
        paused.set(to: gauges.dialingPaused ? 1 : 0)
        Self.set(dials, gauges.facts.dials)
        Self.set(answered, gauges.facts.answered)
        Self.set(dropped, gauges.facts.drops)
        for gauge in agents.values { gauge.set(to: 0) }
        for status in gauges.agentsByStatus {
            let gauge =
                agents[status.status]
                ?? registry.makeGauge(descriptor: MetricFamilies.agents, labels: [("status", status.status)])
            agents[status.status] = gauge
            gauge.set(to: Double(status.count))
        }
    }

    /// A counter the engine counts: reset, then raised to its total (the scrape holds the lock,
    /// so no emission sees the reset).
    private static func set(_ counter: Counter, _ total: Int) {
        counter.reset()
        counter.increment(by: Int64(total))
    }
}
