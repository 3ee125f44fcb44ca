import DialerCore
import Foundation
import Hummingbird

/// The HTTP API of `dialer serve`: every route, documented in `openapi.yaml` at the
/// repository root (a test compares the two).
enum DialerRoutes {
    /// The router, with the JSON error body and the bearer token on every route but `/health`
    /// and the wallboard's page and stream (`WallboardRoutes.withoutBearer`).
    static func router(
        host: EngineHost, reloader: RuleReloader, metrics: ServiceMetrics, token: String, maxBodyBytes limit: Int, wallboard: WallboardRoutes,
        shadow: ShadowRoutes
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: JSONErrorMiddleware(metrics: metrics))
        router.add(middleware: BearerTokenMiddleware(token: token))

        // Answered from what the engine published: never waits for the engine thread.
        router.get("/health") { _, _ in
            let health = host.board.health()
            return JSONResponse(health, status: health.status == "ok" ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            let text = metrics.render(gauges: await host.gauges())
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }

        router.get("/agents") { _, _ in JSONResponse(AgentsReply(agents: await host.agents())) }
        router.post("/agents") { request, _ in
            let body = try await decodeBody(NewAgentBody.self, from: request, limit: limit)
            return JSONResponse(try await host.addAgent(try body.validID()), status: .created)
        }
        router.get("/agents/{agent_id}") { _, context in
            JSONResponse(try await host.agent(try parameter("agent_id", context)))
        }
        router.delete("/agents/{agent_id}") { _, context in
            JSONResponse(try await host.removeAgent(try parameter("agent_id", context)))
        }
        router.post("/agents/{agent_id}/events") { request, context in
            let received = ContinuousClock.now
            let id = try parameter("agent_id", context)
            let kind = try await decodeBody(AgentEventBody.self, from: request, limit: limit).kind()
            return JSONResponse(try await host.agentEvent(id, kind, received: received))
        }

        router.post("/dials/{dial_id}/events") { request, context in
            let received = ContinuousClock.now
            let text = try parameter("dial_id", context)
            guard let id = Int(text) else {
                throw ServiceError.invalidField(field: "dial_id", message: "\(text.quotedExcerpt()) is not a dial id (a whole number)")
            }
            let event = try await decodeBody(CallEventBody.self, from: request, limit: limit).parsed()
            return JSONResponse(try await host.callEvent(.dial(id), event.kind, reason: event.reason, received: received))
        }
        router.post("/calls/{number}/events") { request, context in
            let received = ContinuousClock.now
            let number = try NumberField.normalized(try parameter("number", context), field: "number")
            let event = try await decodeBody(CallEventBody.self, from: request, limit: limit).parsed()
            return JSONResponse(try await host.callEvent(.number(number), event.kind, reason: event.reason, received: received))
        }

        router.post("/leads") { request, _ in
            let numbers = try await decodeBody(LeadsBody.self, from: request, limit: limit).validNumbers()
            return JSONResponse(LeadsReply(added: try await host.addLeads(numbers), received: numbers.count))
        }
        router.post("/leads/{number}/callback") { request, context in
            let number = try NumberField.normalized(try parameter("number", context), field: "number")
            let time = try await decodeBody(CallbackBody.self, from: request, limit: limit).time()
            return JSONResponse(try await host.scheduleCallback(number, at: time))
        }

        router.get("/campaign") { _, _ in JSONResponse(await host.campaign()) }
        router.post("/campaign/pause") { _, _ in JSONResponse(try await host.setDialingPaused(true)) }
        router.post("/campaign/resume") { _, _ in JSONResponse(try await host.setDialingPaused(false)) }

        router.get("/rules") { _, _ in JSONResponse(host.board.rules) }
        router.post("/rules/reload") { _, _ in JSONResponse(try await reloader.reload(trigger: .api)) }
        shadow.add(to: router)
        wallboard.add(to: router)
        // Last, so that it sees only the requests no route took (it wraps Hummingbird's 404).
        router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes.map { ("\($0.path)", $0.method.rawValue) }))
        return router
    }

    /// A path parameter, percent-decoded.
    private static func parameter(_ name: String, _ context: BasicRequestContext) throws(ServiceError) -> String {
        guard let raw = context.parameters.get(name), let value = raw.removingPercentEncoding, !value.isEmpty else {
            throw .invalidField(field: name, message: "missing from the path")
        }
        return value
    }
}
