import DialerCore
import DialerReference
import DialerSQLite
import Foundation
import XCTest

/// `dialer serve` journals every input it acknowledges, in the transaction of its effects: a
/// SIGKILL in the middle of a stream of requests leaves in the journal every input whose
/// request was answered 2xx, none that was refused, and, beyond the acknowledged ones, only
/// inputs whose request was still in flight when the process died (their effects committed,
/// the answer lost with the process).
final class ServeJournalTests: XCTestCase {
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

    /// What one worker of the stream sent: numbers acknowledged, refused, and in flight at the kill.
    private struct Sent {
        var acknowledged: [String] = []
        var refused: [String] = []
        var unanswered: [String] = []
    }

    /// Sends leads (each a new number) and callbacks for unknown numbers (refused) until a
    /// request gets no answer: the process is gone.
    private static func stream(_ client: ServiceClient, worker: Int) async -> Sent {
        var sent = Sent()
        for i in 0..<1_000 {
            let number = "+1312555\(String(format: "%04d", worker * 2_000 + i))"
            let refusedNumber = "+1646555\(String(format: "%04d", worker * 2_000 + i))"
            do {
                let added = try await client.send(.POST, "/leads", body: #"{"numbers": ["\#(number)"]}"#, timeout: .seconds(5))
                guard (200..<300).contains(added.status) else { return sent }
                sent.acknowledged.append(number)
            } catch {
                sent.unanswered.append(number)
                return sent
            }
            let callback = try? await client.send(
                .POST, "/leads/\(refusedNumber)/callback", body: #"{"at": "2030-01-01T10:00:00Z"}"#, timeout: .seconds(5))
            if let callback, !(200..<300).contains(callback.status) { sent.refused.append(refusedNumber) }
        }
        return sent
    }

    func testASigkilledServiceJournaledEveryAcknowledgedInputAndNothingRefused() async throws {
        let file = directory + "/dialer.sqlite"
        let served = try await ServedDialer(store: "sqlite:\(file)", rules: directory + "/rules.lua", webhook: receiver.url, directory: directory)
        service = served
        let client = ServiceClient(base: served.base)
        // Acknowledged one by one: agents, leads, a callback, a login, a call event, a reload.
        try await client.post("/agents", #"{"agent_id": "a1"}"#, expect: 201)
        let leads = (0..<20).map { LeadList.fictionalNumber($0) }
        try await client.post("/leads", #"{"numbers": [\#(leads.map { "\"\($0)\"" }.joined(separator: ", "))]}"#)
        try await client.post("/leads/\(leads[19])/callback", #"{"at": "2030-01-01T10:00:00Z"}"#)
        let dials = try await client.post("/agents/a1/events", #"{"event": "login"}"#).dialIDs
        let failed = try XCTUnwrap(dials.first, "the login dialed")
        try await client.post("/dials/\(failed)/events", #"{"event": "call_fail", "reason": "busy"}"#)
        try await client.post("/agents/nobody/events", #"{"event": "login"}"#, expect: 404)
        try await client.post("/rules/reload", "")
        // Then a stream from four workers, killed once 40 leads are acknowledged.
        let workers = (0..<4).map { worker in Task { await Self.stream(client, worker: worker) } }
        let store = try SQLiteAgentStore(path: file, access: .readOnly)
        try await eventually("40 leads of the stream journaled") {
            try store.journalEntries(from: .start, to: .end, limit: .max).filter { $0.kind == .leadsAdded }.count >= 41
        }
        served.kill()
        var sent = Sent()
        for worker in workers {
            let one = await worker.value
            sent.acknowledged += one.acknowledged
            sent.refused += one.refused
            sent.unanswered += one.unanswered
        }
        let journal = try SQLiteAgentStore(path: file).journalEntries()
        try checkTheAcknowledgedStart(journal, leads: leads, failedNumber: try number(of: failed, in: file))
        let journaledLeads = journal.dropFirst(7).compactMap { entry -> String? in
            guard case .leadsAdded(let added) = entry.input else { return nil }
            return added.first?.number
        }
        XCTAssertGreaterThanOrEqual(sent.acknowledged.count, 36, "40 journaled, of which at most one a worker still waited for")
        XCTAssertEqual(sent.unanswered.count, 4, "each worker was cut off by the kill, mid-stream")
        XCTAssertEqual(Set(sent.acknowledged).subtracting(journaledLeads), [], "every acknowledged lead is journaled")
        XCTAssertEqual(
            Set(journaledLeads).subtracting(sent.acknowledged).subtracting(sent.unanswered), [],
            "nothing journaled that was not sent and acknowledged (or in flight at the kill)")
        XCTAssertEqual(journaledLeads.count, Set(journaledLeads).count, "each input once")
        XCTAssertFalse(sent.refused.isEmpty)
        let callbacks = journal.filter { $0.kind == .callback }
        XCTAssertEqual(callbacks.count, 1, "the refused callbacks are not journaled")
        XCTAssertEqual(journal.map(\.sequence), journal.map(\.sequence).sorted())
    }

    /// The inputs acknowledged before the stream, in order, as sent.
    private func checkTheAcknowledgedStart(_ journal: [JournalEntry], leads: [String], failedNumber: String) throws {
        let rules = try String(contentsOfFile: directory + "/rules.lua", encoding: .utf8)
        let sha = TextDigest.sha256(rules)
        XCTAssertEqual(
            Array(journal.prefix(7).map(\.input)),
            [
                .rules(file: directory + "/rules.lua", sha256: sha, text: rules, seed: 1, trigger: "start"),
                .agentAdded(agentID: "a1"),
                .leadsAdded(numbers: leads),
                .callback(number: leads[19], at: 1_893_492_000),
                .event(agentID: "a1", kind: .login, number: nil, reason: nil),
                .event(agentID: "a1", kind: .callFail, number: failedNumber, reason: .busy),
                .rules(file: directory + "/rules.lua", sha256: sha, text: rules, seed: 1, trigger: "api"),
            ])
        XCTAssertFalse(journal.contains { $0.input == .event(agentID: "nobody", kind: .login, number: nil, reason: nil) })
        let times = journal.map(\.time)
        XCTAssertEqual(times, times.sorted(), "in the engine clock's order")
    }

    private func number(of dialID: Int, in file: String) throws -> String {
        try XCTUnwrap(try SQLiteAgentStore(path: file, access: .readOnly).loadDials().first { $0.id == dialID }?.number)
    }
}
