import DialerCore
import Foundation
import XCTest

/// The README's "Serve it" walk-through, run as written with the service's clock at 03:00 in
/// New York (`DIALER_TEST_CLOCK`), hours before calling hours open: the walk-through's rule
/// file lifts them, so it dials; the shipped rules dial nobody, and the login reply says why.
final class WalkThroughTests: XCTestCase {
    /// 03:00 in New York; calling hours (08:00 there) open at 13:00 UTC.
    private static let threeInTheMorning = "2026-01-15T03:00:00-05:00"
    /// The line the walk-through appends to its rule file.
    private static let demoLine = "LEADS = { hours = false }  -- demo only: never lift calling hours live"
    private static let numbers = ["+12125550100", "+12125550101", "+12125550102"]

    private var receiver: WebhookReceiver!
    private var services: [ServedDialer] = []

    override func setUp() async throws { receiver = try await WebhookReceiver() }

    override func tearDown() async throws {
        services.forEach { $0.kill() }
        await receiver.stop()
    }

    /// `cp rules/default.lua my.lua` and `sed -i 's/^DIAL_RATIO = 2/DIAL_RATIO = 3/' my.lua`,
    /// then `extra` appended; served at 03:00 in New York.
    private func serve(appending extra: String) async throws -> ServiceClient {
        let shipped = try String(contentsOf: repositoryRoot.appendingPathComponent("rules/default.lua"), encoding: .utf8)
        let edited = shipped.replacing(/(?m)^DIAL_RATIO = 2/, with: "DIAL_RATIO = 3")
        XCTAssertNotEqual(edited, shipped, "the sed line still finds DIAL_RATIO = 2")
        let directory = try scratchDirectory(["my.lua": edited + extra])
        let service = try await ServedDialer(
            store: "sqlite:\(directory)/dialer.sqlite", rules: directory + "/my.lua", webhook: receiver.url, directory: directory,
            environment: ["DIALER_TEST_CLOCK": Self.threeInTheMorning])
        services.append(service)
        XCTAssertTrue(service.stderr.output.contains("for tests only, never live"), "the shifted clock is logged: \(service.stderr.output)")
        return ServiceClient(base: service.base)
    }

    /// The walk-through's requests up to the login; returns the login's reply.
    private func walkThrough(_ client: ServiceClient) async throws -> Reply {
        let agent = try await client.post("/agents", #"{"agent_id": "a1"}"#, expect: 201)
        XCTAssertEqual(agent.json["status"] as? String, "off")
        let list = Self.numbers.map { "\"\($0)\"" }.joined(separator: ", ")
        let leads = try await client.post("/leads", #"{"numbers": [\#(list)]}"#)
        XCTAssertEqual(leads.json["added"] as? Int, 3)
        return try await client.post("/agents/a1/events", #"{"event": "login"}"#)
    }

    /// The `warnings` of every step of an event reply, as (code, message).
    private func warnings(_ reply: Reply) -> [(code: String, message: String)] {
        (reply.json["steps"] as? [[String: Any]] ?? []).flatMap { step in
            (step["warnings"] as? [[String: Any]] ?? []).map { ($0["code"] as? String ?? "", $0["message"] as? String ?? "") }
        }
    }

    func testTheReadmeWalkThroughDialsAtThreeInTheMorningInNewYork() async throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("echo '\(Self.demoLine)' >> my.lua"), "the README appends the line this test serves")
        let client = try await serve(appending: "\n\(Self.demoLine)\n")
        let login = try await walkThrough(client)
        let agent = try XCTUnwrap(login.json["agent"] as? [String: Any], login.text)
        XCTAssertEqual(agent["status"] as? String, "ready")
        XCTAssertEqual(agent["cdc"] as? Int, 3)
        XCTAssertEqual(warnings(login).map(\.code), [], login.text)
        XCTAssertEqual(login.dialIDs.count, 3, login.text)
        try await eventually("3 dial requests at the webhook, got \(receiver.requests)") { receiver.dials.count == 3 }
        XCTAssertEqual(Set(receiver.dials.compactMap { $0["number"] as? String }), Set(Self.numbers))
    }

    func testOutsideCallingHoursTheLoginReplySaysWhyAndWhenTheNextLeadIsDialable() async throws {
        let client = try await serve(appending: "")
        let login = try await walkThrough(client)
        XCTAssertEqual((login.json["agent"] as? [String: Any])?["status"] as? String, "ready", login.text)
        XCTAssertEqual(login.dialIDs, [], "nobody is dialed at 03:00: \(login.text)")
        let noLeads = warnings(login).filter { $0.code == "no_leads" }
        XCTAssertEqual(
            noLeads.map(\.message), ["no lead can be dialed now: 3 outside calling hours; the next becomes dialable at 2026-01-15 13:00 UTC"],
            login.text)
    }
}
