import DialerCore
import DialerLua
import Foundation

/// Why a rule file did not load.
enum RuleLoadError: Error, Sendable {
    /// Another load has been running since then (a rule file whose top level runs long).
    case busy(since: Date, trigger: ReloadTrigger)
    /// The file does not load or check.
    case rules(RuleError)
    /// The caller stopped waiting (the service is stopping); the load carries on, unheeded.
    case abandoned
}

/// Loads and checks rule files on a thread of their own, one at a time, so that a file whose
/// top level runs long holds neither the engine thread nor an HTTP event loop, and the caller
/// can stop waiting for it. A second load while one runs is refused at once.
final class RuleLoader: @unchecked Sendable {
    // @unchecked: `running` and `answer` are only touched under `lock`.
    private let lock = NSLock()
    private var running: (since: Date, trigger: ReloadTrigger)?
    private var answer: Answer?
    private let file: String
    private let seed: Int
    private let limits: LuaLimits

    /// A loader for `file`'s text, with the service's seed and Lua limits.
    init(file: String, seed: Int, limits: LuaLimits) {
        self.file = file
        self.seed = seed
        self.limits = limits
    }

    /// Loads and checks `text` in a fresh Lua state; throws `busy` while another load runs,
    /// `abandoned` when the calling task is cancelled first.
    func load(_ text: String, trigger: ReloadTrigger) async throws(RuleLoadError) -> sending LuaRuleSet {
        let answer = Answer()
        try claim(trigger, answer)
        let (file, seed, limits) = (self.file, self.seed, self.limits)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                answer.wait(continuation)
                let thread = Thread { [self] in
                    let result: Result<LuaRuleSet, RuleLoadError>
                    do throws(RuleError) {
                        result = .success(try LuaRuleSet(source: text, name: file, seed: seed, limits: limits))
                    } catch {
                        result = .failure(.rules(error))
                    }
                    release()
                    answer.give(result)
                }
                thread.name = "dialer-rule-loader"
                thread.start()
            }
        } onCancel: {
            answer.give(.failure(.abandoned))
        }
        return try result.get()
    }

    /// Stops waiting for the load in progress (the service is stopping): its caller gets
    /// `abandoned` now, and its result is dropped when it comes.
    func abandon() { lock.withLock { answer }?.give(.failure(.abandoned)) }

    private func claim(_ trigger: ReloadTrigger, _ answer: Answer) throws(RuleLoadError) {
        let busy = lock.withLock { () -> (since: Date, trigger: ReloadTrigger)? in
            if let running { return running }
            running = (Date(), trigger)
            self.answer = answer
            return nil
        }
        if let busy { throw .busy(since: busy.since, trigger: busy.trigger) }
    }

    private func release() {
        lock.withLock {
            running = nil
            answer = nil
        }
    }
}

/// The one answer to a load: from the loading thread, or `abandoned` on cancellation, whichever
/// comes first (the other is dropped), even when the cancellation comes before the wait.
private final class Answer: @unchecked Sendable {
    // @unchecked: both stored properties are only touched under `lock`.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<LuaRuleSet, RuleLoadError>, Never>?
    private var given = false

    func wait(_ continuation: CheckedContinuation<Result<LuaRuleSet, RuleLoadError>, Never>) {
        let abandoned = lock.withLock {
            if given { return true }
            self.continuation = continuation
            return false
        }
        if abandoned { continuation.resume(returning: .failure(.abandoned)) }
    }

    func give(_ result: sending Result<LuaRuleSet, RuleLoadError>) {
        let continuation: CheckedContinuation<Result<LuaRuleSet, RuleLoadError>, Never>? = lock.withLock {
            defer { self.continuation = nil }
            given = true
            return self.continuation
        }
        continuation?.resume(returning: result)
    }
}
