import AsyncHTTPClient
import DialerCore
import DialerSQLite
import Foundation
import NIOCore
import XCTest

/// The wallboard's routes on a real `dialer serve`: the page holds no data, its data and its
/// stream are refused without the token, the stream takes a ticket once, and its snapshots
/// follow the engine.
final class WallboardServeTests: XCTestCase {
    private var receiver: WebhookReceiver!
    private var service: ServedDialer?
    private var directory = ""

    override func setUp() async throws {
        receiver = try await WebhookReceiver()
        directory = try scratchDirectory(["rules.lua": try rulesAtAnyHour()])
    }

    override func tearDown() async throws {
        service?.kill()
        await receiver.stop()
    }

    private func start() async throws -> ServiceClient {
        let served = try await ServedDialer(
            store: "sqlite:\(directory)/dialer.sqlite", rules: directory + "/rules.lua", webhook: receiver.url, directory: directory)
        service = served
        return ServiceClient(base: served.base)
    }

    private func ticket(_ client: ServiceClient) async throws -> String {
        let reply = try await client.send(.POST, "/wallboard/ticket")
        XCTAssertEqual(reply.status, 201, reply.text)
        return try XCTUnwrap(reply.json["ticket"] as? String)
    }

    func testWithoutTheTokenThePageHoldsNoDataAndItsDataAndStreamAreRefused() async throws {
        let client = try await start()
        try await client.post("/agents", #"{"agent_id": "secret-agent"}"#, expect: 201)
        let page = try await client.send(.GET, "/ui", token: .some(nil))
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("<title>dialer wallboard</title>"), page.text)
        XCTAssertFalse(page.text.contains("secret-agent"), "the page itself holds no data")
        XCTAssertFalse(page.text.contains("http://") || page.text.contains("https://"), "nothing loaded from elsewhere")
        for token in [nil, "wrong"] as [String?] {
            let data = try await client.send(.GET, "/wallboard", token: .some(token))
            XCTAssertEqual(data.status, 401, data.text)
            let ticket = try await client.send(.POST, "/wallboard/ticket", token: .some(token))
            XCTAssertEqual(ticket.status, 401, ticket.text)
        }
        let bare = try await client.send(.GET, "/wallboard/stream", token: .some(nil))
        XCTAssertEqual(bare.status, 401)
        XCTAssertEqual(bare.json["field"] as? String, "ticket")
        let forged = try await client.send(.GET, "/wallboard/stream?ticket=0123456789abcdef0123456789abcdef", token: .some(nil))
        XCTAssertEqual(forged.status, 401, forged.text)
        XCTAssertFalse(forged.text.contains("secret-agent"))
        let bearerOnly = try await client.send(.GET, "/wallboard/stream", token: .some(ServedDialer.token))
        XCTAssertEqual(bearerOnly.status, 401, "the stream takes a ticket, not the token")
    }

