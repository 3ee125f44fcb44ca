import DialerCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One writing process per SQLite store: an exclusive `flock` on the file beside it
/// (`PATH.lock`), which records the holder's pid for the refusal of the next one.
///
/// SQLite's own locks only serialize transactions: two dialers on one file would both run,
/// and the second's recovery would cancel the first's live dials. The lock is the process's:
/// stores of one process on one file share it (counted), it is released when the last of them
/// goes, and the kernel releases it when the process dies, so a stale lock file never blocks.
/// The lock file is never deleted: a process that unlinks it could let two others lock two
/// different files.
final class WriterLock {
    /// The lock file.
    let path: String
    private let key: Key

    /// Takes the lock of the store at `storePath`, or throws `inUse` naming the holder's pid.
    init(storePath: String, store: String) throws(StoreError) {
        path = storePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .unavailable(store: store, reason: "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .unavailable(store: store, reason: "cannot read the lock file \(path): \(reason)")
        }
        key = Key(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        try Self.held.withLock { held throws(StoreError) in
            if let entry = held[key] {  // this process holds it already
                close(fd)
                held[key] = (entry.fd, entry.count + 1)
                return
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let failure = errno
                let pid = Self.recordedPID(fd)
                close(fd)
                if failure == EWOULDBLOCK { throw .inUse(store: store, lockFile: path, pid: pid) }
                throw .unavailable(store: store, reason: "cannot lock \(path): \(String(cString: strerror(failure)))")
            }
            let line = "\(getpid())\n"
            _ = ftruncate(fd, 0)
            _ = line.withCString { pwrite(fd, $0, strlen($0), 0) }
            held[key] = (fd, 1)
        }
    }

    deinit {
        Self.held.withLock { held in
            guard let entry = held[key] else { return }
            if entry.count > 1 {
                held[key] = (entry.fd, entry.count - 1)
            } else {
                held[key] = nil
                close(entry.fd)  // releases the flock
            }
        }
    }

    /// The pid the holder wrote, if it has written it yet.
    private static func recordedPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// A lock file, by identity rather than by spelling of its path.
    private struct Key: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// The locks this process holds: descriptor and how many stores use each.
    private static let held = LockedDictionary()

    /// The table of held locks behind a mutex (stores may be opened on any thread).
    private final class LockedDictionary: @unchecked Sendable {
        // @unchecked: `entries` is only touched under `lock`.
        private let lock = NSLock()
        private var entries: [Key: (fd: Int32, count: Int)] = [:]

        func withLock<T, E: Error>(_ body: (inout [Key: (fd: Int32, count: Int)]) throws(E) -> T) throws(E) -> T {
            lock.lock()
            defer { lock.unlock() }
            return try body(&entries)
        }
    }
}
