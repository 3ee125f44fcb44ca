import DialerCore
import DialerSimulation
import Logging
import XCTest

/// The file log handler: virtual time, level, message and sorted metadata on one line.
final class LogFileTests: XCTestCase {
    func testLinesCarryTheVirtualClockTheLevelAndSortedMetadata() throws {
        let path = try temporaryDirectory() + "/test.log"
        let clock = VirtualClock()
        let file = try LogFile(path: path, clock: clock)
        var logger = Logger(label: "test") { _ in FileLogHandler(file: file, level: .info) }
        logger[metadataKey: "node"] = "n1"
        clock.advance(to: 3723.4567)
        logger.info("hello", metadata: ["b": "2", "a": "1"])
        logger.debug("below the level")
        clock.advance(to: 3723.5)
        logger.warning("careful")
        file.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, "01:02:03.457 INFO     hello a=1 b=2 node=n1\n01:02:03.500 WARNING  careful node=n1\n")
    }

    func testAFolderThatCannotBeWrittenIsAnOutputError() {
        XCTAssertThrowsError(try LogFile(path: "/nonexistent-folder/dialer.log", clock: VirtualClock())) { error in
            XCTAssertEqual(
                error as? SimulationError,
                .output(path: "/nonexistent-folder/dialer.log", reason: "the file cannot be created (does the folder exist and is it writable?)"))
        }
    }
}
