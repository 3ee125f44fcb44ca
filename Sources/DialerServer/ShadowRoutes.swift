import Hummingbird

/// `GET /shadow` and `POST /shadow/reload`: what the shadow rules of `--shadow-rules` decided
/// compared with the live ones, and a reload of the shadow file. Without `--shadow-rules` both
/// are refused with 404 saying how to turn them on.
struct ShadowRoutes {
    let host: EngineHost
    /// The shadow file's reloader; nil without `--shadow-rules`.
    let reloader: RuleReloader?

    /// Adds the routes to `router`.
    func add(to router: Router<BasicRequestContext>) {
        router.get("/shadow") { _, _ in JSONResponse(try await host.shadowView()) }
        router.post("/shadow/reload") { _, _ in
            guard let reloader else { throw ServiceError.shadowOff }
            return JSONResponse(try await reloader.reload(trigger: .api))
        }
    }
}