    func testTheStreamTakesATicketOnceAndItsSnapshotsFollowTheEngine() async throws {
        let client = try await start()
        try await client.post("/agents", #"{"agent_id": "a1"}"#, expect: 201)
        try await client.post("/leads", #"{"numbers": ["+12125550100", "+12125550101"]}"#)
        let ticket = try await ticket(client)
        let stream = try await SnapshotStream(base: client.base, ticket: ticket)
        defer { stream.close() }
        try await eventually("a first snapshot") { !stream.snapshots.isEmpty }
        XCTAssertEqual((stream.snapshots[0]["agents"] as? [[String: Any]])?.first?["status"] as? String, "off")
        try await client.post("/agents/a1/events", #"{"event": "login"}"#)
        try await eventually("a snapshot with a1 ready, got \(stream.snapshots.count)") {
            (stream.snapshots.last?["agents"] as? [[String: Any]])?.first?["status"] as? String == "ready"
        }
        let last = try XCTUnwrap(stream.snapshots.last)
        XCTAssertEqual((last["agents"] as? [[String: Any]])?.first?["in_flight"] as? Int, 2)
        XCTAssertEqual(last["dials_in_flight"] as? Int, 2)

        let again = try await client.send(.GET, "/wallboard/stream?ticket=" + ticket, token: .some(nil))
        XCTAssertEqual(again.status, 401, "a ticket is spent once: \(again.text)")
    }

    func testTheWallboardShowsTheLastRefusedReloadAndThePausedSwitch() async throws {
        let client = try await start()
        try "DIAL_RATIO = three\n".write(toFile: directory + "/rules.lua", atomically: true, encoding: .utf8)
        try await eventually("the watcher to refuse the broken file") {
            try await client.get("/wallboard").json["reload_error"] != nil
        }
        let board = try await client.get("/wallboard").json
        let message = (board["reload_error"] as? [String: Any])?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("rules.lua:1"), message)
        try await client.post("/campaign/pause", "")
        let paused = try await client.get("/wallboard").json
        XCTAssertEqual(paused["dialing_paused"] as? Bool, true)
    }

    /// The 30-day abandon rate counts the store's earlier calls placed in the window and this
    /// run's, not calls older than 30 days; the shift's counts this run's only.
    func testTheTrailingAbandonRateCountsTheStoresCallsOfTheLast30DaysAndThisRuns() async throws {
        do {
            let store = try SQLiteAgentStore(path: "\(directory)/dialer.sqlite")
            let now = Date().timeIntervalSince1970
            let day = 86_400.0
            let earlier = (0..<9).map { LeadList.fictionalNumber(100 + $0) }
            _ = try store.addLeads(earlier)
            let ids = Array(try store.reserveDialIDs(9))
            func ended(_ index: Int, _ outcome: DialOutcome, daysAgo: Double) -> Dial {
                var dial = Dial(id: ids[index], agentID: "old", number: earlier[index], dialedAt: now - daysAgo * day)
                dial.answeredAt = dial.dialedAt + 5
                dial.endedAt = dial.dialedAt + 60
                dial.outcome = outcome
                return dial
            }
            var batch = StoreBatch()
            batch.dials =
                (0..<3).map { ended($0, .completed, daysAgo: 10) } + [ended(3, .dropped, daysAgo: 29)]
                + (4..<9).map { ended($0, .dropped, daysAgo: 31) }  // outside the window
            try store.commit(batch)
        }
        let client = try await start()
        try await client.post("/agents", #"{"agent_id": "a1"}"#, expect: 201)
        try await client.post("/leads", #"{"numbers": ["+12125550100", "+12125550101"]}"#)
        let dials = try await client.post("/agents/a1/events", #"{"event": "login"}"#).dialIDs
        XCTAssertEqual(dials.count, 2)
        try await client.post("/dials/\(dials[0])/events", #"{"event": "call_start"}"#)
        try await client.post("/dials/\(dials[1])/events", #"{"event": "call_start"}"#)  // a1 is busy: dropped

        let board = try await client.get("/wallboard").json
        let shift = try XCTUnwrap(board["shift"] as? [String: Any])
        XCTAssertEqual(shift["answered"] as? Int, 2)
        XCTAssertEqual(shift["drops"] as? Int, 1)
        let trailing = try XCTUnwrap(board["trailing"] as? [String: Any])
        XCTAssertEqual(trailing["days"] as? Int, 30)
        XCTAssertEqual(trailing["answered"] as? Int, 6, "4 answered in the window before, 2 in this run: \(trailing)")
        XCTAssertEqual(trailing["drops"] as? Int, 2, "1 dropped in the window before, 1 in this run; 5 older ones do not count: \(trailing)")
        XCTAssertEqual(try XCTUnwrap(trailing["abandon_rate"] as? Double), 2.0 / 6.0, accuracy: 1e-9)
        let since = try XCTUnwrap(trailing["since"] as? Double)
        XCTAssertEqual(since, Date().timeIntervalSince1970 - 30 * 86_400, accuracy: 3600, "the window began 30 days before the start")
        try await eventually("a minute in the chart") { (try await client.get("/wallboard").json["minutes"] as? [Any])?.isEmpty == false }
        let minutes = try await client.get("/wallboard").json["minutes"] as? [[String: Any]]
        let minute = try XCTUnwrap(minutes?.last)
        XCTAssertEqual(Set(minute.keys), ["start", "utilisation", "samples", "answered", "drops", "abandon_rate"])
    }

    func testSIGTERMStopsCleanlyWhileAStreamIsOpen() async throws {
        let client = try await start()
        let stream = try await SnapshotStream(base: client.base, ticket: try await ticket(client))
        defer { stream.close() }
        try await eventually("a first snapshot") { !stream.snapshots.isEmpty }
        let served = try XCTUnwrap(service)
        served.process.terminate()
        try await eventually("serve to stop with a stream open", seconds: 10) { !served.process.isRunning }
        XCTAssertEqual(served.process.terminationStatus, 0, served.stderr.output)
    }
}

/// A wallboard stream read as it comes: its `snapshot` events, parsed.
final class SnapshotStream: @unchecked Sendable {
    // @unchecked: `text` is only touched under `lock`; `task` is set once in init.
    private let lock = NSLock()
    private var text = ""
    private var task: Task<Void, any Error>?

    /// Opens `/wallboard/stream` with `ticket`; fails unless it answers 200 with an event stream.
    init(base: String, ticket: String) async throws {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/wallboard/stream?ticket=" + ticket), timeout: .seconds(60))
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(response.headers.first(name: "Content-Type"), "text/event-stream; charset=utf-8")
        task = Task { [self] in
            for try await chunk in response.body { lock.withLock { text += String(buffer: chunk) } }
        }
    }

    /// The snapshots received so far.
    var snapshots: [[String: Any]] {
        let events = lock.withLock { text }.components(separatedBy: "event: snapshot\ndata: ").dropFirst()
        return events.compactMap { event in
            guard event.contains("\n\n") else { return nil }  // not all there yet
            return (try? JSONSerialization.jsonObject(with: Data(event.components(separatedBy: "\n\n")[0].utf8))) as? [String: Any]
        }
    }

    /// Stops reading.
    func close() { task?.cancel() }
}
