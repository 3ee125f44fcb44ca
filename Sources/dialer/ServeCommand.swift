import ArgumentParser
import DialerCore
import DialerLua
import DialerServer
import Foundation
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the dialer as an HTTP service: agent and call events in, dial and hang-up requests out to a webhook.",
        discussion: """
            Every route but /health needs 'Authorization: Bearer TOKEN' (--token-file or DIALER_TOKEN). The routes \
            are documented in openapi.yaml. The rule file is reloaded when it changes, on SIGHUP and on \
            POST /rules/reload; a file that does not check is refused and the last good rules keep running. \
            SIGTERM or SIGINT stops after the requests in progress, within a second if the engine thread is stuck \
            in one event. GET /health answers without waiting for the engine. At start, the calls a previous run left \
            open are recovered by --recovery. The first line on standard output is 'listening on http://HOST:PORT'.
            Exit codes: 0 stopped, 2 the rules, the store or the listener failed at start, 3 stopped without waiting \
            for an engine thread stuck in one event, 64 bad usage.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Rule file: watched, reloaded on SIGHUP and POST /rules/reload.") var rules = "rules/default.lua"
    @Option(
        help: ArgumentHelp(
            "A second rule file run on the same events and compared with the live one, never acted on (GET /shadow); watched like --rules.",
            valueName: "file"))
    var shadowRules: String?
    @Option(help: "Address to listen on; loopback unless told otherwise.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one.") var port = 8080
    @Option(help: ArgumentHelp("File holding the bearer token (else DIALER_TOKEN).", valueName: "path")) var tokenFile: String?
    @Option(help: ArgumentHelp("URL receiving dial and hang-up requests as JSON POSTs (else DIALER_WEBHOOK_URL).", valueName: "url"))
    var webhook: String?
    @Option(help: "Tries per webhook request, the first included.") var webhookAttempts = 3
    @Option(help: "Seconds one webhook try may take.") var webhookTimeout = 2.0
    @Option(help: "Seconds before the first webhook retry, doubled before each further one.") var webhookBackoff = 0.25
    @Option(help: "Seconds between two looks at the rule file; 0 turns watching off.") var watchInterval = 1.0
    @Option(help: "Largest request body accepted, in bytes.") var maxBody = 65_536
    @Option(help: "What becomes of calls a previous run left open: keep-connected (telephony kept them) or end-calls.")
    var recovery: DialerEngine.RecoveryPolicy = .keepConnectedCalls
    @Option(help: "Seed for math.random in the rules.") var seed = 1
    @Option(help: "Days of engine time the store's journal of accepted inputs keeps (events, agents, leads, callbacks, rules); 0: no journal.")
    var journalDays = 7
    @Option(help: "Lua instructions one rule handler call may run (loading the file: ten times as many).")
    var maxInstructions = LuaLimits().instructionsPerCall
    @Option(help: "Wall-clock milliseconds one rule handler call may take, inside library functions too (loading the file: five times as long).")
    var maxRuleMs = LuaLimits().deadlineMilliseconds
    @Option(help: "Standard error's level: trace, debug, info, notice, warning, error or critical.") var logLevel = "notice"
    @Option(
        help: ArgumentHelp("Also write dialer.log (every engine decision) and agents.log (every agent event) here, from info up.", valueName: "dir"))
    var logDir: String?

    func validate() throws {
        if !(webhookTimeout > 0) { throw ValidationError("--webhook-timeout must be more than 0 seconds, e.g. --webhook-timeout 2") }
        if webhookAttempts < 1 { throw ValidationError("--webhook-attempts must be at least 1") }
        if webhookBackoff < 0 { throw ValidationError("--webhook-backoff must not be negative") }
        if watchInterval < 0 { throw ValidationError("--watch-interval must not be negative (0 turns watching off)") }
        if maxBody < 64 { throw ValidationError("--max-body must be at least 64 bytes") }
        if journalDays < 0 { throw ValidationError("--journal-days must not be negative (0 turns the journal off; default 7)") }
        if !(1_000...1_000_000_000_000).contains(maxInstructions) {
            throw ValidationError("--max-instructions must be 1000 to 1000000000000 (default \(LuaLimits().instructionsPerCall))")
        }
        if !(1...3_600_000).contains(maxRuleMs) {
            throw ValidationError("--max-rule-ms must be 1 to 3600000 (default \(LuaLimits().deadlineMilliseconds))")
        }
        if !(0...65_535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level '\(logLevel)' is not one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let token: String
        do {
            token = try Self.token(file: tokenFile, environment: environment["DIALER_TOKEN"])
        } catch {
            printError(error.description)
            throw ExitCode(64)
        }
        guard let url = webhook ?? environment["DIALER_WEBHOOK_URL"], !url.isEmpty else {
            printError(
                "no webhook: give --webhook URL (or DIALER_WEBHOOK_URL), where dial and hang-up requests go; `dialer webhook-echo` is one to try with"
            )
            throw ExitCode(64)
        }
        var options = WebhookOptions(url: url)
        options.attempts = webhookAttempts
        options.timeout = webhookTimeout
        options.backoff = webhookBackoff
        var configuration = ServerConfiguration(token: token, rulesFile: rules, webhook: options)
        configuration.host = host
        configuration.port = port
        configuration.seed = seed
        configuration.shadowRulesFile = shadowRules
        configuration.journal = JournalRetention(days: journalDays)
        configuration.rulesPollInterval = watchInterval > 0 ? watchInterval : nil
        configuration.maxBodyBytes = maxBody
        configuration.recovery = recovery
        configuration.luaLimits.instructionsPerCall = maxInstructions
        configuration.luaLimits.deadlineMilliseconds = maxRuleMs
        if let text = environment["DIALER_TEST_CLOCK"] {
            guard let start = parseTimestamp(iso8601: text) else {
                printError(
                    "DIALER_TEST_CLOCK: expected an ISO 8601 time with its offset, e.g. 2026-01-15T03:00:00-05:00, got \(text.quotedExcerpt())")
                throw ExitCode(64)
            }
            configuration.clockStart = start
        }

        let logs: ServeLogs
        do {
            logs = try ServeLogs(level: Logger.Level(rawValue: logLevel) ?? .notice, directory: logDir)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        defer { logs.close() }
        let store = try storeOptions.open()
        let host = self.host
        do {
            try await DialerService.run(
                configuration: configuration, store: store, logger: Logger(label: "dialer"),
                onListening: { port in say("listening on http://\(host):\(port)") },
                onStuckStop: {
                    // The engine thread cannot be stopped; end the process without running exit handlers.
                    logs.close()
                    _exit(DialerService.stuckExitCode)
                })
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
    }

    /// Why no token could be had.
    struct TokenError: Error, CustomStringConvertible {
        var description: String
    }

    /// The token from the file (trimmed), else from the environment; never empty.
    static func token(file: String?, environment: String?) throws(TokenError) -> String {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw TokenError(description: "--token-file \(file): cannot read it; write the token in it (e.g. `openssl rand -hex 32 > \(file)`)")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw TokenError(description: "--token-file \(file) is empty; write the token in it") }
            return token
        }
        guard let token = environment?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            throw TokenError(description: "no bearer token: give --token-file PATH or set DIALER_TOKEN; every route but /health requires it")
        }
        return token
    }
}
