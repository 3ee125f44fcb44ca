import Foundation
import XCTest

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `dialer` executable of the same build: the test bundle sits next to its products.
let dialerExecutable: URL = {
    var dir = Bundle.main.bundleURL
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("dialer")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return repositoryRoot.appendingPathComponent(".build/debug/dialer")
}()

/// Runs `dialer` with `arguments` from the repository root and waits for it; `environment`
/// is added to the test's own.
func dialer(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = dialerExecutable
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    return try outputs(of: process)
}

/// Runs a prepared process and returns its exit status, standard output and standard error;
/// a process killed by a signal has the signal's negated number as its status (SIGKILL: -9).
func outputs(of process: Process) throws -> (status: Int32, out: String, err: String) {
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let status = process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    return (status, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// Runs a system tool (`arguments[0]` is its path) quietly; whether it exited 0.
func succeeds(_ arguments: [String]) -> Bool {
    let tool = Process()
    tool.executableURL = URL(fileURLWithPath: arguments[0])
    tool.arguments = Array(arguments.dropFirst())
    tool.standardOutput = FileHandle.nullDevice
    tool.standardError = FileHandle.nullDevice
    guard (try? tool.run()) != nil else { return false }
    tool.waitUntilExit()
    return tool.terminationStatus == 0
}

/// A new temporary directory holding `files` (name → text); returns its path.
func scratchDirectory(_ files: [String: String] = [:]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dialer-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return dir.path
}

/// One file in a new temporary directory; returns its path.
func scratchFile(_ name: String, _ text: String) throws -> String {
    try scratchDirectory([name: text]) + "/" + name
}

/// The test PostgreSQL (`DIALER_TEST_POSTGRES_URL`) with a new schema `PREFIX_…`, so runs never
/// meet; skips without a server, except in CI, where a missing server fails.
func postgresTestURL(schemaPrefix: String) throws -> String {
    guard let base = ProcessInfo.processInfo.environment["DIALER_TEST_POSTGRES_URL"], !base.isEmpty else {
        if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("DIALER_TEST_POSTGRES_URL is not set in CI") }
        throw XCTSkip("needs DIALER_TEST_POSTGRES_URL: export DIALER_TEST_POSTGRES_URL=$(scripts/start-test-postgres.sh)")
    }
    return base + "?schema=\(schemaPrefix)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
}
