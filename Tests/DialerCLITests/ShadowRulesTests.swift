import DialerCore
import DialerSQLite
import Foundation
import NIOHTTP1
import XCTest

/// `dialer serve --shadow-rules`: a second rule file asked about every live decision, counted
/// by matrix cell on `/metrics` and `GET /shadow`, and never acted on.
final class ShadowRulesTests: XCTestCase {
    private var receiver: WebhookReceiver!
    private var services: [ServedDialer] = []
    private var directory = ""
    private var shadowFile: String { directory + "/shadow.lua" }

    override func setUp() async throws {
        receiver = try await WebhookReceiver()
        directory = try scratchDirectory(["rules.lua": try rulesAtAnyHour()])
    }

    override func tearDown() async throws {
        services.forEach { $0.kill() }
        await receiver.stop()
    }

    /// The live rules with `count` lines per ready agent instead of two: they differ in
    /// `ready × dialing` only.
    private func lines(_ count: Int) throws -> String {
        let text = try rulesAtAnyHour()
        XCTAssertTrue(text.contains("\nDIAL_RATIO = 2\n"))
        return text.replacingOccurrences(of: "\nDIAL_RATIO = 2\n", with: "\nDIAL_RATIO = \(count)\n")
    }

    /// Starts `serve` on a store of its own (`name`), with `shadow` as its shadow rules if given.
    private func start(_ name: String, shadow: String?) async throws -> ServiceClient {
        if let shadow { try shadow.write(toFile: shadowFile, atomically: true, encoding: .utf8) }
        let service = try await ServedDialer(
            store: "sqlite:\(directory)/\(name).sqlite", rules: directory + "/rules.lua", webhook: receiver.url, directory: directory,
            extra: shadow == nil ? [] : ["--shadow-rules", shadowFile])
        services.append(service)
        return ServiceClient(base: service.base)
    }

    /// What one run left behind: dial requests at the webhook, dials and agents in the store,
    /// journal entries, and the agent as served.
    private struct Run: Equatable {
        var webhookDials: Int
        var storedDials: [String]
        var storedAgents: [String]
        var journalKinds: [String]
        var cdc: Int?
    }

