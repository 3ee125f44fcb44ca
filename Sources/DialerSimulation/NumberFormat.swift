/// Fixed-point text for reports, the same on every platform and locale.
enum NumberFormat {
    /// `12.34%` for 0.1234.
    static func percent(_ share: Double, decimals: Int = 2) -> String { fixed(share * 100, decimals: decimals) + "%" }

    /// `3.14` for π with 2 decimals; rounds half away from zero.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(scaled) }
        let unit = Int64(scale)
        let fraction = String(scaled % unit)
        return sign + String(scaled / unit) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `8:05:12` for 29112 seconds.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let minutes = (total / 60) % 60
        let secs = total % 60
        return "\(total / 3600):\(minutes < 10 ? "0" : "")\(minutes):\(secs < 10 ? "0" : "")\(secs)"
    }
}
