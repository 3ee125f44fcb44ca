import Foundation

/// Writes a report file, creating its folder; false (with a message) if it cannot.
func save(_ text: String, to path: String) -> Bool {
    do {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return true
    } catch {
        printError("cannot write \(path): \(error.localizedDescription)")
        return false
    }
}
