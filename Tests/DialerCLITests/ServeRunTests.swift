import DialerBenchmarks
import XCTest

/// `dialer bench`'s serve row reads wrk's report as wrk writes it.
final class ServeRunTests: XCTestCase {
    private static let report = """
        50 agents in a call on http://127.0.0.1:33141; wrk for 15s with 32 connections:
        Running 15s test @ http://127.0.0.1:33141
          2 threads and 32 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     2.48ms  812.00us  17.99ms   77.01%
            Req/Sec     6.53k   642.82     7.86k    64.33%
          Latency Distribution
             50%  812.00us
             75%    2.64ms
             90%    3.24ms
             99%    1.02s
          199111 requests in 15.02s, 119.40MB read
          Non-2xx or 3xx responses: 7
        Requests/sec:  13085.70
        Transfer/sec:      7.95MB
        """

    func testItReadsTheRateThePercentilesInTheirUnitsAndTheFailedResponses() throws {
        let run = try XCTUnwrap(ServeRun(wrkOutput: Self.report))
        XCTAssertEqual(run.requestsPerSecond, 13_085.70)
        XCTAssertEqual(run.p50Milliseconds, 0.812, accuracy: 1e-9)
        XCTAssertEqual(run.p99Milliseconds, 1_020, accuracy: 1e-9)
        XCTAssertEqual(run.failedResponses, 7)
        let line = run.summary(connections: 32, seconds: 15)
        XCTAssertTrue(line.contains("13,086 requests/s, p50 0.81 ms, p99 1020.00 ms, 7 failed (target ≥ 30,000/s, p99 ≤ 10 ms: not met)"), line)
    }

    func testAReportWithoutARateOrA99thPercentileIsNoRun() {
        XCTAssertNil(ServeRun(wrkOutput: "wrk is missing: apt-get install -y wrk"))
        XCTAssertNil(ServeRun(wrkOutput: Self.report.replacingOccurrences(of: "99%    1.02s", with: "")))
    }
}
