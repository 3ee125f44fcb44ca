import DialerCore
import XCTest

/// Every lead is either dialed and recorded (done, with a final call record), in a dial
/// that is open, or dialable again: at once after a cancelled dial, or after the retry
/// delay or lockout its latest outcome sets (the soak's rules keep the default policy);
/// its attempts count its finished dials. With `someDone`, some lead must be done (a run long
/// enough to finish calls).
func assertEveryLeadIsAccountedFor(_ store: any AgentStore, someDone: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
    let dials = try store.loadDials()
    let latest = Dictionary(dials.map { ($0.number, $0) }, uniquingKeysWith: { $0.id > $1.id ? $0 : $1 })
    let attempts = Dictionary(grouping: dials.filter { $0.outcome?.isAttempt == true }, by: \.number).mapValues(\.count)
    let policy = RetryPolicy()
    var counts: [LeadState: Int] = [:]
    for lead in try store.listLeads() {
        counts[lead.state, default: 0] += 1
        XCTAssertEqual(lead.attempts, attempts[lead.number] ?? 0, "lead \(lead.number)'s attempts", file: file, line: line)
        switch lead.state {
        case .available:
            guard let dial = latest[lead.number], let outcome = dial.outcome else { continue }
            let wait = outcome == .cancelled ? nil : policy.delay(after: outcome).map { (dial.endedAt ?? 0) + $0 }
            XCTAssertNotNil(policy.delay(after: outcome), "available lead \(lead.number) has a dial that used it up", file: file, line: line)
            XCTAssertEqual(lead.eligibleAt, wait, "available lead \(lead.number) waits as its last outcome says", file: file, line: line)
            XCTAssertLessThan(lead.attempts, policy.maxAttempts, "lead \(lead.number) is out of attempts", file: file, line: line)
        case .dialing:
            let dial = try XCTUnwrap(latest[lead.number], "lead \(lead.number) is dialing without a call record", file: file, line: line)
            XCTAssertTrue(
                dial.outcome == nil || dial.outcome == .connected, "lead \(lead.number) is dialing but its dial ended", file: file, line: line)
        case .done:
            let dial = try XCTUnwrap(latest[lead.number], "lead \(lead.number) is done without a call record", file: file, line: line)
            XCTAssertTrue(
                dial.outcome?.isAttempt == true,
                "lead \(lead.number) is done but its dial is \(String(describing: dial.outcome))", file: file, line: line)
        }
    }
    if someDone { XCTAssertGreaterThan(counts[.done, default: 0], 0, file: file, line: line) }
}
