import DialerCore
import Foundation
import Hummingbird

/// Turns every refusal into the service's JSON error body (`ServiceError`), including
/// Hummingbird's own (no such route) and unexpected failures, and counts it for `/metrics`.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let refusal: ServiceError
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            refusal = error
        } catch let error as HTTPError {
            let message =
                error.status == .notFound
                ? "no route \(request.method) \(request.uri.path.excerpt(limit: 80)); the routes are in openapi.yaml"
                : error.body ?? error.status.reasonPhrase
            refusal = .http(status: error.status.code, message: message)
        } catch let error as any HTTPResponseError {
            refusal = .http(status: error.status.code, message: error.status.reasonPhrase)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path) failed: \(error)")
            refusal = .http(status: 500, message: "internal error: \(error)")
        }
        metrics.countRefusal(status: refusal.status.code)
        return try refusal.response(from: request, context: context)
    }
}
