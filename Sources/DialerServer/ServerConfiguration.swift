public import DialerCore
public import DialerLua

/// Everything `dialer serve` is told at start, besides its store.
public struct ServerConfiguration: Sendable {
    /// The address to listen on; loopback unless told otherwise.
    public var host = "127.0.0.1"
    /// The port to listen on; 0 picks a free one (the chosen port is announced).
    public var port = 8080
    /// The bearer token every route but `/health` requires.
    public var token: String
    /// The rule file: loaded at start, watched, reloaded on SIGHUP and `POST /rules/reload`.
    public var rulesFile: String
    /// A second rule file run on the same events and compared with the live rules, never acted
    /// on (`--shadow-rules`; `GET /shadow`); watched and reloaded like the live file. Nil: none.
    public var shadowRulesFile: String?
    /// Seeds `math.random` in the rules.
    public var seed = 1
    /// How long the store keeps the journal of accepted inputs (`--journal-days`; 0: none).
    public var journal = JournalRetention.standard
    /// The Lua instruction and memory limits of the rules, at start and at every reload.
    public var luaLimits = LuaLimits()
    /// Seconds between two looks at the rule file; nil: no watching (SIGHUP and the route still reload).
    public var rulesPollInterval: Double? = 1
    /// Largest request body accepted, in bytes.
    public var maxBodyBytes = 64 * 1024
    /// What becomes of the calls a previous run left open.
    public var recovery = DialerEngine.RecoveryPolicy.keepConnectedCalls
    /// Where dial and hang-up requests go, and how hard to try.
    public var webhook: WebhookOptions
    /// Seconds to wait at stop for webhook requests still queued or being retried.
    public var drainSeconds = 10.0
    /// Where the engine's clock starts (nil: the wall clock); it then runs at the wall clock's
    /// pace. For tests of calling hours at a chosen hour (`DIALER_TEST_CLOCK`), never live.
    public var clockStart: Timestamp?

    /// Makes a configuration with the defaults above.
    public init(token: String, rulesFile: String, webhook: WebhookOptions) {
        self.token = token
        self.rulesFile = rulesFile
        self.webhook = webhook
    }
}

/// How the service talks to telephony: the URL receiving dial and hang-up requests, and the
/// retry policy. A request answered 2xx is delivered; 5xx, 408, 429, a timeout or a refused
/// connection is retried; any other answer fails at once.
public struct WebhookOptions: Sendable {
    /// The URL every request is POSTed to.
    public var url: String
    /// Tries per request, the first included.
    public var attempts = 3
    /// Seconds one try may take.
    public var timeout = 2.0
    /// Seconds before the first retry; doubled before each further one.
    public var backoff = 0.25

    /// Makes options with the defaults above.
    public init(url: String) { self.url = url }
}
