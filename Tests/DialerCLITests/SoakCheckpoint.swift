import DialerCore
import XCTest

/// A `checkpoint events=… dials=… agent=… ts=…` line of `dialer soak`: everything up to it is
/// committed.
struct SoakCheckpoint {
    var events: Int
    var dials: Int
    var agent: String
    var timestamp: Double?

    init?(_ line: Substring) {
        guard line.hasPrefix("checkpoint ") else { return nil }
        var fields: [String: String] = [:]
        for pair in line.split(separator: " ").dropFirst() {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
        }
        guard let events = fields["events"].flatMap(Int.init), let dials = fields["dials"].flatMap(Int.init), let agent = fields["agent"] else {
            return nil
        }
        self.events = events
        self.dials = dials
        self.agent = agent
        timestamp = fields["ts"].flatMap(Double.init)
    }

    /// The checkpoints in `output`, in order (a last line cut off mid-way is left out).
    static func all(in output: String) -> [SoakCheckpoint] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()  // after the last newline: unfinished
        return lines.compactMap(SoakCheckpoint.init)
    }

    /// Fails the test unless `store` holds everything the checkpoint says was committed.
    func assertHolds(in store: any AgentStore, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertGreaterThanOrEqual(try store.loadDials().count, dials, "committed dials are missing", file: file, line: line)
        let state = try XCTUnwrap(try store.listAgents().first { $0.agentID == agent }, "\(agent) is missing", file: file, line: line)
        if let timestamp {
            XCTAssertGreaterThanOrEqual(state.timestamp ?? -1, timestamp, "\(agent)'s committed state is missing", file: file, line: line)
        }
    }
}
