import Prometheus

/// The name and help line of every family `/metrics` shows. The names are what dashboards
/// query: change none of them.
enum MetricFamilies {
    static var events: MetricNameDescriptor {
        family("events", "total", "Events handled (result ok) or refused (result refused), by event.")
    }
    static var warnings: MetricNameDescriptor { family("warnings", "total", "Warnings raised by the rules or the engine, by code.") }
    static var latency: MetricNameDescriptor {
        family("event_duration", "seconds", "From an event's request arriving to its commit, by event.")
    }
    static var commitGroups: MetricNameDescriptor {
        family("commit_group_size", "", "Event requests handled together in one transaction (those that came in while the one before committed).")
    }
    static var reloads: MetricNameDescriptor {
        family("rule_reloads", "total", "Rule file reloads, by result (ok, failed) and trigger (watch, signal, api).")
    }
    static var webhooks: MetricNameDescriptor {
        family("webhook_requests", "total", "Webhook requests by type (dial, hang_up, bridge) and result (delivered, retried, failed).")
    }
    static var refusals: MetricNameDescriptor { family("http_refused", "total", "Requests refused, by HTTP status.") }
    static var inFlight: MetricNameDescriptor { family("dials_in_flight", "", "Dials placed and not yet answered or failed.") }
    static var abandonRate: MetricNameDescriptor {
        family("abandon_rate", "", "Drops divided by calls answered by a person, since the service started (0 before any answer).")
    }
    static var dials: MetricNameDescriptor { family("dials", "total", "Dials placed since the service started.") }
    static var answered: MetricNameDescriptor { family("calls_answered", "total", "Dials answered by a person since the service started.") }
    static var dropped: MetricNameDescriptor {
        family("calls_dropped", "total", "Answered dials dropped with no agent free since the service started.")
    }
    static var dialingPaused: MetricNameDescriptor {
        family("dialing_paused", "", "1 while dialing is paused for the campaign (POST /campaign/pause), else 0.")
    }
    static var agents: MetricNameDescriptor { family("agents", "", "Agents driven by this service, by status.") }
    static var rulesLoaded: MetricNameDescriptor {
        family("rules_loaded_timestamp", "seconds", "When the live rules were loaded (seconds since 1970).")
    }
    static var shadowDecisions: MetricNameDescriptor {
        family("shadow_decisions", "total", "Decisions of the live rules the shadow rules (--shadow-rules) were asked about, by status and event.")
    }
    static var shadowDifferences: MetricNameDescriptor {
        family(
            "shadow_differences", "total",
            "Decisions where the shadow rules differed, by status, event and kind (reaction: another reaction; error: the shadow failed).")
    }
    static var shadowReloads: MetricNameDescriptor {
        family("shadow_reloads", "total", "Shadow rule file reloads, by result (ok, failed) and trigger (watch, signal, api).")
    }

    /// `dialer_NAME_UNIT` (no unit: `dialer_NAME`).
    private static func family(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "dialer", metricName: name, unitName: unit, helpText: help)
    }
}
