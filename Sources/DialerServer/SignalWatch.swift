import Foundation
import UnixSignals

/// Runs `action` whenever the process receives a signal (SIGHUP: reload the rules), from
/// swift-service-lifecycle's `UnixSignalsSequence`, until the watch is released.
final class SignalWatch: Sendable {
    private let watching: Task<Void, Never>

    /// Takes over `signal` for as long as the watch lives: its default action (SIGHUP's is to
    /// end the process) is turned off, and it returns once the handler is registered, so no
    /// signal sent afterwards is missed. `action` must not wait: a reload it starts runs on its
    /// own, as the next signal may come while it does.
    init(_ trapped: UnixSignal, action: @escaping @Sendable () -> Void) async {
        signal(trapped.rawValue, SIG_IGN)
        let signals = await UnixSignalsSequence(trapping: trapped)
        watching = Task {
            for await _ in signals { action() }
        }
    }

    deinit { watching.cancel() }
}
