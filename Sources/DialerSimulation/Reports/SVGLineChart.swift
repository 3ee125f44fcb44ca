import DialerCore

/// A hand-written SVG line chart of per-minute values over a shift: hour ticks along the
/// bottom, five value ticks up the side, a title on each axis, an optional dashed reference line
/// (a target), and a legend. Coordinates are printed with one decimal, so the same data gives the same text.
struct SVGLineChart {
    /// One line.
    struct Series {
        /// The legend's text.
        var name: String
        /// A CSS colour.
        var color: String
        /// One value per minute; `nil` leaves a gap (nothing to show that minute).
        var values: [Double?]
        /// Drawn dashed and thinner (a secondary view of the same run).
        var dashed = false
    }

    /// Lines to draw.
    var series: [Series]
    /// How values are written on the axis.
    var format: (Double) -> String
    /// Fixed top of the value axis; by default a round number above the largest value.
    var top: Double?
    /// A horizontal line, e.g. the abandon target.
    var reference: (value: Double, label: String)?
    /// What the value axis measures, written up its side, e.g. `abandon rate (%)`.
    var valueTitle: String
    /// What the time axis measures, written under it.
    var timeTitle = "hours since the first login"

    private let width = 880.0
    private let height = 290.0
    private let left = 72.0
    private let right = 16.0
    private let topMargin = 14.0
    private let bottom = 86.0

    init(
        series: [Series], valueTitle: String, format: @escaping (Double) -> String, top: Double? = nil,
        reference: (value: Double, label: String)? = nil
    ) {
        self.series = series
        self.valueTitle = valueTitle
        self.format = format
        self.top = top
        self.reference = reference
    }

    func render(title: String) -> String {
        let minutes = max(1, series.map(\.values.count).max() ?? 1)
        let largest = max(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0, reference.map { $0.value * 1.25 } ?? 0)
        let yTop = top ?? Self.roundUp(largest)
        let plotWidth = width - left - right
        let plotHeight = height - topMargin - bottom
        func x(_ minute: Double) -> Double { left + plotWidth * minute / Double(minutes) }
        func y(_ value: Double) -> Double { topMargin + plotHeight * (1 - min(max(value / yTop, 0), 1)) }
        func n(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 1) }

        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">\n"
        svg +=
            "<rect x=\"\(n(left))\" y=\"\(n(topMargin))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"#fafafa\" stroke=\"#ccc\"/>\n"
        for step in 0...5 {
            let value = yTop * Double(step) / 5
            svg += "<line x1=\"\(n(left))\" y1=\"\(n(y(value)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(value)))\" stroke=\"#e4e4e4\"/>"
            svg += "<text x=\"\(n(left - 6))\" y=\"\(n(y(value) + 4))\" text-anchor=\"end\" font-size=\"11\">\(HTML.escape(format(value)))</text>\n"
        }
        let hours = Double(minutes) / 60
        let every = hours <= 12 ? 1 : hours <= 48 ? 4 : 24
        for hour in stride(from: 0, through: Int(hours), by: every) {
            let at = x(Double(hour * 60))
            svg +=
                "<line x1=\"\(n(at))\" y1=\"\(n(topMargin + plotHeight))\" x2=\"\(n(at))\" y2=\"\(n(topMargin + plotHeight + 4))\" stroke=\"#888\"/>"
            svg += "<text x=\"\(n(at))\" y=\"\(n(topMargin + plotHeight + 16))\" text-anchor=\"middle\" font-size=\"11\">\(hour) h</text>\n"
        }
        svg +=
            "<text class=\"axis-title\" x=\"\(n(left + plotWidth / 2))\" y=\"\(n(topMargin + plotHeight + 34))\" text-anchor=\"middle\" font-size=\"12\">\(HTML.escape(timeTitle))</text>\n"
        let middle = topMargin + plotHeight / 2
        svg +=
            "<text class=\"axis-title\" x=\"14\" y=\"\(n(middle))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 \(n(middle)))\">\(HTML.escape(valueTitle))</text>\n"
        if let reference {
            svg +=
                "<line x1=\"\(n(left))\" y1=\"\(n(y(reference.value)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(reference.value)))\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>"
            svg +=
                "<text x=\"\(n(width - right - 4))\" y=\"\(n(y(reference.value) - 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">\(HTML.escape(reference.label))</text>\n"
        }
        for line in series {
            let style = line.dashed ? " stroke-width=\"1\" stroke-dasharray=\"3 2\" opacity=\"0.7\"" : " stroke-width=\"1.5\""
            var segment: [String] = []
            func close() {
                if !segment.isEmpty {
                    svg += "<polyline fill=\"none\" stroke=\"\(line.color)\"\(style) points=\"\(segment.joined(separator: " "))\"/>\n"
                }
                segment = []
            }
            for (minute, value) in line.values.enumerated() {
                guard let value else {
                    close()
                    continue
                }
                segment.append("\(n(x(Double(minute) + 0.5))),\(n(y(value)))")
            }
            close()
        }
        var legendX = left
        for line in series {
            let legendY = height - 14
            svg +=
                "<line x1=\"\(n(legendX))\" y1=\"\(n(legendY - 4))\" x2=\"\(n(legendX + 18))\" y2=\"\(n(legendY - 4))\" stroke=\"\(line.color)\" stroke-width=\"2\"\(line.dashed ? " stroke-dasharray=\"3 2\"" : "")/>"
            svg += "<text x=\"\(n(legendX + 22))\" y=\"\(n(legendY))\" font-size=\"11\">\(HTML.escape(line.name))</text>\n"
            legendX += 30 + Double(line.name.count) * 6.2
        }
        return svg + "</svg>"
    }

    /// 1, 2 or 5 times a power of ten, at least `value` (1 for 0).
    static func roundUp(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        var scale = 1.0
        while scale * 10 <= value { scale *= 10 }
        while scale > value { scale /= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * scale >= value { return factor * scale }
        return 10 * scale
    }
}
