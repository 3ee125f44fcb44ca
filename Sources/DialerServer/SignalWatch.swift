import Dispatch
import Foundation

/// Runs `action` whenever the process receives `signal` (SIGHUP: reload the rules).
final class SignalWatch {
    private let source: any DispatchSourceSignal

    /// Takes over `number` for as long as the watch lives.
    init(_ number: Int32, action: @escaping @Sendable () -> Void) {
        signal(number, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler(handler: action)
        source.resume()
    }

    deinit { source.cancel() }
}
