import Foundation

/// Looks at the rule file every `interval` seconds and asks the host to reload when its
/// contents changed. A file refused once is not tried again until it changes again, so a
/// half-saved file is refused, and the complete one loads at the next look.
struct RuleFileWatcher: Sendable {
    let file: String
    let interval: Double
    let host: EngineHost

    /// Polls until cancelled.
    func run() async {
        var seen = await host.rules.version
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            } catch {
                return
            }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            let version = LiveRules.version(of: text)
            guard version != seen else { continue }
            seen = version
            _ = try? await host.reload(source: text, trigger: .watch)
        }
    }
}
