import DialerCore

/// The engine's telephony port as an outbound webhook. The engine calls it after a commit,
/// on the engine's thread; it only queues the request for the asynchronous senders, so the
/// engine never waits on HTTP. An agent's requests always go to the same sender lane, so a
/// hang-up never overtakes the dial it ends.
final class WebhookTelephony: Telephony {
    private let lanes: [AsyncStream<WebhookRequest>.Continuation]
    private let directory: DialDirectory

    /// Queues into `lanes`, resolving hang-ups to dial ids through `directory`.
    init(lanes: [AsyncStream<WebhookRequest>.Continuation], directory: DialDirectory) {
        precondition(!lanes.isEmpty, "at least one webhook lane")
        self.lanes = lanes
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

    /// No more requests: the senders finish what is queued and stop.
    func finish() { lanes.forEach { $0.finish() } }

    /// The lane of an agent: a stable hash of its id.
    static func lane(of agentID: String, lanes: Int) -> Int { Int(fnv1a64(agentID.utf8) % UInt64(lanes)) }

    private func send(_ request: WebhookRequest) {
        lanes[Self.lane(of: request.agentID, lanes: lanes.count)].yield(request)
    }
}
