import DialerCore
import Foundation
import XCTest

/// `POST /campaign/pause` and `/campaign/resume` on a real `dialer serve`: no new dial request
/// reaches the webhook while paused, calls in progress go on, and the switch outlives a restart.
final class CampaignPauseTests: XCTestCase {
    private var receiver: WebhookReceiver!
    private var services: [ServedDialer] = []
    private var directory = ""

    override func setUp() async throws {
        receiver = try await WebhookReceiver()
        directory = try scratchDirectory(["rules.lua": try rulesAtAnyHour(), "power.lua": try rulesAtAnyHour("rules/power.lua")])
    }

    override func tearDown() async throws {
        services.forEach { $0.kill() }
        await receiver.stop()
    }

    private func start(rules: String = "rules.lua") async throws -> (ServedDialer, ServiceClient) {
        let service = try await ServedDialer(
            store: "sqlite:\(directory)/dialer.sqlite", rules: directory + "/" + rules, webhook: receiver.url, directory: directory)
        services.append(service)
        return (service, ServiceClient(base: service.base))
    }

    private func paused(_ client: ServiceClient) async throws -> (route: Bool?, metric: String?) {
        let route = try await client.get("/campaign").json["dialing_paused"] as? Bool
        let metric = try await client.get("/metrics").text.split(separator: "\n").first { $0.hasPrefix("dialer_dialing_paused ") }
        return (route, metric.map(String.init))
    }

    private func warnings(_ reply: Reply) -> [String] {
        (reply.json["steps"] as? [[String: Any]] ?? []).flatMap { ($0["warnings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String } }
    }

    func testPausedNoDialReachesTheWebhookCallsGoOnARestartKeepsItAndResumingDialsAgain() async throws {
        let (first, client) = try await start()
        for id in ["a1", "a2"] { try await client.post("/agents", #"{"agent_id": "\#(id)"}"#, expect: 201) }
        let numbers = (0..<20).map { "\"\(LeadList.fictionalNumber($0))\"" }.joined(separator: ", ")
        try await client.post("/leads", #"{"numbers": [\#(numbers)]}"#)
        let a1Dials = try await client.post("/agents/a1/events", #"{"event": "login"}"#).dialIDs
        XCTAssertEqual(a1Dials.count, 2)
        try await client.post("/dials/\(a1Dials[0])/events", #"{"event": "call_start"}"#)
        try await eventually("a1's 2 dial requests") { receiver.dials.count == 2 }
        let before = try await paused(client)
        XCTAssertEqual(before.route, false)
        XCTAssertEqual(before.metric, "dialer_dialing_paused 0.0")

        let pause = try await client.post("/campaign/pause", "")
        XCTAssertEqual(pause.json["dialing_paused"] as? Bool, true, pause.text)
        let login = try await client.post("/agents/a2/events", #"{"event": "login"}"#)
        XCTAssertEqual(login.dialIDs, [], login.text)
        XCTAssertEqual(warnings(login), [PausableLeadSource.pausedReason], "the no_leads warning says why")
        // a1's parallel dial fails: its rules dial again, and get nothing while paused.
        let failed = try await client.post("/dials/\(a1Dials[1])/events", #"{"event": "call_fail", "reason": "busy"}"#)
        XCTAssertEqual(failed.dialIDs, [], failed.text)
        let a1 = try await client.agent("a1")
        XCTAssertEqual(a1["status"] as? String, "in_call", "the call in progress goes on")
        let during = try await paused(client)
        XCTAssertEqual(during.route, true)
        XCTAssertEqual(during.metric, "dialer_dialing_paused 1.0")

        XCTAssertEqual(first.terminate(), 0)
        let (_, again) = try await start()
        let restarted = try await paused(again)
        XCTAssertEqual(restarted.route, true, "paused across the restart")
        XCTAssertEqual(restarted.metric, "dialer_dialing_paused 1.0")
        let ended = try await again.post("/dials/\(a1Dials[0])/events", #"{"event": "call_end"}"#)
        XCTAssertEqual(ended.dialIDs, [], "a1's call ended while paused: \(ended.text)")
        XCTAssertEqual(receiver.dials.count, 2, "no dial request while paused: \(receiver.dials)")

        let resume = try await again.post("/campaign/resume", "")
        XCTAssertEqual(resume.json["dialing_paused"] as? Bool, false, resume.text)
        let resumed = try await paused(again)
        XCTAssertEqual(resumed.metric, "dialer_dialing_paused 0.0")
        try await again.post("/agents/a2/events", #"{"event": "logout"}"#)
        let relogin = try await again.post("/agents/a2/events", #"{"event": "login"}"#)
        XCTAssertEqual(relogin.dialIDs.count, 2, relogin.text)
        try await eventually("a2's dial requests after resuming") { receiver.dials.count == 4 }
        XCTAssertEqual(Set(receiver.dials.suffix(2).compactMap { $0["agent_id"] as? String }), ["a2"])
    }

    func testResumingDialsForAnAgentThatBecameReadyWhilePausedWithoutAnotherEvent() async throws {
        // power.lua keeps cdc equal to the dials really out, so its ready × dialing tops them up.
        let (_, client) = try await start(rules: "power.lua")
        try await client.post("/agents", #"{"agent_id": "a1"}"#, expect: 201)
        let numbers = (0..<10).map { "\"\(LeadList.fictionalNumber($0))\"" }.joined(separator: ", ")
        try await client.post("/leads", #"{"numbers": [\#(numbers)]}"#)
        try await client.post("/campaign/pause", "")
        let login = try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        XCTAssertEqual(login.dialIDs, [], login.text)
        XCTAssertEqual(warnings(login), [PausableLeadSource.pausedReason])
        let waiting = try await client.agent("a1")
        XCTAssertEqual(waiting["status"] as? String, "ready")
        XCTAssertEqual(receiver.dials.count, 0, "no dial request while paused: \(receiver.dials)")

        let resume = try await client.post("/campaign/resume", "")
        XCTAssertEqual(resume.json["dialing_paused"] as? Bool, false, resume.text)
        XCTAssertEqual(resume.json["dials_in_flight"] as? Int, 2, "the resume's own dialing event dialed: \(resume.text)")
        try await eventually("a1's 2 dial requests after the resume, with no other event") { receiver.dials.count == 2 }
        XCTAssertEqual(Set(receiver.dials.compactMap { $0["agent_id"] as? String }), ["a1"])
        let dialing = try await client.agent("a1")
        XCTAssertEqual((dialing["ringing"] as? [Any])?.count, 2, "\(dialing)")
        let resumedAgain = try await client.post("/campaign/resume", "")
        XCTAssertEqual(resumedAgain.json["dials_in_flight"] as? Int, 2, "resuming a running campaign dials nothing more")
    }

    func testPauseAndResumeNeedTheTokenAndAWrongOneChangesNothing() async throws {
        let (_, client) = try await start()
        for path in ["/campaign/pause", "/campaign/resume"] {
            let reply = try await client.send(.POST, path, token: .some("wrong"))
            XCTAssertEqual(reply.status, 401, "\(path): \(reply.text)")
        }
        let campaign = try await client.send(.GET, "/campaign", token: .some(nil))
        XCTAssertEqual(campaign.status, 401)
        let after = try await paused(client)
        XCTAssertEqual(after.route, false)
    }
}
