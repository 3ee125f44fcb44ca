import Dispatch
import Foundation
import UnixSignals

/// Ctrl-C (SIGINT) as a flag the watch loop polls, so the round in progress finishes and the
/// command exits on its own terms instead of being killed mid-write. The signal comes from
/// swift-service-lifecycle's `UnixSignalsSequence`.
final class Interrupt: @unchecked Sendable {
    // @unchecked: `raised` is only touched under `lock`.
    private let lock = NSLock()
    private var raised = false

    /// Takes over SIGINT for the rest of the process; returns once its handler is registered,
    /// so a Ctrl-C pressed afterwards is never missed.
    static func install() -> Interrupt {
        let interrupt = Interrupt()
        signal(SIGINT, SIG_IGN)  // no longer the default action, which ends the process at once
        let registered = DispatchSemaphore(value: 0)
        Task {
            let signals = await UnixSignalsSequence(trapping: .sigint)
            registered.signal()
            for await _ in signals { interrupt.raise() }
        }
        registered.wait()
        return interrupt
    }

    /// Whether Ctrl-C was pressed.
    var isRaised: Bool { lock.withLock { raised } }

    private func raise() { lock.withLock { raised = true } }
}
