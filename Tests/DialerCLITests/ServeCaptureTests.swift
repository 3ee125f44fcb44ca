import DialerCore
import Foundation
import XCTest

/// `dialer capture` of what a real `dialer serve` did over HTTP, on the wall clock: the
/// scenario replays what it decided (docs/capture.md).
final class ServeCaptureTests: XCTestCase {
    private var receiver: WebhookReceiver!
    private var service: ServedDialer?

    override func setUp() async throws {
        receiver = try await WebhookReceiver()
    }

    override func tearDown() async throws {
        service?.kill()
        await receiver.stop()
    }

    func testACaptureOfServedRequestsReplays() async throws {
        let directory = try scratchDirectory(["rules.lua": try rulesAtAnyHour()])
        let served = try await ServedDialer(
            store: "sqlite:\(directory)/dialer.sqlite", rules: directory + "/rules.lua", webhook: receiver.url, directory: directory)
        service = served
        let client = ServiceClient(base: served.base)
        for agent in ["a1", "a2"] { try await client.post("/agents", #"{"agent_id": "\#(agent)"}"#, expect: 201) }
        let leads = (0..<30).map { "\"\(LeadList.fictionalNumber($0))\"" }.joined(separator: ", ")
        try await client.post("/leads", #"{"numbers": [\#(leads)]}"#)
        let a1 = try await client.post("/agents/a1/events", #"{"event": "login"}"#).dialIDs
        let a2 = try await client.post("/agents/a2/events", #"{"event": "login"}"#).dialIDs
        XCTAssertEqual(a1.count + a2.count, 4, "two lines each")
        // The window starts on the next whole second, with two agents dialing.
        let from = Date().timeIntervalSince1970.rounded(.up)
        try await Task.sleep(for: .seconds(from - Date().timeIntervalSince1970 + 0.01))
        try await client.post("/dials/\(a1[0])/events", #"{"event": "call_fail", "reason": "busy"}"#)
        try await client.post("/dials/\(a1[1])/events", #"{"event": "call_start"}"#)
        try await client.post("/dials/\(a2[0])/events", #"{"event": "call_start"}"#)
        try await client.post("/rules/reload", "")
        try await client.post("/dials/\(a2[1])/events", #"{"event": "call_start"}"#)  // a2 is talking: dropped
        try await client.post("/campaign/pause", "")
        let a1Ready = try await client.post("/dials/\(a1[1])/events", #"{"event": "call_end"}"#)
        XCTAssertEqual(a1Ready.dialIDs, [], "paused: a1 is ready and dials nothing")
        try await client.post("/agents/a2/events", #"{"event": "keep_alive"}"#)
        try await client.post("/campaign/resume", "")  // a dialing event for each ready agent (a1)
        served.terminate()

        let out = directory + "/served.lua"
        let capture = try dialer(["capture", "--store", "sqlite:\(directory)/dialer.sqlite", "--from", "\(Int(from))", "-o", out])
        XCTAssertEqual(capture.status, 0, capture.err)
        XCTAssertTrue(capture.err.contains("inputs for 2 agents written to \(out); replayed: passes"), capture.err)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(text.contains("call_fail(\"a1\", "), text)
        XCTAssertTrue(text.contains("reload_rules \"\(directory)/rules.lua\""), text)
        XCTAssertTrue(text.contains("\"dropped\")"), text)
        XCTAssertTrue(text.contains("pause_dialing()") && text.contains("resume_dialing()"), text)
        let replay = try dialer(["replay", out])
        XCTAssertEqual(replay.status, 0, replay.out + replay.err)
    }
}
