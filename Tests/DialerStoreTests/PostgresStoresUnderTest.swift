import DialerCore
import DialerPostgres
import Foundation
import XCTest

/// The PostgreSQL server the tests use: `DIALER_TEST_POSTGRES_URL`, as printed by
/// `scripts/start-test-postgres.sh`. CI always sets it; without it (a developer's plain
/// `swift test`) the PostgreSQL tests are reported as skipped, never passed.
func testPostgresURL() throws -> String {
    if let url = ProcessInfo.processInfo.environment["DIALER_TEST_POSTGRES_URL"], !url.isEmpty { return url }
    if ProcessInfo.processInfo.environment["CI"] != nil {
        XCTFail("DIALER_TEST_POSTGRES_URL is not set in CI: .ci/run must start PostgreSQL (scripts/start-test-postgres.sh)")
    }
    throw XCTSkip("PostgreSQL tests need DIALER_TEST_POSTGRES_URL: export DIALER_TEST_POSTGRES_URL=$(scripts/start-test-postgres.sh)")
}

/// A URL for a new, empty schema on the test server.
func freshPostgresURL() throws -> String {
    let base = try testPostgresURL()
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    return base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
}

/// PostgreSQL in the shared suite: each `open` is the same node connecting anew, as a
/// restarted process does (it takes its own leases back at once).
func postgresStoresUnderTest() throws -> [StoreUnderTest] {
    let url = try freshPostgresURL()
    return [StoreUnderTest(name: "postgres", shared: true, open: { try PostgresAgentStore(url: url, nodeID: "test-node", leaseSeconds: 30) })]
}
