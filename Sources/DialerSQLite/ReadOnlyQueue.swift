import Foundation
import GRDB

/// A read-only connection to a SQLite file, that works where the process may write nothing.
enum ReadOnlyQueue {
    /// Opens `path` read-only and reads its schema once, so a file that cannot be read fails
    /// here. A WAL file needs its `-shm` beside it, which a read-only directory cannot get:
    /// when there is no `-wal` either (the last writer closed cleanly, so everything is in the
    /// main file), the file is opened as immutable instead (`?immutable=1`: no locks, no `-shm`).
    static func open(_ path: String, configuration: Configuration) throws -> DatabaseQueue {
        var config = configuration
        config.readonly = true
        do {
            return try probed(DatabaseQueue(path: path, configuration: config))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN && !FileManager.default.fileExists(atPath: path + "-wal") {
            let escaped = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f").replacingOccurrences(
                of: "#", with: "%23")
            return try probed(DatabaseQueue(path: "file:\(escaped)?immutable=1", configuration: config))
        }
    }

    private static func probed(_ queue: DatabaseQueue) throws -> DatabaseQueue {
        _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
        return queue
    }
}
