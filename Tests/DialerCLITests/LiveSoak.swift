import Foundation

/// A `dialer soak` running in the background, its checkpoints read as it prints them.
final class LiveSoak {
    /// The soak's process.
    let process = Process()
    private let out = Pipe()
    /// Everything it printed so far.
    private(set) var text = ""

    /// Starts `dialer soak` with `arguments` (standard error discarded).
    init(_ arguments: [String]) throws {
        process.executableURL = dialerExecutable
        process.currentDirectoryURL = repositoryRoot
        process.arguments = ["soak"] + arguments
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Reads until `count` checkpoints were printed, the soak stopped, or a minute passed (a
    /// guard against hanging); returns the checkpoints.
    func checkpoints(atLeast count: Int) -> [SoakCheckpoint] {
        var checkpoints = SoakCheckpoint.all(in: text)
        let deadline = Date().addingTimeInterval(60)
        while checkpoints.count < count && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            checkpoints = SoakCheckpoint.all(in: text)
        }
        return checkpoints
    }

    /// SIGKILL, then waits: a crash.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) } }
}
