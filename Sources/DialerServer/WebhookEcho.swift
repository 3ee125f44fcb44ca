import Foundation
import Hummingbird
public import Logging

/// A tiny webhook receiver for trying `dialer serve` by hand: it answers every POST with 200
/// and hands its body, on one line, to `onRequest` (`dialer webhook-echo` prints it).
public enum WebhookEcho {
    /// Runs until SIGTERM or SIGINT.
    public static func run(
        host: String, port: Int, logger: Logger, onListening: @escaping @Sendable (Int) -> Void,
        onRequest: @escaping @Sendable (String) -> Void
    ) async throws {
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body = try await request.body.collect(upTo: 1 << 20)
            onRequest(String(buffer: body).replacingOccurrences(of: "\n", with: " "))
            return Response(status: .ok)
        }
        router.post("/", use: handler)
        router.post("**", use: handler)
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { onListening($0.localAddress?.port ?? port) }, logger: logger)
        try await app.runService()
    }
}
