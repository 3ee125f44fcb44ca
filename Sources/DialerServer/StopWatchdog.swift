import Dispatch
import Foundation

/// Makes SIGTERM and SIGINT end the process within a second even when the engine thread is
/// stuck in one job (a rule or a store call that does not return), which the graceful stop
/// would wait for forever; at the signal it also lets go of other waits the stop must not
/// wait for (`onStop`). It watches from a dispatch timer, not from Swift concurrency, so a
/// starved task pool cannot hold it. Each event commits before it is answered, so what was
/// answered is in the store; the stuck event was not answered, and the next start recovers
/// its dials as after a crash.
final class StopWatchdog: @unchecked Sendable {
    // @unchecked: `timer` is only touched under `lock`; the sources are set once in init.
    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var timer: (any DispatchSourceTimer)?
    private let board: EngineBoard
    private let onStop: @Sendable () -> Void
    private let onStuck: @Sendable (Date) -> Void

    /// How long the engine thread must have been in one job, once a stop was asked for,
    /// before the watchdog gives up on it.
    static let graceSeconds = 0.5

    /// Watches for SIGTERM and SIGINT (alongside the graceful stop, which also receives them);
    /// calls `onStop` at the first signal, and `onStuck` with the start of the stuck job, once.
    init(board: EngineBoard, onStop: @escaping @Sendable () -> Void, onStuck: @escaping @Sendable (_ busySince: Date) -> Void) {
        self.board = board
        self.onStop = onStop
        self.onStuck = onStuck
        sources = [SIGTERM, SIGINT].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.startWatching() }
            source.resume()
            return source
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
        timer?.cancel()
    }

    private func startWatching() {
        let first = lock.withLock {
            guard timer == nil else { return false }
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now(), repeating: .milliseconds(100))
            timer.setEventHandler { [weak self] in self?.look() }
            timer.resume()
            self.timer = timer
            return true
        }
        if first { onStop() }
    }

    private func look() {
        guard let since = board.busySince, Date().timeIntervalSince(since) >= Self.graceSeconds else { return }
        lock.withLock { timer?.cancel() }  // cancelled, not cleared: a further signal does not restart it
        onStuck(since)
    }
}
