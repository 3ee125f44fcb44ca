import Foundation
import XCTest

/// A full disk makes every commit fail: `dialer soak` stops with exit code 2 and the store's
/// message instead of counting refusals and exiting 0, and carries on once there is space.
final class FullDiskTests: XCTestCase {
    func testSoakStopsWithExitCode2WhenTheDiskIsFullAndCarriesOnWithSpace() throws {
        let directory = try scratchDirectory()
        guard getuid() == 0, succeeds(["/bin/mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", directory]) else {
            throw XCTSkip("needs root and mount for a small tmpfs (scripts/full-disk.sh shows the same by hand)")
        }
        defer { _ = succeeds(["/bin/umount", directory]) }
        let store = "sqlite:\(directory)/full.sqlite"
        let full = try dialer([
            "soak", "--store", store, "--agents", "10", "--leads", "1500", "--events", "100000000", "--checkpoint-every", "100000",
        ])
        XCTAssertEqual(full.status, 2, full.out)
        XCTAssertTrue(full.err.hasPrefix("soak stopped after "), full.err)
        XCTAssertTrue(full.err.contains("store commit failed: \(store): the disk is full; free space and retry"), full.err)
        XCTAssertEqual(try dialer(["agents", "list", "--store", store]).status, 0, "a full store is still readable")

        XCTAssertTrue(succeeds(["/bin/mount", "-o", "remount,size=4m", directory]))
        let again = try dialer(["soak", "--store", store, "--agents", "10", "--leads", "0", "--events", "500", "--verify"])
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertTrue(again.out.contains("invariants ok"), again.out)
    }
}
