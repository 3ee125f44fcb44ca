import DialerCore
import DialerReference
import DialerSQLite
import Foundation
import NIOHTTP1
import XCTest

/// `dialer serve` end to end: the real binary on a loopback port, driven over HTTP, with a
/// real webhook receiver playing telephony.
final class ServeCommandTests: XCTestCase {
    private var receiver: WebhookReceiver!
    private var services: [ServedDialer] = []
    private var directory = ""
    private var rulesFile: String { directory + "/rules.lua" }
    private var store: String { "sqlite:\(directory)/dialer.sqlite" }

    override func setUp() async throws {
        receiver = try await WebhookReceiver()
        directory = try scratchDirectory(["rules.lua": try rulesAtAnyHour()])
    }

    override func tearDown() async throws {
        services.forEach { $0.kill() }
        await receiver.stop()
    }

    private func start(_ extra: [String] = []) async throws -> (ServedDialer, ServiceClient) {
        let service = try await ServedDialer(store: store, rules: rulesFile, webhook: receiver.url, directory: directory, extra: extra)
        services.append(service)
        return (service, ServiceClient(base: service.base))
    }

    private func setUpAgents(_ client: ServiceClient, _ ids: [String], leads: Int = 20) async throws {
        for id in ids { try await client.post("/agents", #"{"agent_id": "\#(id)"}"#, expect: 201) }
        let numbers = (0..<leads).map { "\"\(LeadList.fictionalNumber($0))\"" }.joined(separator: ", ")
        try await client.post("/leads", #"{"numbers": [\#(numbers)]}"#)
    }

    /// Logs the agent in; returns the ids of the dials the login placed.
    private func login(_ client: ServiceClient, _ agentID: String) async throws -> [Int] {
        dialIDs(try await client.post("/agents/\(agentID)/events", #"{"event": "login"}"#))
    }

    private func editRules(_ transform: (String) throws -> String) throws {
        let text = try String(contentsOfFile: rulesFile, encoding: .utf8)
        try transform(text).write(toFile: rulesFile, atomically: true, encoding: .utf8)
    }

    private func dialIDs(_ reply: Reply) -> [Int] { reply.dialIDs }

    // MARK: Done when

    func testALoginLeadsToDialRatioDialRequestsAtTheWebhook() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        let reply = try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        let agent = try XCTUnwrap(reply.json["agent"] as? [String: Any])
        XCTAssertEqual(agent["status"] as? String, "ready")
        XCTAssertEqual(agent["cdc"] as? Int, 2)
        XCTAssertEqual(agent["in_flight"] as? Int, 2)
        let placed = dialIDs(reply)
        XCTAssertEqual(placed.count, 2, "DIAL_RATIO = 2: \(reply.text)")

        try await eventually("2 dial requests at the webhook, got \(receiver.requests)") { receiver.dials.count == 2 }
        XCTAssertEqual(receiver.dials.compactMap { $0["dial_id"] as? Int }.sorted(), placed.sorted())
        XCTAssertEqual(Set(receiver.dials.compactMap { $0["agent_id"] as? String }), ["a1"])
        // Sent in parallel, so in either order.
        XCTAssertEqual(Set(receiver.dials.compactMap { $0["number"] as? String }), [LeadList.fictionalNumber(0), LeadList.fictionalNumber(1)])
        for dial in receiver.dials {
            XCTAssertEqual(dial["report_to"] as? String, "/dials/\(dial["dial_id"] as? Int ?? -1)/events")
        }
    }

    func testCallProgressMovesTheAgentAsTheRulesSay() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        let login = try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        let (first, second) = (dialIDs(login)[0], dialIDs(login)[1])

        // ready × call_start: in_call, the lead's number recorded, the call tracked.
        let answered = try await client.post("/dials/\(first)/events", #"{"event": "call_start"}"#)
        var agent = try XCTUnwrap(answered.json["agent"] as? [String: Any])
        XCTAssertEqual(agent["status"] as? String, "in_call")
        XCTAssertEqual(agent["latest_lead_phone_number"] as? String, LeadList.fictionalNumber(0))
        XCTAssertEqual((agent["call"] as? [String: Any])?["dial_id"] as? Int, first)
        XCTAssertEqual(agent["in_flight"] as? Int, 1)

        // in_call × call_fail (reported by number): ignored by the rules, the dial is closed.
        let failed = try await client.post("/calls/\(LeadList.fictionalNumber(1))/events", #"{"event": "call_fail", "reason": "busy"}"#)
        agent = try XCTUnwrap(failed.json["agent"] as? [String: Any])
        XCTAssertEqual(agent["status"] as? String, "in_call")
        XCTAssertEqual(agent["in_flight"] as? Int, 0)

        // in_call × call_end: ready again and DIAL_RATIO new dials.
        let ended = try await client.post("/dials/\(first)/events", #"{"event": "call_end"}"#)
        agent = try XCTUnwrap(ended.json["agent"] as? [String: Any])
        XCTAssertEqual(agent["status"] as? String, "ready")
        XCTAssertEqual(agent["last_status"] as? String, "in_call")
        XCTAssertEqual(dialIDs(ended).count, 2)
        try await eventually("4 dial requests, got \(receiver.dials.count)") { receiver.dials.count == 4 }

        // The ended call and the failed dial can no longer be reported on.
        try await client.post("/dials/\(first)/events", #"{"event": "call_end"}"#, expect: 404)
        try await client.post("/dials/\(second)/events", #"{"event": "call_start"}"#, expect: 404)
    }

    func testWithAnyReadyAgentRoutingABusyAgentsAnswerIsBridgedToAReadyAgent() async throws {
        try editRules { $0.replacingOccurrences(of: "\nDIAL_RATIO = 2\n", with: "\nDIAL_RATIO = 2\nANSWER_ROUTING = \"any_ready_agent\"\n") }
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1", "a2"])
        let a1 = try await login(client, "a1")
        try await client.post("/dials/\(a1[0])/events", #"{"event": "call_start"}"#)
        _ = try await login(client, "a2")

        let routed = try await client.post("/dials/\(a1[1])/events", #"{"event": "call_start"}"#)
        let agent = try XCTUnwrap(routed.json["agent"] as? [String: Any])
        XCTAssertEqual(agent["agent_id"] as? String, "a2", routed.text)
        XCTAssertEqual(agent["status"] as? String, "in_call")
        XCTAssertEqual((agent["call"] as? [String: Any])?["dial_id"] as? Int, a1[1])
        XCTAssertEqual((routed.json["steps"] as? [[String: Any]])?.first?["routed_from"] as? String, "a1")
        try await eventually("a bridge request, got \(receiver.requests)") { receiver.requests.contains { $0["type"] as? String == "bridge" } }
        let bridge = try XCTUnwrap(receiver.requests.first { $0["type"] as? String == "bridge" })
        XCTAssertEqual(bridge["dial_id"] as? Int, a1[1])
        XCTAssertEqual(bridge["agent_id"] as? String, "a2")
        XCTAssertEqual(bridge["placed_for"] as? String, "a1")

        // The call's later events are a2's.
        let ended = try await client.post("/dials/\(a1[1])/events", #"{"event": "call_end"}"#)
        XCTAssertEqual((ended.json["agent"] as? [String: Any])?["agent_id"] as? String, "a2")
        XCTAssertEqual((ended.json["agent"] as? [String: Any])?["status"] as? String, "ready")
    }

    func testAnEditedRuleFileChangesTheNextDecision() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1", "a2"])
        let before = try await client.get("/rules").json
        XCTAssertEqual((before["settings"] as? [String: String])?["DIAL_RATIO"], "2")
        let a1Dials = try await login(client, "a1")
        XCTAssertEqual(a1Dials.count, 2)

        try editRules { $0.replacingOccurrences(of: "DIAL_RATIO = 2", with: "DIAL_RATIO = 3") }
        try await eventually("the watcher to load the edited file") {
            try await client.get("/rules").json["version"] as? String != before["version"] as? String
        }
        let after = try await client.get("/rules").json
        XCTAssertEqual((after["settings"] as? [String: String])?["DIAL_RATIO"], "3")
        XCTAssertEqual(after["file"] as? String, rulesFile)
        XCTAssertGreaterThanOrEqual(after["loaded_at"] as? Double ?? 0, before["loaded_at"] as? Double ?? .infinity)

        let a2Dials = try await login(client, "a2")
        XCTAssertEqual(a2Dials.count, 3, "the next login dials DIAL_RATIO = 3")
        try await eventually("5 dial requests, got \(receiver.dials.count)") { receiver.dials.count == 5 }
    }

    func testWithoutWatchingTheRulesReloadOnRequestAndOnSIGHUP() async throws {
        let (service, client) = try await start(["--watch-interval", "0"])
        try await setUpAgents(client, ["a1", "a2", "a3"])
        let original = try await client.get("/rules").json["version"] as? String

        try editRules { $0.replacingOccurrences(of: "DIAL_RATIO = 2", with: "DIAL_RATIO = 3") }
        let a1Dials = try await login(client, "a1")
        XCTAssertEqual(a1Dials.count, 2, "not watching: still the old rules")
        let reloaded = try await client.post("/rules/reload", "")
        XCTAssertNotEqual(reloaded.json["version"] as? String, original)
        let a2Dials = try await login(client, "a2")
        XCTAssertEqual(a2Dials.count, 3)

        try editRules { $0.replacingOccurrences(of: "DIAL_RATIO = 3", with: "DIAL_RATIO = 1") }
        kill(service.process.processIdentifier, SIGHUP)
        try await eventually("SIGHUP to reload the rules") {
            (try await client.get("/rules").json["settings"] as? [String: String])?["DIAL_RATIO"] == "1"
        }
        let a3Dials = try await login(client, "a3")
        XCTAssertEqual(a3Dials.count, 1)
    }

    func testABrokenRuleFileIsRefusedAndTheOldRulesKeepRunning() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        let live = try await client.get("/rules").json["version"] as? String

        // An unknown status on a known line: what `dialer check` reports.
        var brokenLine = 0
        try editRules { text in
            var lines = text.components(separatedBy: "\n")
            brokenLine = try! XCTUnwrap(lines.firstIndex(of: "status \"ready\" {")) + 1
            lines[brokenLine - 1] = "status \"redy\" {"
            return lines.joined(separator: "\n")
        }
        try await eventually("the watcher to refuse the broken file") {
            try await client.get("/metrics").text.contains(#"dialer_rule_reloads_total{result="failed",trigger="watch"} 1"#)
        }
        let refused = try await client.post("/rules/reload", "", expect: 422)
        XCTAssertTrue((refused.json["error"] as? String ?? "").contains("\(rulesFile):\(brokenLine): "), refused.text)
        let problem = try XCTUnwrap((refused.json["problems"] as? [[String: Any]])?.first)
        XCTAssertEqual(problem["file"] as? String, rulesFile)
        XCTAssertEqual(problem["line"] as? Int, brokenLine)
        XCTAssertEqual(refused.json["field"] as? String, "rules")

        let check = try dialer(["check", rulesFile])
        XCTAssertEqual(check.status, 2)
        XCTAssertTrue(check.err.contains("\(rulesFile):\(brokenLine): "), "the same place as dialer check: \(check.err)")

        let still = try await client.get("/rules").json["version"] as? String
        XCTAssertEqual(still, live, "the last good rules stay live")
        let login = try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        XCTAssertEqual((login.json["agent"] as? [String: Any])?["status"] as? String, "ready")
        XCTAssertEqual(dialIDs(login).count, 2, "the old rules keep dialing")
    }

    func testAKilledAndRestartedServiceCarriesOnFromTheStore() async throws {
        let (first, client) = try await start()
        try await setUpAgents(client, ["a1", "a2"])
        let dialsA1 = dialIDs(try await client.post("/agents/a1/events", #"{"event": "login"}"#))
        try await client.post("/dials/\(dialsA1[0])/events", #"{"event": "call_start"}"#)
        let dialsA2 = dialIDs(try await client.post("/agents/a2/events", #"{"event": "login"}"#))
        try await eventually("4 dial requests") { receiver.dials.count == 4 }
        first.kill()

        let (_, again) = try await start()
        // a1's call survived (keep-connected); every dial still ringing was hung up and failed,
        // so a2, still ready, dials again.
        let a1 = try await again.agent("a1")
        XCTAssertEqual(a1["status"] as? String, "in_call")
        XCTAssertEqual((a1["call"] as? [String: Any])?["dial_id"] as? Int, dialsA1[0])
        XCTAssertEqual(a1["in_flight"] as? Int, 0)
        let hungUp = Set([dialsA1[1]] + dialsA2)
        try await eventually("hang-ups for the dials left ringing, got \(receiver.hangUps)") {
            Set(receiver.hangUps.compactMap { $0["dial_id"] as? Int }) == hungUp
        }
        let a2 = try await again.agent("a2")
        XCTAssertEqual(a2["status"] as? String, "ready")
        XCTAssertEqual(a2["in_flight"] as? Int, 2)
        try await eventually("a2's new dial requests") { receiver.dials.count == 6 }

        // Telephony reports the end of the call placed before the crash: a1 carries on.
        let ended = try await again.post("/dials/\(dialsA1[0])/events", #"{"event": "call_end"}"#)
        XCTAssertEqual((ended.json["agent"] as? [String: Any])?["status"] as? String, "ready")
        XCTAssertEqual(dialIDs(ended).count, 2)
        try await eventually("a1's new dial requests") { receiver.dials.count == 8 }
    }

    func testOnPostgreSQLASecondNodeTakesOverTheAgentsOfAKilledNode() async throws {
        let url = try postgresTestURL(schemaPrefix: "serve")
        let nodeA = try await ServedDialer(
            store: url, rules: rulesFile, webhook: receiver.url, directory: directory, extra: ["--node", "A", "--lease", "1"])
        services.append(nodeA)
        let a = ServiceClient(base: nodeA.base)
        try await setUpAgents(a, ["a1"])
        let dials = try await login(a, "a1")
        try await eventually("A's 2 dial requests") { receiver.dials.count == 2 }

        let nodeB = try await ServedDialer(
            store: url, rules: rulesFile, webhook: receiver.url, directory: directory, extra: ["--node", "B", "--lease", "1"])
        services.append(nodeB)
        let b = ServiceClient(base: nodeB.base)
        let elsewhere = try await b.send(.POST, "/agents/a1/events", body: #"{"event": "logout"}"#)
        XCTAssertEqual(elsewhere.status, 409, "A drives a1: \(elsewhere.text)")
        XCTAssertEqual(elsewhere.json["field"] as? String, "agent_id")

        nodeA.kill()
        try await eventually("B to take a1 over once A's lease expires") { try await b.send(.GET, "/agents/a1").status == 200 }
        try await eventually("B to hang up the dials A left ringing") {
            Set(receiver.hangUps.compactMap { $0["dial_id"] as? Int }) == Set(dials)
        }
        let a1 = try await b.agent("a1")
        XCTAssertEqual(a1["status"] as? String, "ready")
        XCTAssertEqual(a1["in_flight"] as? Int, 2, "the failed dials are dialed again, from B")
        try await b.post("/agents/a1/events", #"{"event": "logout"}"#)
    }

    /// `POST /leads/{number}/callback` on `store`: refused for a lead in a dial, an unknown lead,
    /// a bad number or time; then the lead is not dialed before its time, and is dialed at it.
    private func checkCallbackRoute(store: String) async throws {
        let service = try await ServedDialer(store: store, rules: rulesFile, webhook: receiver.url, directory: directory, extra: [])
        services.append(service)
        let client = ServiceClient(base: service.base)
        try await setUpAgents(client, ["a1"], leads: 2)
        let dials = try await login(client, "a1")
        let lead = LeadList.fictionalNumber(0)
        let path = "/leads/\(lead.replacingOccurrences(of: "+", with: "%2B"))/callback"
        let soon = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 2).rounded(.up)))

        let inDial = try await client.post(path, #"{"at": "\#(soon)"}"#, expect: 409)
        XCTAssertEqual(inDial.json["field"] as? String, "number")
        XCTAssertTrue((inDial.json["error"] as? String ?? "").contains("is in a dial now"), inDial.text)
        let unknown = try await client.post("/leads/+12125550199/callback", #"{"at": "\#(soon)"}"#, expect: 404)
        XCTAssertEqual(unknown.json["field"] as? String, "number")
        let badTime = try await client.post(path, #"{"at": "tomorrow"}"#, expect: 400)
        XCTAssertEqual(badTime.json["field"] as? String, "at")
        XCTAssertTrue((badTime.json["error"] as? String ?? "").contains("'tomorrow'"), badTime.text)
        let badNumber = try await client.post("/leads/212-555-01x0/callback", #"{"at": "\#(soon)"}"#, expect: 400)
        XCTAssertEqual(badNumber.json["field"] as? String, "number")
        XCTAssertTrue((badNumber.json["error"] as? String ?? "").contains("'212-555-01x0' is not a phone number"), badNumber.text)
        // Another spelling names the same lead (in a dial now).
        try await client.post("/leads/2125550100/callback", #"{"at": "\#(soon)"}"#, expect: 409)

        // Busy: the lead waits for its retry (600 s); the callback brings it forward.
        try await client.post("/dials/\(dials[0])/events", #"{"event": "call_fail", "reason": "busy"}"#)
        let scheduled = try await client.post(path, #"{"at": "\#(soon)"}"#).json
        XCTAssertEqual(scheduled["state"] as? String, "available")
        XCTAssertEqual(scheduled["wait"] as? String, "callback")
        XCTAssertEqual(scheduled["attempts"] as? Int, 1)
        XCTAssertEqual(scheduled["eligible_at"] as? Double, ISO8601DateFormatter().date(from: soon)?.timeIntervalSince1970)
        let before = try await client.post("/dials/\(dials[1])/events", #"{"event": "call_fail", "reason": "busy"}"#)
        XCTAssertEqual(dialIDs(before), [], "not before its time: \(before.text)")
        try await client.post("/agents/a1/events", #"{"event": "logout"}"#)
        try await Task.sleep(for: .seconds(ISO8601DateFormatter().date(from: soon)!.timeIntervalSinceNow + 0.2))
        let at = try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        XCTAssertEqual(dialIDs(at).count, 1, "the callback, at its time (the other lead waits for its retry): \(at.text)")
        try await eventually("the callback's dial request") { receiver.dials.filter { $0["number"] as? String == lead }.count == 2 }
    }

    func testACallbackRouteSchedulesTheLeadAtItsTimeOnSQLite() async throws {
        try await checkCallbackRoute(store: store)
    }

    func testACallbackRouteSchedulesTheLeadAtItsTimeOnPostgreSQL() async throws {
        try await checkCallbackRoute(store: try postgresTestURL(schemaPrefix: "serve"))
    }

    func testSIGTERMStopsCleanlyAndTheNextStartFindsEverythingCommitted() async throws {
        let (first, client) = try await start(["--log-dir", directory + "/logs"])
        try await setUpAgents(client, ["a1"])
        try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        try await eventually("2 dial requests") { receiver.dials.count == 2 }
        XCTAssertEqual(first.terminate(), 0, first.stderr.output)
        XCTAssertTrue(first.stderr.output.contains("stopped"), first.stderr.output)
        let dialerLog = try String(contentsOfFile: directory + "/logs/dialer.log", encoding: .utf8)
        XCTAssertTrue(dialerLog.contains("INFO     a1 off × login -> ready\n"), dialerLog)
        XCTAssertTrue(dialerLog.contains("NOTICE   stopped\n"), "the files are flushed at stop: \(dialerLog)")
        let agentsLog = try String(contentsOfFile: directory + "/logs/agents.log", encoding: .utf8)
        XCTAssertTrue(agentsLog.contains("INFO     a1 login\n"), agentsLog)

        let (_, again) = try await start()
        let a1 = try await again.agent("a1")
        XCTAssertEqual(a1["status"] as? String, "ready")
        try await eventually("the dials left ringing to be hung up and dialed again") { receiver.hangUps.count == 2 && receiver.dials.count == 4 }
    }

    func testADialRequestAnswered500IsRetriedAndThenDelivered() async throws {
        receiver.failFirstTries = true
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        try await eventually("both dial requests delivered on their second try") {
            try await client.get("/metrics").text.contains(#"dialer_webhook_requests_total{type="dial",result="delivered"} 2"#)
        }
        let metrics = try await client.get("/metrics").text
        XCTAssertTrue(metrics.contains(#"dialer_webhook_requests_total{type="dial",result="retried"} 2"#), metrics)
        XCTAssertFalse(metrics.contains(#"result="failed""#), metrics)
        XCTAssertEqual(receiver.dials.count, 4)
        let agent = try await client.agent("a1")
        XCTAssertEqual(agent["in_flight"] as? Int, 2, "no call_fail: the dials are ringing")
    }

    func testAHangUpNeverReachesTelephonyBeforeTheDialItEnds() async throws {
        receiver.failFirstTries = true  // each dial request is retried once, after a back-off
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        let dials = try await login(client, "a1")
        let removed = try await client.send(.DELETE, "/agents/a1")  // hangs up both ringing dials
        XCTAssertEqual(removed.status, 200, removed.text)
        try await eventually("both hang-ups") { receiver.hangUps.count == 2 }
        let requests = receiver.requests
        for id in dials {
            let forDial = requests.enumerated().filter { $0.element["dial_id"] as? Int == id }
            XCTAssertEqual(forDial.map { $0.element["type"] as? String }, ["dial", "dial", "hang_up"], "dial \(id): \(forDial)")
        }
    }

    /// A dial request the telephony never takes (here: answered 500 on every try) was never
    /// placed: the dial ends `not_placed`, which is no fail and no attempt, and its lead waits
    /// `retry.not_placed` before it is dialed again.
    func testADialTheWebhookNeverTakesEndsNotPlacedAndKeepsItsLead() async throws {
        receiver.failDials = true
        let (service, client) = try await start()
        try await setUpAgents(client, ["a1"], leads: 3)
        try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        // Two dials fail, each call_fail dials the next lead, which fails too; then every lead waits.
        try await eventually("every lead tried and not placed") {
            try await client.get("/metrics").text.contains(#"dialer_webhook_requests_total{type="dial",result="failed"} 3"#)
        }
        try await eventually("no dial left in flight") { try await client.agent("a1")["in_flight"] as? Int == 0 }
        XCTAssertEqual(receiver.dials.count, 6, "2 tries per dial request")
        XCTAssertEqual(service.terminate(), 0)

        let report = try dialer(["report", "--store", store, "--format", "json"])
        let total = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(report.out.utf8)) as? [String: Any])?["total"] as? [String: Any])
        XCTAssertEqual(total["fails"] as? Int, 0, "a dial never placed is no fail")
        XCTAssertEqual(total["not_placed"] as? Int, 3, "counted apart")
        XCTAssertEqual(total["dials"] as? Int, 0, "and not as a dial placed")
        XCTAssertEqual(total["ringing"] as? Int, 0, "no dial left open")
        let dials = try SQLiteAgentStore(path: "\(directory)/dialer.sqlite", access: .readOnly).loadDials()
        XCTAssertEqual(dials.map(\.outcome), Array(repeating: .notPlaced, count: 3), "each dial recorded as not placed")
        let leads = try dialer(["leads", "list", "--store", store, "--format", "json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(leads.out.utf8)) as? [[String: Any]], leads.out)
        XCTAssertEqual(rows.count, 3, leads.out)
        for row in rows {
            XCTAssertEqual(row["attempts"] as? Int, 0, "attempts kept: \(row)")
            XCTAssertEqual(row["state"] as? String, "available", "not used up: \(row)")
            XCTAssertEqual(row["last_outcome"] as? String, "not_placed", "\(row)")
        }
    }

    func testMetricsCountEventsWarningsDialsReloadsAndLatency() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        let dials = dialIDs(try await client.post("/agents/a1/events", #"{"event": "login"}"#))
        try await client.post("/agents/a1/events", #"{"event": "logout"}"#)
        // off × call_start: the rules warn and hang up a person: a dropped call.
        let dropped = try await client.post("/dials/\(dials[0])/events", #"{"event": "call_start"}"#)
        XCTAssertEqual((dropped.json["steps"] as? [[String: Any]])?.first?["hung_up"] as? [String], [LeadList.fictionalNumber(0)])
        try await eventually("the hang-up request") { receiver.hangUps.count == 1 }
        try await client.post("/agents/zz/events", #"{"event": "login"}"#, expect: 404)

        let metrics = try await client.get("/metrics").text
        XCTAssertTrue(metrics.contains("# TYPE dialer_rule_reloads_total counter\n"), metrics)
        // Compared as numbers: swift-prometheus writes gauges as floating point (`1.0`).
        let values = Self.samples(metrics)
        for line in [
            #"dialer_events_total{event="login",result="ok"} 1"#,
            #"dialer_events_total{event="dialing",result="ok"} 1"#,
            #"dialer_events_total{event="logout",result="ok"} 1"#,
            #"dialer_events_total{event="call_start",result="ok"} 1"#,
            #"dialer_warnings_total{code="call_start_while_off"} 1"#,
            #"dialer_event_duration_seconds_count{event="login"} 1"#,
            #"dialer_event_duration_seconds_bucket{event="login",le="+Inf"} 1"#,
            "dialer_dials_in_flight 1",
            "dialer_abandon_rate 1",
            #"dialer_http_refused_total{status="404"} 1"#,
            #"dialer_agents{status="off"} 1"#,
        ] {
            let (series, value) = (String(line[..<line.lastIndex(of: " ")!]), Double(line[line.index(after: line.lastIndex(of: " ")!)...]))
            XCTAssertEqual(values[series], value, "`\(line)` in\n\(metrics)")
        }
    }

    /// Every sample of a Prometheus text exposition: the series as written (name and labels) → its value.
    private static func samples(_ text: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space])] = value
        }
        return values
    }

    // MARK: Alive while the engine thread is busy

    /// Limits high enough that a `while true` loop holds the engine thread for minutes: a
    /// runaway rule that the service must survive even when its limits are set that high.
    private static let runawayLimit = ["--max-instructions", "1000000000000", "--max-rule-ms", "3600000"]

    /// Sends `request` and measures how long the answer took.
    private func timed(_ request: () async throws -> Reply) async throws -> (Reply, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let reply = try await request()
        return (reply, clock.now - start)
    }

    /// SIGTERM, then how long the process took to exit and its exit status.
    private func timedStop(_ service: ServedDialer) -> (status: Int32, took: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let status = service.terminate()
        return (status, clock.now - start)
    }

    func testHealthAnswersAndSIGTERMStopsWithinASecondWhileARuleHoldsTheEngineThread() async throws {
        try editRules { text in
            // `off` × `keep_alive` (the first `keep_alive = ignore`) becomes a loop bounded only by the raised limit.
            let cell = try XCTUnwrap(text.range(of: "  keep_alive = ignore,"))
            return text.replacingCharacters(in: cell, with: "  keep_alive = function() local n = 0 while true do n = n + 1 end end,")
        }
        let (service, client) = try await start(Self.runawayLimit)
        try await client.post("/agents", #"{"agent_id": "a1"}"#, expect: 201)
        let stuck = Task { try? await client.send(.POST, "/agents/a1/events", body: #"{"event": "keep_alive"}"#) }
        defer { stuck.cancel() }

        try await eventually("/health to say the engine is busy") {
            let (health, took) = try await timed { try await client.send(.GET, "/health", token: .some(nil)) }
            XCTAssertLessThan(took, .seconds(1), "GET /health: \(health.text)")
            return health.status == 503 && health.json["status"] as? String == "busy"
        }
        let (health, _) = try await timed { try await client.send(.GET, "/health", token: .some(nil)) }
        XCTAssertEqual(health.json["agents"] as? Int, 1, health.text)
        XCTAssertGreaterThanOrEqual(health.json["busy_seconds"] as? Double ?? 0, 1, health.text)
        XCTAssertNotNil(health.json["busy_since"] as? String, health.text)
        let (rules, took) = try await timed { try await client.get("/rules") }
        XCTAssertLessThan(took, .seconds(1), "GET /rules reads what the engine published: \(rules.text)")

        let stop = timedStop(service)
        XCTAssertLessThan(stop.took, .seconds(1), service.stderr.output)
        XCTAssertEqual(stop.status, 3, "the documented exit code of a stop that cannot wait for the engine: \(service.stderr.output)")
        XCTAssertTrue(service.stderr.output.contains("stopping without waiting for the engine"), service.stderr.output)
    }

    func testANumberInAnyCommonSpellingNamesTheSameDialAndLead() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"], leads: 0)
        let added = try await client.post("/leads", #"{"numbers": ["(212) 555-0100", "212.555.0101", "+1 212 555 0100"]}"#)
        XCTAssertEqual(added.json["added"] as? Int, 2, "one lead however it is spelled: \(added.text)")
        _ = try await login(client, "a1")
        try await eventually("2 dial requests") { receiver.dials.count == 2 }
        // The call events of telephony, by number in another spelling (the path percent-encoded).
        let answered = try await client.post("/calls/%28212%29%20555-0100/events", #"{"event": "call_start"}"#)
        let agent = try XCTUnwrap(answered.json["agent"] as? [String: Any], answered.text)
        XCTAssertEqual(agent["status"] as? String, "in_call")
        XCTAssertEqual(agent["latest_lead_phone_number"] as? String, "+12125550100")
        let failed = try await client.post("/calls/212-555-0101/events", #"{"event": "call_fail"}"#)
        XCTAssertEqual((failed.json["agent"] as? [String: Any])?["in_flight"] as? Int, 0, failed.text)
        // A spelling that is no number is refused, naming it, and changes nothing.
        let before = try await client.agent("a1")
        let refused = try await client.post("/calls/212-555-01x0/events", #"{"event": "call_end"}"#, expect: 400)
        XCTAssertTrue(refused.text.contains("'212-555-01x0' is not a phone number"), refused.text)
        XCTAssertEqual(refused.json["field"] as? String, "number", refused.text)
        let after = try await client.agent("a1")
        XCTAssertEqual(after as NSDictionary, before as NSDictionary, "nothing changed")
        let ended = try await client.post("/calls/1%20212%20555%200100/events", #"{"event": "call_end"}"#)
        XCTAssertEqual((ended.json["agent"] as? [String: Any])?["status"] as? String, "ready", ended.text)
    }

    func testEveryRunawayPayloadIsStoppedWithinASecondAtEventTimeAndOnReload() async throws {
        let (service, client) = try await start(["--watch-interval", "0"])
        try await setUpAgents(client, ["a1"])
        let original = try String(contentsOfFile: rulesFile, encoding: .utf8)
        for (code, stop) in runawayPayloads {
            // In a handler: `off` × `keep_alive` (the first `keep_alive = ignore`).
            let cell = try XCTUnwrap(original.range(of: "  keep_alive = ignore,"))
            try editRules { _ in original.replacingCharacters(in: cell, with: "  keep_alive = function() \(code) end,") }
            try await client.post("/rules/reload", "")
            let (refused, took) = try await timed { try await client.send(.POST, "/agents/a1/events", body: #"{"event": "keep_alive"}"#) }
            XCTAssertLessThan(took, .seconds(1), code)
            XCTAssertEqual(refused.status, 422, "\(code): \(refused.text)")
            XCTAssertTrue(refused.text.contains("rules.lua:") && refused.text.contains(stop), "\(code): \(refused.text)")
            // At the top of the file: the reload is refused and the rules that were live stay.
            try editRules { _ in original + "\n\(code)\n" }
            let (rejected, loadTook) = try await timed { try await client.send(.POST, "/rules/reload") }
            XCTAssertLessThan(loadTook, .seconds(1), code)
            XCTAssertEqual(rejected.status, 422, "\(code): \(rejected.text)")
            XCTAssertTrue(rejected.text.contains(stop), "\(code): \(rejected.text)")
            let health = try await client.send(.GET, "/health", token: .some(nil))
            XCTAssertEqual(health.status, 200, "\(code): \(health.text)")
        }
        try editRules { _ in original }
        try await client.post("/rules/reload", "")
        let login = try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        XCTAssertEqual((login.json["agent"] as? [String: Any])?["status"] as? String, "ready", login.text)
        XCTAssertEqual(timedStop(service).status, 0, service.stderr.output)
    }

    func testARuleFileThatLoadsForeverHoldsNeitherTheEngineNorHTTPNorTheStop() async throws {
        let (service, client) = try await start(Self.runawayLimit)
        try await setUpAgents(client, ["a1"])
        let live = try await client.get("/rules").json["version"] as? String
        try editRules { $0 + "\nlocal n = 0\nwhile true do n = n + 1 end\n" }

        // The watcher loads it on the loader's thread (a probe may start that load itself, and wait).
        try await eventually("POST /rules/reload to be refused while the file loads") {
            let reply = try? await client.send(.POST, "/rules/reload", timeout: .seconds(1))
            return reply?.status == 409
        }
        let (refused, took) = try await timed { try await client.send(.POST, "/rules/reload") }
        XCTAssertLessThan(took, .seconds(1), "a reload while one loads is refused at once: \(refused.text)")
        XCTAssertEqual(refused.status, 409, refused.text)
        XCTAssertEqual(refused.json["field"] as? String, "rules", refused.text)
        // The engine takes events on the rules that were live, and /health says ok.
        let login = try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        XCTAssertEqual((login.json["agent"] as? [String: Any])?["status"] as? String, "ready", login.text)
        try await eventually("2 dial requests") { receiver.dials.count == 2 }
        let health = try await client.send(.GET, "/health", token: .some(nil))
        XCTAssertEqual(health.status, 200, health.text)
        let rules = try await client.get("/rules")
        XCTAssertEqual(rules.json["version"] as? String, live, "the rules that were live stay live")

        let stop = timedStop(service)
        XCTAssertLessThan(stop.took, .seconds(1), service.stderr.output)
        XCTAssertEqual(stop.status, 0, "the engine was free: a clean stop: \(service.stderr.output)")
        XCTAssertTrue(service.stderr.output.contains("stopped"), service.stderr.output)
    }

    // MARK: Bad requests change nothing

    /// What a refused request must leave as it was: every agent and every webhook request.
    private func snapshot(_ client: ServiceClient) async throws -> String {
        try await client.get("/agents").text + "\(receiver.requests.count) webhook requests"
    }

    func testAWrongOrMissingTokenIsRefusedWith401AndChangesNothing() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        let before = try await snapshot(client)
        for token in ["wrong", "", ServedDialer.token + "x"] as [String?] + [nil] {
            let reply = try await client.send(.POST, "/agents/a1/events", body: #"{"event": "login"}"#, token: .some(token))
            XCTAssertEqual(reply.status, 401, "token \(String(describing: token)): \(reply.text)")
            XCTAssertTrue((reply.json["error"] as? String ?? "").contains("bearer token"), reply.text)
        }
        let list = try await client.send(.GET, "/agents", token: .some(nil))
        XCTAssertEqual(list.status, 401)
        let reload = try await client.send(.POST, "/rules/reload", token: .some("wrong"))
        XCTAssertEqual(reload.status, 401)
        let health = try await client.send(.GET, "/health", token: .some(nil))
        XCTAssertEqual(health.status, 200, "health needs no token")
        let after = try await snapshot(client)
        XCTAssertEqual(after, before)
    }

    func testMalformedJSONAndUnknownEventsAreRefusedWith400NamingTheFieldAndChangeNothing() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        let before = try await snapshot(client)
        let cases: [(path: String, body: String, field: String?)] = [
            ("/agents/a1/events", #"{"event": "login""#, nil),
            ("/agents/a1/events", "", nil),
            ("/agents/a1/events", "[1, 2]", nil),
            ("/agents/a1/events", #"{"evnt": "login"}"#, "event"),
            ("/agents/a1/events", #"{"event": 5}"#, "event"),
            ("/agents/a1/events", #"{"event": "dance"}"#, "event"),
            ("/agents/a1/events", #"{"event": "dialing"}"#, "event"),
            ("/agents/a1/events", #"{"event": "call_start"}"#, "event"),
            ("/dials/1/events", #"{"event": "login"}"#, "event"),
            ("/dials/1/events", #"{"event": "call_fail", "reason": "sleepy"}"#, "reason"),
            ("/dials/1/events", #"{"event": "call_start", "reason": "busy"}"#, "reason"),
            ("/dials/one/events", #"{"event": "call_start"}"#, "dial_id"),
            ("/agents", #"{"agent_id": "a b"}"#, "agent_id"),
            ("/leads", #"{"numbers": ["+12125550100", "555-0100"]}"#, "numbers[1]"),
            ("/leads", #"{"numbers": "+12125550100"}"#, "numbers"),
        ]
        for (path, body, field) in cases {
            let reply = try await client.send(.POST, path, body: body)
            XCTAssertEqual(reply.status, 400, "POST \(path) \(body): \(reply.text)")
            XCTAssertEqual(reply.json["field"] as? String, field, "POST \(path) \(body): \(reply.text)")
            XCTAssertTrue((reply.json["error"] as? String ?? "").hasSuffix("nothing changed"), reply.text)
        }
        let after = try await snapshot(client)
        XCTAssertEqual(after, before)
    }

    func testAMethodAServedPathDoesNotTakeIsRefusedWith405NamingTheMethodsItTakes() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        let before = try await snapshot(client)
        for (method, path, allowed) in [
            (HTTPMethod.TRACE, "/agents", "GET, POST"), (.PUT, "/agents/a1", "DELETE, GET"), (.DELETE, "/health", "GET"),
            (.GET, "/rules/reload", "POST"), (.PATCH, "/dials/7/events", "POST"),
        ] {
            let reply = try await client.send(method, path)
            XCTAssertEqual(reply.status, 405, "\(method) \(path): \(reply.text)")
            XCTAssertEqual(reply.headers.first(name: "Allow"), allowed, "\(method) \(path)")
            XCTAssertEqual(reply.json["error"] as? String, "\(method) is not served on this path; it takes \(allowed)")
        }
        let unknown = try await client.send(.TRACE, "/nowhere")
        XCTAssertEqual(unknown.status, 404, unknown.text)
        let after = try await snapshot(client)
        XCTAssertEqual(after, before)
    }

    func testAnOversizedBodyIsRefusedWith413AndChangesNothing() async throws {
        let (_, client) = try await start(["--max-body", "1024"])
        try await setUpAgents(client, ["a1"])
        let before = try await snapshot(client)
        let padding = String(repeating: " ", count: 2000)
        let reply = try await client.send(.POST, "/agents/a1/events", body: #"{"event": "login"\#(padding)}"#)
        XCTAssertEqual(reply.status, 413, reply.text)
        XCTAssertTrue((reply.json["error"] as? String ?? "").contains("1024 bytes"), reply.text)
        let after = try await snapshot(client)
        XCTAssertEqual(after, before)
    }

    func testAHugeBadValueIsEchoedAsAShortExcerptAndChangesNothing() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        let before = try await snapshot(client)
        let huge = String(repeating: "7", count: 60_000)
        for (method, path, body, field) in [
            (HTTPMethod.POST, "/agents", #"{"agent_id": "\#(huge)"}"#, "agent_id"),
            (.POST, "/leads", #"{"numbers": ["+12125550100", "\#(huge)"]}"#, "numbers[1]"),
            (.POST, "/agents/a1/events", #"{"event": "\#(huge)"}"#, "event"),
            (.GET, "/agents/" + String(huge.prefix(4_000)), nil, "agent_id"),
        ] {
            let reply = try await client.send(method, path, body: body)
            XCTAssertEqual(reply.json["field"] as? String, field, reply.text.prefix(300) + "")
            XCTAssertLessThan(reply.text.utf8.count, 400, "\(method) \(path.prefix(20)): the value is not echoed whole")
            XCTAssertTrue(reply.text.contains("'\(huge.prefix(40))…' ("), reply.text.prefix(300) + "")
        }
        let after = try await snapshot(client)
        XCTAssertEqual(after, before)
    }

    func testUnknownAgentsDialsAndNumbersAre404AndStateConflictsAre409AndChangeNothing() async throws {
        let (_, client) = try await start()
        try await setUpAgents(client, ["a1"])
        let dials = dialIDs(try await client.post("/agents/a1/events", #"{"event": "login"}"#))
        try await eventually("2 dial requests") { receiver.dials.count == 2 }
        let before = try await snapshot(client)
        let refusals: [(method: HTTPMethod, path: String, body: String?, status: Int, field: String?)] = [
            (.POST, "/agents/zz/events", #"{"event": "login"}"#, 404, "agent_id"),
            (.GET, "/agents/zz", nil, 404, "agent_id"),
            (.DELETE, "/agents/zz", nil, 404, "agent_id"),
            (.POST, "/dials/99999/events", #"{"event": "call_start"}"#, 404, "dial_id"),
            (.POST, "/calls/+19995550100/events", #"{"event": "call_start"}"#, 404, "number"),
            (.POST, "/calls/not-a-number/events", #"{"event": "call_start"}"#, 400, "number"),
            (.POST, "/leads", #"{"numbers": ["+12125550100", "212-555-01x3"]}"#, 400, "numbers[1]"),
            (.POST, "/dials/\(dials[0])/events", #"{"event": "call_end"}"#, 409, "event"),
            (.POST, "/agents", #"{"agent_id": "a1"}"#, 409, "agent_id"),
            (.GET, "/no/such/route", nil, 404, nil),
        ]
        for refusal in refusals {
            let reply = try await client.send(refusal.method, refusal.path, body: refusal.body)
            XCTAssertEqual(reply.status, refusal.status, "\(refusal.method) \(refusal.path): \(reply.text)")
            XCTAssertEqual(reply.json["field"] as? String, refusal.field, "\(refusal.method) \(refusal.path): \(reply.text)")
        }
        let after = try await snapshot(client)
        XCTAssertEqual(after, before)

        try await client.post("/dials/\(dials[0])/events", #"{"event": "call_start"}"#)
        let inCall = try await client.send(.DELETE, "/agents/a1")
        XCTAssertEqual(inCall.status, 409, inCall.text)
        let status = try await client.agent("a1")["status"] as? String
        XCTAssertEqual(status, "in_call")
    }

    // MARK: Start-up and the echo receiver

    func testServeRefusesToStartWithoutATokenOrAWebhookOrOnABrokenRuleFile() throws {
        let noToken = try dialer(["serve", "--store", "memory:", "--webhook", "http://127.0.0.1:9/hook"])
        XCTAssertEqual(noToken.status, 64, noToken.err)
        XCTAssertTrue(noToken.err.contains("--token-file"), noToken.err)

        let tokenFile = try scratchFile("token", "secret\n")
        let noWebhook = try dialer(["serve", "--store", "memory:", "--token-file", tokenFile])
        XCTAssertEqual(noWebhook.status, 64, noWebhook.err)
        XCTAssertTrue(noWebhook.err.contains("--webhook"), noWebhook.err)

        try editRules { $0.replacingOccurrences(of: "DIAL_RATIO = 2", with: "DIAL_RATIO = 2 +") }
        let broken = try dialer([
            "serve", "--store", "memory:", "--token-file", tokenFile, "--webhook", receiver.url, "--rules", rulesFile, "--port", "0",
        ])
        XCTAssertEqual(broken.status, 2, broken.err)
        XCTAssertTrue(broken.err.contains(rulesFile + ":"), broken.err)
    }

    func testWebhookEchoPrintsEveryRequestBodyOnALine() async throws {
        let process = Process()
        process.executableURL = dialerExecutable
        process.arguments = ["webhook-echo", "--port", "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let output = OutputCollector(pipe)
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        try await eventually("webhook-echo to listen") { output.output.contains("listening on ") }
        let port = try XCTUnwrap(output.output.split(separator: "\n").first.flatMap { $0.split(separator: ":").last }.flatMap { Int($0) })
        let reply = try await ServiceClient(base: "http://127.0.0.1:\(port)", token: nil).send(
            .POST, "/hook", body: "{\"type\": \"dial\",\n \"dial_id\": 1}")
        XCTAssertEqual(reply.status, 200)
        try await eventually("the body printed") { output.output.contains("{\"type\": \"dial\",  \"dial_id\": 1}\n") }
    }
}
