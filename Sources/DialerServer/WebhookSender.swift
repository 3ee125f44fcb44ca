import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Sends the queued dial and hang-up requests to the webhook URL, each as soon as it is queued
/// (so an agent's parallel dials go out in parallel), except that a hang-up waits for the dial
/// request of its own dial to finish. Each try is bounded by the timeout and retried with
/// doubling back-off on 5xx, 408, 429, a timeout or a connection error. A dial request that
/// never gets through is handed to `dialFailed`, which makes it a `call_fail`; a hang-up that
/// never gets through is logged and counted (the engine has already ended the call).
struct WebhookSender: Sendable {
    /// Why a request was not delivered.
    enum Failure: Error, CustomStringConvertible {
        /// The webhook answered with a status that retrying will not change.
        case refused(status: UInt, body: String)
        /// Every try failed; the last error.
        case exhausted(attempts: Int, last: String)

        var description: String {
            switch self {
            case .refused(let status, let body): "the webhook answered \(status)\(body.isEmpty ? "" : ": \(body)")"
            case .exhausted(let attempts, let last): "\(attempts) tries failed, the last with \(last)"
            }
        }
    }

    let client: HTTPClient
    let options: WebhookOptions
    let metrics: ServiceMetrics
    let logger: Logger
    /// Called with the dial id when a dial request could not be delivered.
    let dialFailed: @Sendable (Int, String) async -> Void

    /// Sends every request until `requests` finishes (or the task is cancelled), and returns
    /// once every request taken is delivered or given up.
    func run(_ requests: AsyncStream<WebhookRequest>) async {
        let order = DialOrder()
        await withTaskGroup(of: Void.self) { group in
            for await request in requests {
                switch (request.type, request.dialID) {
                case (.dial, let id?):
                    order.begin(id)
                    group.addTask {
                        await send(request)
                        for hangUp in order.finish(id) { await send(hangUp) }
                    }
                case (.hangUp, let id?) where order.defer(request, after: id):
                    continue
                default:
                    group.addTask { await send(request) }
                }
            }
        }
    }

    private func send(_ request: WebhookRequest) async {
        do {
            try await deliver(request)
            metrics.countWebhook(request.type.rawValue, "delivered")
        } catch {
            metrics.countWebhook(request.type.rawValue, "failed")
            if request.type == .dial, let id = request.dialID {
                await dialFailed(id, error.description)
            } else {
                logger.error("webhook: hang-up of \(request.number) for agent '\(request.agentID)' not delivered: \(error)")
            }
        }
    }

    /// Posts one request, retrying as the options say.
    func deliver(_ request: WebhookRequest) async throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(request)) ?? Data()
        var last = ""
        for attempt in 1...max(options.attempts, 1) {
            if attempt > 1 {
                metrics.countWebhook(request.type.rawValue, "retried")
                let delay = options.backoff * Double(1 << min(attempt - 2, 16))
                do {
                    try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                } catch {
                    break  // cancelled at stop: give up now
                }
            }
            var post = HTTPClientRequest(url: options.url)
            post.method = .POST
            post.headers.add(name: "Content-Type", value: "application/json")
            post.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await client.execute(post, timeout: .milliseconds(Int64(options.timeout * 1000)))
                let text = String(buffer: try await response.body.collect(upTo: 4096))
                let status = response.status.code
                if (200..<300).contains(status) { return }
                if status >= 500 || status == 408 || status == 429 {
                    last = "status \(status)"
                    continue
                }
                throw Failure.refused(status: status, body: text.trimmingCharacters(in: .whitespacesAndNewlines))
            } catch let failure as Failure {
                throw failure
            } catch {
                last = "\(error)"
            }
        }
        throw .exhausted(attempts: max(options.attempts, 1), last: last)
    }
}
