import Foundation
import Hummingbird
import ServiceLifecycle

/// The supervisor's wallboard: the page (`GET /ui`), its data (`GET /wallboard`), a stream
/// ticket (`POST /wallboard/ticket`) and the stream of snapshots (`GET /wallboard/stream`).
/// The page holds no data and is served without the token; it asks for the token, keeps it in
/// the tab's sessionStorage and sends it as the bearer header; the stream takes a ticket.
struct WallboardRoutes: Sendable {
    let host: EngineHost
    let feed: WallboardFeed
    let tickets = StreamTickets()

    /// Paths the bearer token middleware lets through: the page, and the stream (it checks its ticket).
    static let withoutBearer: Set<String> = ["/ui", "/wallboard/stream"]

    /// Routes for `host`, fed by `feed`.
    init(host: EngineHost, feed: WallboardFeed) {
        self.host = host
        self.feed = feed
    }

    /// Adds the routes to `router`.
    func add(to router: Router<BasicRequestContext>) {
        router.get("/ui") { _, _ in Self.page() }
        router.get("/wallboard") { _, _ in JSONResponse(await feed.snapshot()) }
        router.post("/wallboard/ticket") { _, _ in
            JSONResponse(TicketReply(ticket: tickets.issue(), expiresIn: StreamTickets.lifetime), status: .created)
        }
        router.get("/wallboard/stream") { request, _ in
            guard let ticket = request.uri.queryParameters.get("ticket"), tickets.redeem(ticket) else { throw ServiceError.badTicket }
            return stream()
        }
    }

    /// Server-sent events until the client goes or the service stops (its graceful stop waits
    /// for open requests, so the stream must end with it).
    private func stream() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: feed.subscribe().cancelOnGracefulShutdown()))
    }

    private static func page() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // The page loads nothing from elsewhere, and nothing may frame it.
        headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: WallboardPage.html)))
    }
}

/// The answer to `POST /wallboard/ticket`.
struct TicketReply: Sendable, Encodable {
    var ticket: String
    var expiresIn: Double

    enum CodingKeys: String, CodingKey {
        case ticket
        case expiresIn = "expires_in"
    }
}
