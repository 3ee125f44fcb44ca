/// Numbers as text, the same on every platform and locale. Readable reports (`dialer report`,
/// the `simulate`, `soak` and `bench` summaries) group thousands (`12,345`); machine outputs
/// (CSV, JSON, log lines other programs parse) keep plain numbers (`fixed`).
public enum NumberFormat {
    /// `12,345` for 12345; `-1,000` for -1000.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }

    /// `12,345.7` for 12345.67 with 1 decimal: `fixed` with thousands grouped.
    public static func readable(_ value: Double, decimals: Int) -> String { format(value, decimals: decimals, grouped: true) }

    /// `12.34%` for 0.1234 (thousands grouped, should a share pass 10).
    public static func percent(_ share: Double, decimals: Int = 2) -> String { readable(share * 100, decimals: decimals) + "%" }

    /// `3.14` for π with 2 decimals, no grouping (for CSV and other machine outputs); rounds half
    /// away from zero.
    public static func fixed(_ value: Double, decimals: Int) -> String { format(value, decimals: decimals, grouped: false) }

    /// `8:05:12` for 29112 seconds.
    public static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let minutes = (total / 60) % 60
        let secs = total % 60
        return "\(total / 3600):\(minutes < 10 ? "0" : "")\(minutes):\(secs < 10 ? "0" : "")\(secs)"
    }

    private static func format(_ value: Double, decimals: Int, grouped: Bool) -> String {
        guard value.isFinite, abs(value) < 9e15 else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let unit = Int64(scale)
        let whole = grouped ? Self.grouped(Int(scaled / unit)) : String(scaled / unit)
        guard decimals > 0 else { return sign + whole }
        let fraction = String(scaled % unit)
        return sign + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
