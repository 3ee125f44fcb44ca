import Hummingbird

/// Requires `Authorization: Bearer TOKEN` on every route but `/health` and the wallboard's page
/// and stream (the page holds no data; the stream takes a ticket got with the token); compares
/// in constant time.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/health" || WallboardRoutes.withoutBearer.contains(request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            Self.equal(Array(header.utf8.dropFirst("Bearer ".utf8.count)), Array(token.utf8))
        else { throw ServiceError.unauthorized }
        return try await next(request, context)
    }

    /// Byte comparison whose time depends on the lengths only, not on where they differ.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) { difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0) }
        return difference == 0
    }
}
