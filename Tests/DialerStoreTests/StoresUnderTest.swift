import DialerCore
import DialerSQLite
import Foundation
import XCTest

/// One kind of store the shared suite runs against. `open` connects anew to the same
/// database each time, as a restarted process or a second node would.
struct StoreUnderTest {
    var name: String
    /// Whether two `open`s share data (false for the in-memory store).
    var shared: Bool
    var open: () throws -> any AgentStore
}

/// A fresh temporary folder.
func temporaryDirectory() -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dialer-store-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// The embedded store kinds, each on a new empty database.
func embeddedStoresUnderTest() -> [StoreUnderTest] {
    let memory = InMemoryAgentStore()
    let path = temporaryDirectory().appendingPathComponent("dialer.sqlite").path
    return [
        StoreUnderTest(name: "memory", shared: false, open: { memory }),
        StoreUnderTest(name: "sqlite", shared: true, open: { try SQLiteAgentStore(path: path, busyTimeout: 1) }),
    ]
}

/// Runs `body` once per store kind, naming the kind in failures. The embedded stores always
/// run; PostgreSQL runs when the test server is configured and is reported skipped otherwise.
func forEachStore(file: StaticString = #filePath, line: UInt = #line, _ body: (StoreUnderTest) throws -> Void) throws {
    func check(_ store: StoreUnderTest) {
        do {
            try body(store)
        } catch {
            XCTFail("[\(store.name)] \(error)", file: file, line: line)
        }
    }
    embeddedStoresUnderTest().forEach(check)
    try postgresStoresUnderTest().forEach(check)
}
