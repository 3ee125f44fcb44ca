import Hummingbird

/// Refuses a method a served path does not take with 405 and `Allow` (Hummingbird answers 404
/// to any method it has no route for). Added after every route, it only sees requests no route
/// took.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each served path as its segments (`{name}` matches any one segment), with its methods.
    private let paths: [(segments: [Substring], methods: [String])]

    /// The middleware for `routes`, as (path with `{name}` parameters, method).
    init(routes: [(path: String, method: String)]) {
        var methods: [String: [String]] = [:]
        for route in routes { methods[route.path, default: []].append(route.method) }
        paths = methods.sorted { $0.key < $1.key }.map { ($0.key.split(separator: "/"), $0.value.sorted()) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let segments = request.uri.path.split(separator: "/")
            guard let served = paths.first(where: { Self.matches(segments, $0.segments) }) else { throw error }
            throw ServiceError.methodNotAllowed(method: request.method.rawValue, allowed: served.methods)
        }
    }

    private static func matches(_ segments: [Substring], _ pattern: [Substring]) -> Bool {
        segments.count == pattern.count && zip(segments, pattern).allSatisfy { $1.hasPrefix("{") || $0 == $1 }
    }
}
