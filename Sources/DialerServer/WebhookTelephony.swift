import DialerCore

/// The engine's telephony port as an outbound webhook. The engine calls it after a commit,
/// on the engine's thread; it only queues the request for the asynchronous sender, so the
/// engine never waits on HTTP.
final class WebhookTelephony: Telephony {
    private let queue: AsyncStream<WebhookRequest>.Continuation
    private let directory: DialDirectory

    /// Queues into `queue`, resolving hang-ups to dial ids through `directory`.
    init(queue: AsyncStream<WebhookRequest>.Continuation, directory: DialDirectory) {
        self.queue = queue
        self.directory = directory
    }

    /// Queues a dial request and remembers the dial for telephony's reports.
    func place(_ dial: Dial) {
        directory.insert(dial)
        send(.dial(dial))
    }

    /// Queues a hang-up request for the dial of `number` (the engine has closed it already).
    func hangUp(number: String, agentID: String) {
        let id = directory.dialID(of: number)
        if let id { directory.remove(id) }
        send(.hangUp(dialID: id, agentID: agentID, number: number))
    }

    /// Queues a bridge request and reports the call's later events against its new agent.
    func bridge(_ dial: Dial, placedFor: String) {
        directory.insert(dial)
        send(.bridge(dial, placedFor: placedFor))
    }

    /// No more requests: the sender finishes what is queued and stops.
    func finish() { queue.finish() }

    private func send(_ request: WebhookRequest) { queue.yield(request) }
}