    /// An agent logs in (two dials live), one dial fails (one more), the other answers.
    private func play(_ client: ServiceClient, store name: String) async throws -> Run {
        let dialsBefore = receiver.dials.count
        try await client.post("/agents", #"{"agent_id": "a1"}"#, expect: 201)
        let numbers = (0..<20).map { "\"\(LeadList.fictionalNumber($0))\"" }.joined(separator: ", ")
        try await client.post("/leads", #"{"numbers": [\#(numbers)]}"#)
        let login = try await client.post("/agents/a1/events", #"{"event": "login"}"#).dialIDs
        XCTAssertEqual(login.count, 2, "the live DIAL_RATIO")
        try await client.post("/dials/\(login[0])/events", #"{"event": "call_fail", "reason": "busy"}"#)
        try await client.post("/dials/\(login[1])/events", #"{"event": "call_start"}"#)
        try await eventually("3 dial requests at the webhook") { receiver.dials.count - dialsBefore >= 3 }
        try await Task.sleep(for: .milliseconds(200))  // a dial request the shadow had placed would have come by now
        let store = try SQLiteAgentStore(path: "\(directory)/\(name).sqlite", access: .readOnly)
        return Run(
            webhookDials: receiver.dials.count - dialsBefore, storedDials: try store.loadDials().map { "\($0.id) \($0.number)" },
            storedAgents: try store.loadAgents().map { "\($0.agentID) \($0.status) \($0.cdc)" },
            journalKinds: try store.journalEntries().map { "\($0.kind)" }, cdc: try await client.agent("a1")["cdc"] as? Int)
    }

    // MARK: Done when

    func testTheShadowCountsItsDifferencesByCellAndPlacesNoDialAndWritesNothing() async throws {
        let liveOnly = try await play(try await start("live", shadow: nil), store: "live")
        let client = try await start("shadowed", shadow: try lines(3))
        let shadowed = try await play(client, store: "shadowed")
        XCTAssertEqual(shadowed, liveOnly, "the same dials, store and journal as the live rules alone")
        XCTAssertEqual(shadowed.webhookDials, 3)
        XCTAssertEqual(shadowed.storedDials.count, 3)
        XCTAssertEqual(shadowed.cdc, 2, "the live DIAL_RATIO, not the shadow's 3")

        let metrics = try await client.get("/metrics").text
        // login, then dialing (cdc 0: live dial 2, shadow dial 3), call_fail, dialing (cdc 1: dial 1 against 2), call_start.
        XCTAssertEqual(counter(metrics, "dialer_shadow_decisions_total", status: "ready", event: "dialing"), 2, metrics)
        XCTAssertEqual(counter(metrics, "dialer_shadow_differences_total", status: "ready", event: "dialing", kind: "reaction"), 2, metrics)
        XCTAssertEqual(counter(metrics, "dialer_shadow_differences_total", status: "ready", event: "dialing", kind: "error"), 0, metrics)
        for (status, event) in [("off", "login"), ("ready", "call_fail"), ("ready", "call_start")] {
            XCTAssertEqual(counter(metrics, "dialer_shadow_decisions_total", status: status, event: event), 1, "\(status) × \(event)")
            XCTAssertEqual(
                counter(metrics, "dialer_shadow_differences_total", status: status, event: event, kind: "reaction"), 0, "\(status) × \(event)")
        }

        let shadow = try await client.get("/shadow").json
        XCTAssertEqual(shadow["decisions"] as? Int, 5)
        XCTAssertEqual(shadow["differences"] as? Int, 2)
        XCTAssertEqual(shadow["errors"] as? Int, 0)
        let rules = try XCTUnwrap(shadow["rules"] as? [String: Any])
        XCTAssertEqual(rules["file"] as? String, shadowFile)
        XCTAssertEqual((rules["settings"] as? [String: String])?["DIAL_RATIO"], "3")
        let cells = try XCTUnwrap(shadow["cells"] as? [[String: Any]])
        XCTAssertEqual(
            cells.map { "\($0["status"] ?? "") × \($0["event"] ?? "")" },
            ["off × login", "ready × dialing", "ready × call_fail", "ready × call_start"])
        let examples = try XCTUnwrap(shadow["examples"] as? [[String: Any]])
        XCTAssertEqual(examples.count, 2)
        XCTAssertEqual(examples.map { $0["cdc"] as? Int }, [0, 1])
        XCTAssertEqual(examples.first?["agent_id"] as? String, "a1")
        XCTAssertEqual(examples.first?["event"] as? String, "dialing")
        XCTAssertEqual(examples.first?["status"] as? String, "ready")
        XCTAssertEqual(reaction(examples.first, "live"), "cdc 2: dial 2")
        XCTAssertEqual(reaction(examples.first, "shadow"), "cdc 3: dial 3")
        XCTAssertEqual(reaction(examples.last, "live"), "cdc 2: dial 1")
        XCTAssertEqual(reaction(examples.last, "shadow"), "cdc 3: dial 2")

        let log = services.last?.stderr.output ?? ""
        XCTAssertTrue(log.contains("shadow differs at ready × dialing for agent 'a1': live [set cdc=2; dial 2], shadow [set cdc=3; dial 3]"), log)
        XCTAssertFalse(log.contains("shadow differs at ready × call_fail"), log)
    }

    func testWithoutShadowRulesTheShadowRoutesSayHowToTurnThemOn() async throws {
        let client = try await start("live", shadow: nil)
        for (method, path) in [(HTTPMethod.GET, "/shadow"), (.POST, "/shadow/reload")] {
            let reply = try await client.send(method, path)
            XCTAssertEqual(reply.status, 404, reply.text)
            XCTAssertEqual(reply.json["status"] as? Int, 404)
            XCTAssertTrue((reply.json["error"] as? String)?.contains("--shadow-rules FILE") == true, reply.text)
        }
        let anonymous = try await client.send(.GET, "/shadow", token: .some(nil))
        XCTAssertEqual(anonymous.status, 401, "the token is needed as on every route")
        let metrics = try await client.get("/metrics").text
        XCTAssertFalse(metrics.contains("dialer_shadow_"), metrics)
    }

    func testAShadowRuleErrorLeavesTheLiveEventAcceptedAndCountsAsAnError() async throws {
        let failing = try rulesAtAnyHour().replacingOccurrences(
            of: "call_fail = function(agent)\n", with: "call_fail = function(agent)\n    if agent.cdc >= 0 then error(\"shadow boom\") end\n")
        XCTAssertTrue(failing.contains("shadow boom"))
        let client = try await start("shadowed", shadow: failing)
        let run = try await play(client, store: "shadowed")
        XCTAssertEqual(run.webhookDials, 3, "the live call_fail dialed again")
        XCTAssertEqual(run.cdc, 2)

        let metrics = try await client.get("/metrics").text
        XCTAssertEqual(counter(metrics, "dialer_shadow_differences_total", status: "ready", event: "call_fail", kind: "error"), 1, metrics)
        XCTAssertEqual(counter(metrics, "dialer_shadow_differences_total", status: "ready", event: "call_fail", kind: "reaction"), 0, metrics)
        XCTAssertTrue(metrics.contains(#"dialer_events_total{event="call_fail",result="ok"} 1"#), metrics)
        let shadow = try await client.get("/shadow").json
        XCTAssertEqual(shadow["errors"] as? Int, 1)
        XCTAssertEqual(shadow["differences"] as? Int, 0)
        let example = try XCTUnwrap((shadow["examples"] as? [[String: Any]])?.first)
        let error = try XCTUnwrap((example["shadow"] as? [String: Any])?["error"] as? String)
        // file:line (Lua shortens a long path to its end).
        XCTAssertNotNil(error.range(of: #"shadow\.lua:[0-9]+: shadow boom$"#, options: .regularExpression), error)
        XCTAssertEqual(reaction(example, "live"), "cdc 1: launch_dialing")
        XCTAssertTrue(services.last?.stderr.output.contains("shadow differs at ready × call_fail for agent 'a1'") == true)
    }

    func testTheShadowReloadsWhenItsFileChangesKeepsCountingAndKeepsTheLastGoodFile() async throws {
        let client = try await start("shadowed", shadow: try lines(3))
        try await client.post("/agents", #"{"agent_id": "a1"}"#, expect: 201)
        let numbers = (0..<20).map { "\"\(LeadList.fictionalNumber($0))\"" }.joined(separator: ", ")
        try await client.post("/leads", #"{"numbers": [\#(numbers)]}"#)
        let login = try await client.post("/agents/a1/events", #"{"event": "login"}"#).dialIDs
        var shadow = try await client.get("/shadow").json
        XCTAssertEqual(shadow["decisions"] as? Int, 2)
        XCTAssertEqual(shadow["differences"] as? Int, 1)
        XCTAssertEqual((shadow["examples"] as? [[String: Any]])?.count, 1)
        let first = try XCTUnwrap((shadow["rules"] as? [String: Any])?["version"] as? String)

        try lines(4).write(toFile: shadowFile, atomically: true, encoding: .utf8)
        try await eventually("the watcher to reload the shadow") {
            try await client.get("/shadow").json["reloads"] as? Int == 1
        }
        try await client.post("/dials/\(login[0])/events", #"{"event": "call_fail", "reason": "busy"}"#)
        shadow = try await client.get("/shadow").json
        XCTAssertNotEqual((shadow["rules"] as? [String: Any])?["version"] as? String, first)
        XCTAssertEqual(shadow["decisions"] as? Int, 4, "counted across the reload")
        XCTAssertEqual(shadow["differences"] as? Int, 2, "ready × dialing, before and after the reload")
        let examples = try XCTUnwrap(shadow["examples"] as? [[String: Any]])
        XCTAssertEqual(examples.map { reaction($0, "shadow") }, ["cdc 4: dial 3"], "only the examples of the file in place")
        let log = services.last?.stderr.output ?? ""
        XCTAssertTrue(log.contains("shadow rules reloaded (watch): \(shadowFile) \(first) -> "), log)

        try "DIAL_RATIO = three\n".write(toFile: shadowFile, atomically: true, encoding: .utf8)
        let refused = try await client.post("/shadow/reload", "", expect: 422)
        XCTAssertEqual((refused.json["problems"] as? [[String: Any]])?.first?["file"] as? String, shadowFile, refused.text)
        shadow = try await client.get("/shadow").json
        XCTAssertEqual(((shadow["rules"] as? [String: Any])?["settings"] as? [String: String])?["DIAL_RATIO"], "4", "the last good shadow stays")
        XCTAssertNotNil(shadow["reload_error"], "GET /shadow shows the refusal")
        let rulesNow = try await client.get("/rules").json
        XCTAssertEqual((rulesNow["settings"] as? [String: String])?["DIAL_RATIO"], "2", "the live rules are untouched")
        let metrics = try await client.get("/metrics").text
        XCTAssertTrue(metrics.contains(#"dialer_shadow_reloads_total{result="ok",trigger="watch"} 1"#), metrics)
        XCTAssertTrue(metrics.contains(#"dialer_shadow_reloads_total{result="failed",trigger="api"} 1"#), metrics)
        XCTAssertFalse(metrics.contains(#"dialer_rule_reloads_total{result="failed""#), "a shadow refusal is not the live file's")
    }

    func testABrokenShadowFileStopsTheStartWithItsPlace() throws {
        try "DIAL_RATIO = three\n".write(toFile: shadowFile, atomically: true, encoding: .utf8)
        let tokenFile = try scratchFile("token", "secret\n")
        let broken = try dialer([
            "serve", "--store", "memory:", "--token-file", tokenFile, "--webhook", receiver.url, "--rules", directory + "/rules.lua",
            "--shadow-rules", shadowFile, "--port", "0",
        ])
        XCTAssertEqual(broken.status, 2, broken.err)
        XCTAssertTrue(broken.err.contains("shadow rules (--shadow-rules"), broken.err)
        XCTAssertTrue(broken.err.contains(shadowFile + ":1:"), broken.err)
    }

    // MARK: Reading replies

    /// The value of the series of `family` with exactly these labels, nil if absent.
    private func counter(_ metrics: String, _ family: String, status: String, event: String, kind: String? = nil) -> Double? {
        var wanted: Set<String> = [#"status="\#(status)""#, #"event="\#(event)""#]
        if let kind { wanted.insert(#"kind="\#(kind)""#) }
        for line in metrics.split(separator: "\n") where line.hasPrefix(family + "{") {
            guard let open = line.firstIndex(of: "{"), let close = line.firstIndex(of: "}") else { continue }
            let labels = Set(line[line.index(after: open)..<close].split(separator: ",").map(String.init))
            if labels == wanted { return line.split(separator: " ").last.flatMap { Double($0) } }
        }
        return nil
    }

    /// An example's reaction as `cdc N: effects`.
    private func reaction(_ example: [String: Any]?, _ side: String) -> String {
        let view = example?[side] as? [String: Any] ?? [:]
        return "cdc \(view["cdc"] as? Int ?? -1): " + (view["effects"] as? [String] ?? []).joined(separator: ", ")
    }
}
