import Foundation

/// A progress bar with an ETA on standard error, drawn only when standard error is a terminal
/// (never into a file or a pipe, so reports and logs stay the same on every run).
final class ProgressBar {
    private let enabled: Bool
    private let label: String
    private let start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?

    /// A bar for `label`; silent unless standard error is a terminal (and `TERM` is not `dumb`).
    init(label: String) {
        self.label = label
        enabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Redraws the bar (at most ten times a second): `done` of `total` virtual seconds.
    func update(done: Double, total: Double) {
        guard enabled else { return }
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < .milliseconds(100) { return }
        lastDraw = now
        let fraction = total > 0 ? min(max(done / total, 0), 1) : 1
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let elapsed = Self.seconds(now - start)
        let eta = fraction > 0.001 ? elapsed * (1 - fraction) / fraction : nil
        let line =
            "\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: "-", count: width - filled))] "
            + "\(Int(fraction * 100))% of the shift, ETA \(eta.map { String(format: "%.0f s", $0) } ?? "…")  "
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: label.count + 70) + "\r").utf8))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
