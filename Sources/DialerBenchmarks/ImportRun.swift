public import DialerCore
import Foundation

extension EngineBenchmarks {
    /// Writes a lead list of `rows` rows (`phone,id,name,priority`, numbers spelled
    /// `(212) 555-0100`, seeded, distinct) to `path`, a chunk at a time so writing it does not
    /// weigh on the import's memory.
    public static func writeLeadList(rows: Int, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data("phone,id,name,priority\n".utf8)) else {
            throw BenchmarkError(message: "cannot write the lead list \(path)")
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        try file.seekToEnd()
        var generator = try NANPNumberGenerator(seed: 1)
        var seen: Set<PhoneNumber> = []
        var written = 0
        while written < rows {
            var chunk = ""
            while written < rows, chunk.utf8.count < 1 << 20 {
                let number = generator.next()
                guard seen.insert(number).inserted else { continue }
                chunk += "(\(number.areaCode)) \(number.exchange)-\(String(number.e164.suffix(4))),L\(written),Lead \(written),\(written % 3)\n"
                written += 1
            }
            try file.write(contentsOf: Data(chunk.utf8))
        }
    }

    /// Imports the list at `path` into `store` as `dialer leads import` does; its seconds.
    public static func importLeads(from path: String, into store: any AgentStore) throws -> (seconds: Double, outcome: LeadImport.Outcome) {
        var outcome: LeadImport.Outcome?
        let seconds = try wallSeconds { outcome = try LeadImport.run(file: path, into: { store }, rejected: { _ in }).outcome }
        guard let outcome else { throw BenchmarkError(message: "the import of \(path) did not run") }
        return (seconds, outcome)
    }
}

/// The most this process has held resident so far, in bytes. On Linux the high-water mark of
/// its own memory map (`VmHWM` in `/proc/self/status`): `getrusage`'s `ru_maxrss` keeps the
/// figure of the process that forked it across `exec`, so a probe started by a bench that had
/// grown to 370 MB reported 370 MB whatever it held itself. Elsewhere `getrusage`; 0 where unknown.
public func peakResidentBytes() -> Int {
    #if os(Linux)
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return kilobytes * 1024
    #else
        var usage = rusage()
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)  // bytes on Darwin
    #endif
}
