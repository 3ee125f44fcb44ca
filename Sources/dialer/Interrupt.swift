import Dispatch
import Foundation

/// Ctrl-C (SIGINT) as a flag the watch loop polls, so the round in progress finishes and the
/// command exits on its own terms instead of being killed mid-write.
final class Interrupt: @unchecked Sendable {
    // @unchecked: `raised` is only touched under `lock`.
    private let lock = NSLock()
    private var raised = false
    private var source: (any DispatchSourceSignal)?

    /// Takes over SIGINT for the rest of the process.
    static func install() -> Interrupt {
        let interrupt = Interrupt()
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { interrupt.raise() }
        source.resume()
        interrupt.source = source
        return interrupt
    }

    /// Whether Ctrl-C was pressed.
    var isRaised: Bool { lock.withLock { raised } }

    private func raise() { lock.withLock { raised = true } }
}
