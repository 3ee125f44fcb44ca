import AsyncHTTPClient
public import DialerCore
import Foundation
import Hummingbird
public import Logging
import NIOCore
import UnixSignals

/// `dialer serve`: the engine behind an HTTP API, with webhook telephony, hot reload of the
/// rule file, lease renewal on a shared store, and a graceful stop.
public enum DialerService {
    /// Runs until SIGTERM or SIGINT. At start it recovers what a previous run left open and
    /// calls `onListening` with the port it listens on. At stop it takes no more requests,
    /// lets the requests in progress finish (each commits before it answers, so the store has
    /// nothing left to flush), sends the webhook requests still queued (for at most
    /// `drainSeconds`), and releases its leases on a shared store. If the engine thread is
    /// stuck in one job when the stop is asked for, it logs why and calls `onStuckStop`, which
    /// must end the process (the command exits with `stuckExitCode`).
    public static func run(
        configuration: ServerConfiguration, store: sending any AgentStore, logger: Logger,
        onListening: @escaping @Sendable (Int) -> Void, onStuckStop: @escaping @Sendable () -> Void
    ) async throws(ServeError) {
        guard let scheme = URL(string: configuration.webhook.url)?.scheme, ["http", "https"].contains(scheme) else {
            throw .webhookURL(configuration.webhook.url)
        }
        AllocatorTuning.keepFreedMemory()
        let metrics = ServiceMetrics()
        let (requests, webhook) = AsyncStream.makeStream(of: WebhookRequest.self)
        let host = try EngineHost(store: store, configuration: configuration, webhook: webhook, metrics: metrics, logger: logger)
        let recovered = await host.start()
        let version = host.board.rules.version
        logger.notice("started: \(recovered); rules \(configuration.rulesFile) \(version)")
        if let start = configuration.clockStart {
            logger.warning("the engine's clock started at \(formatTimestamp(start)), not now (DIALER_TEST_CLOCK): for tests only, never live")
        }

        let sender = WebhookSender(client: HTTPClient.shared, options: configuration.webhook, metrics: metrics, logger: logger) { id, why in
            await host.dialRequestFailed(dialID: id, why: why)
        }
        let reloader = RuleReloader(configuration: configuration, host: host, metrics: metrics, logger: logger)
        let shadowReloader = RuleReloader.shadow(configuration: configuration, host: host, metrics: metrics, logger: logger)
        if let file = configuration.shadowRulesFile, let version = await host.shadowVersion {
            logger.notice("shadow rules \(file) \(version): compared with the live rules on every decision, never acted on (GET /shadow)")
        }
        let feed = WallboardFeed(host: host)
        let router = DialerRoutes.router(
            host: host, reloader: reloader, metrics: metrics, token: configuration.token, maxBodyBytes: configuration.maxBodyBytes,
            wallboard: WallboardRoutes(host: host, feed: feed), shadow: ShadowRoutes(host: host, reloader: shadowReloader))
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        let hangUp = await SignalWatch(.sighup) {
            Task {
                _ = try? await reloader.reload(trigger: .signal)
                _ = try? await shadowReloader?.reload(trigger: .signal)
            }
        }
        defer { withExtendedLifetime(hangUp) {} }

        let sending = Task { await sender.run(requests) }
        let background = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await feed.run() }
                if let interval = configuration.rulesPollInterval, interval > 0 {
                    for watched in [reloader, shadowReloader].compactMap({ $0 }) {
                        group.addTask { await RuleFileWatcher(interval: interval, reloader: watched).run() }
                    }
                }
                if let lease = await host.sharedLeaseSeconds {
                    group.addTask { await renewLeases(host, every: lease / 3) }
                }
            }
        }
        let abandonLoads: @Sendable () -> Void = {
            reloader.loader.abandon()
            shadowReloader?.loader.abandon()
        }
        let watchdog = StopWatchdog(board: host.board, onStop: abandonLoads) { since in
            logger.critical(
                "stopping without waiting for the engine: its thread has been in one job since \(since.ISO8601Format()) (a rule or a store call that does not return); that event was not answered, everything answered is committed; the next start recovers the open dials"
            )
            onStuckStop()
        }
        defer { withExtendedLifetime(watchdog) {} }
        var failure: (any Error)?
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            failure = error
        }
        // The listener is closed and the requests in progress have answered.
        background.cancel()
        await background.value
        await host.stopTakingEvents()
        logger.notice("stopping: sending the webhook requests still queued (at most \(configuration.drainSeconds) s)")
        let deadline = Task {
            try? await Task.sleep(for: .milliseconds(Int(configuration.drainSeconds * 1000)))
            sending.cancel()
        }
        await sending.value
        deadline.cancel()
        await host.releaseLeases()
        if let failure { throw .listen(host: configuration.host, port: configuration.port, reason: "\(failure)") }
        logger.notice("stopped")
    }

    /// The exit code of a stop that could not wait for a stuck engine thread.
    public static let stuckExitCode: Int32 = 3

    private static func renewLeases(_ host: EngineHost, every seconds: Double) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            } catch {
                return
            }
            await host.renewLeases()
        }
    }
}
