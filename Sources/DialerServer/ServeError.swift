public import DialerCore

/// Why `dialer serve` could not start or run. Each message says what to fix.
public enum ServeError: Error, Sendable, CustomStringConvertible {
    /// The rule file does not load or check.
    case rules(RuleError)
    /// The shadow rule file (`--shadow-rules`) does not load or check.
    case shadowRules(RuleError)
    /// The engine could not load its agents, leads or open dials from the store.
    case engine(EngineError)
    /// The HTTP listener failed (address in use, no permission).
    case listen(host: String, port: Int, reason: String)
    /// The webhook URL is not an http(s) URL.
    case webhookURL(String)
    /// The store could not say whether dialing is paused.
    case dialingSwitch(StoreError)
    /// The store could not journal the rule file at start, or prune the journal.
    case journal(StoreError)

    /// The message a person reads.
    public var description: String {
        switch self {
        case .rules(let error):
            return "cannot start on these rules (fix them, `dialer check` shows the same):\n\(error)"
        case .shadowRules(let error):
            return "cannot start on these shadow rules (--shadow-rules; fix them, `dialer check` shows the same):\n\(error)"
        case .engine(let why):
            return "cannot start the engine: \(why)"
        case .listen(let host, let port, let reason):
            return "cannot listen on \(host):\(port): \(reason); pick another --port (0 picks a free one) or stop what holds it"
        case .webhookURL(let url):
            return "--webhook '\(url)' is not an http:// or https:// URL; give the URL telephony receives dial requests on"
        case .dialingSwitch(let why):
            return "cannot read whether dialing is paused (counters row 'dialing_paused'): \(why)"
        case .journal(let why):
            return "cannot write the event journal: \(why); fix the store, or start with --journal-days 0 to run without a journal"
        }
    }
}
