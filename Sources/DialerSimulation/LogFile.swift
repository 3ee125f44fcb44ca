public import DialerCore
import Foundation

/// A log file written in lines, each stamped with the engine's (virtual) clock so that a
/// simulation's logs are the same on every run. Lines are buffered and written in chunks;
/// `close()` writes the rest.
///
/// `@unchecked Sendable`: swift-log handlers must be `Sendable`; every mutable field is touched
/// only under `lock`.
public final class LogFile: @unchecked Sendable {
    /// Where the file is.
    public let path: String
    private let lock = NSLock()
    private let handle: FileHandle
    private let clock: any EngineClock
    private var buffer: [UInt8] = []
    private var closed = false

    /// Creates (or truncates) the file; its folder must exist.
    public init(path: String, clock: any EngineClock) throws(SimulationError) {
        self.path = path
        self.clock = clock
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw .output(path: path, reason: "the file cannot be created (does the folder exist and is it writable?)")
        }
        self.handle = handle
        buffer.reserveCapacity(Self.chunk)
    }

    deinit { close() }

    /// Appends one line: the clock as `HH:MM:SS.mmm` since the start, then `text`.
    public func write(_ text: String) {
        lock.withLock {
            guard !closed else { return }
            buffer.append(contentsOf: Self.stamp(clock.now).utf8)
            buffer.append(0x20)
            buffer.append(contentsOf: text.utf8)
            buffer.append(0x0A)
            if buffer.count >= Self.chunk { flushLocked() }
        }
    }

    /// Writes what is buffered and closes the file; later lines are dropped.
    public func close() {
        lock.withLock {
            guard !closed else { return }
            flushLocked()
            try? handle.close()
            closed = true
        }
    }

    /// `01:02:03.456` for 3723.456 seconds.
    public static func stamp(_ time: Timestamp) -> String {
        let millis = Int((max(0, time) * 1000).rounded())
        let (hours, rest) = (millis / 3_600_000, millis % 3_600_000)
        let (minutes, rest2) = (rest / 60_000, rest % 60_000)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = rest2 % 1000
        return "\(two(hours)):\(two(minutes)):\(two(rest2 / 1000)).\(ms < 10 ? "00" : ms < 100 ? "0" : "")\(ms)"
    }

    private func flushLocked() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    private static let chunk = 1 << 16
}
