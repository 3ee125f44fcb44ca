import Foundation

/// Looks at a rule file (live or shadow) every `interval` seconds and reloads it when its contents changed.
/// A file refused once is not tried again until it changes again, so a half-saved file is
/// refused, and the complete one loads at the next look.
struct RuleFileWatcher: Sendable {
    let interval: Double
    let reloader: RuleReloader

    /// Polls until cancelled.
    func run() async {
        var seen = await reloader.destination.version()
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            } catch {
                return
            }
            guard let text = try? String(contentsOfFile: reloader.file, encoding: .utf8) else { continue }
            let version = LiveRules.version(of: text)
            guard version != seen else { continue }
            do {
                _ = try await reloader.reload(source: text, trigger: .watch)
            } catch {
                if case .reloadInProgress = error { continue }  // another reload is loading: look again next time
            }
            seen = version
        }
    }
}
