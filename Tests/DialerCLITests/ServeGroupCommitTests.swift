import Foundation
import XCTest

/// `serve` commits the event requests that come in together in one transaction, and still
/// answers each as if it had been handled alone, after its commit.
final class ServeGroupCommitTests: XCTestCase {
    private var receiver: WebhookReceiver!
    private var service: ServedDialer?
    private var directory = ""

    override func setUp() async throws {
        receiver = try await WebhookReceiver()
        // off × keep_alive: agent "slow" holds the engine thread a while, "bad" fails, the rest mark themselves (cdc 1).
        let cell = """
              keep_alive = function(agent)
                if agent.agent_id == "slow" then local n = 0 for i = 1, 100000000 do n = n + 1 end end
                if agent.agent_id == "bad" then error("refused on purpose") end
                set { cdc = agent.cdc + 1 }
              end,
            """
        let rules = try rulesAtAnyHour()
        let first = try XCTUnwrap(rules.range(of: "  keep_alive = ignore,"))
        directory = try scratchDirectory(["rules.lua": rules.replacingCharacters(in: first, with: cell)])
    }

    override func tearDown() async throws {
        service?.kill()
        await receiver.stop()
    }

    func testRequestsThatComeTogetherCommitTogetherAndEachGetsItsOwnAnswer() async throws {
        let served = try await ServedDialer(
            store: "sqlite:\(directory)/dialer.sqlite", rules: directory + "/rules.lua", webhook: receiver.url, directory: directory,
            extra: ["--max-instructions", "1000000000", "--max-rule-ms", "20000"])
        service = served
        let client = ServiceClient(base: served.base)
        let agents = (0..<12).map { "a\($0)" }
        for id in ["slow", "bad"] + agents { try await client.post("/agents", #"{"agent_id": "\#(id)"}"#, expect: 201) }

        // While "slow" holds the engine thread, the others wait: they make up the next group.
        let slow = Task { try await client.send(.POST, "/agents/slow/events", body: #"{"event": "keep_alive"}"#, timeout: .seconds(30)) }
        try await eventually("the engine thread to be busy with agent slow") {
            try await client.send(.GET, "/health", token: .some(nil)).json["busy_since"] != nil
        }
        let replies = try await withThrowingTaskGroup(of: (String, Reply).self) { group in
            for id in agents + ["bad", "twice", "a0"] {
                let agent = id == "twice" ? "a1" : id
                group.addTask { (agent, try await client.send(.POST, "/agents/\(agent)/events", body: #"{"event": "keep_alive"}"#)) }
            }
            group.addTask { ("dial", try await client.send(.POST, "/dials/999999/events", body: #"{"event": "call_fail"}"#)) }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let slowReply = try await slow.value
        XCTAssertEqual(slowReply.status, 200, slowReply.text)

        for (agent, reply) in replies {
            switch agent {
            case "bad":
                XCTAssertEqual(reply.status, 422, reply.text)
                XCTAssertTrue(reply.text.contains("refused on purpose"), reply.text)
            case "dial":
                XCTAssertEqual(reply.status, 404, reply.text)
            default:
                XCTAssertEqual(reply.status, 200, "\(agent): \(reply.text)")
                let shown = try XCTUnwrap(reply.json["agent"] as? [String: Any])
                XCTAssertEqual(shown["agent_id"] as? String, agent, reply.text)
                let steps = try XCTUnwrap(reply.json["steps"] as? [[String: Any]])
                XCTAssertEqual(steps.map { $0["agent_id"] as? String }, [agent], reply.text)
                // a0 and a1 each had two events in the group: each reply shows the agent as its own event left it.
                XCTAssertTrue([1, 2].contains(shown["cdc"] as? Int), reply.text)
            }
        }
        for agent in ["a0", "a1"] {
            let counts = replies.filter { $0.0 == agent }.compactMap { ($0.1.json["agent"] as? [String: Any])?["cdc"] as? Int }
            XCTAssertEqual(counts.sorted(), [1, 2], "\(agent): the first reply shows 1, the second 2")
        }

        // The waiting requests were committed as groups, not one by one.
        let metrics = try await client.get("/metrics").text
        let groups = try XCTUnwrap(Self.sample("dialer_commit_group_size_count", in: metrics), metrics)
        let requests = try XCTUnwrap(Self.sample("dialer_commit_group_size_sum", in: metrics), metrics)
        XCTAssertEqual(requests, 17, "every event request, the refused ones too: \(metrics)")
        XCTAssertLessThan(groups, requests, "at least one transaction committed several requests: \(metrics)")

        // Committed: a restart on the same store finds every accepted event's change, and none of the refused one's.
        XCTAssertEqual(served.terminate(), 0, served.stderr.output)
        let again = try await ServedDialer(
            store: "sqlite:\(directory)/dialer.sqlite", rules: directory + "/rules.lua", webhook: receiver.url, directory: directory)
        service = again
        let restarted = ServiceClient(base: again.base)
        for agent in agents + ["bad", "slow"] {
            let cdc = try await restarted.agent(agent)["cdc"] as? Int
            XCTAssertEqual(cdc, ["a0", "a1"].contains(agent) ? 2 : agent == "bad" ? 0 : 1, agent)
        }
    }

    /// The value of the sample `series` (name and labels as written) in a Prometheus text exposition.
    private static func sample(_ series: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }
}
