/// Plain-text columns for readable reports: a header, a rule of dashes, rows. Numeric columns
/// (`12,345`, `3.5%`, `21.0 s`, `+1.20 pts`, `-` where there is nothing) are right-aligned, title
/// included, so their digits line up; other columns are left-aligned.
public struct TextTable: Sendable {
    /// The column titles.
    public var header: [String]
    /// Rows of cells, as many as the header.
    public var rows: [[String]]
    /// The right-aligned columns, by index; `nil`: every column whose cells are all figures
    /// (phone numbers are figures too, so a table listing them says which columns are numeric).
    public var numericColumns: Set<Int>?

    /// A table with these titles and rows.
    public init(header: [String], rows: [[String]] = [], numericColumns: Set<Int>? = nil) {
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }

    /// The table as lines ending in newlines, each after `indent`, without trailing spaces.
    public func render(indent: String = "") -> String {
        let widths = header.indices.map { column in
            rows.reduce(header[column].count) { max($0, $1[column].count) }
        }
        let numeric = header.indices.map { column in numericColumns?.contains(column) ?? isNumeric(column) }
        func line(_ cells: [String], aligned: Bool = true) -> String {
            var text = indent
            for (column, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                text += (column == 0 ? "" : "  ") + (aligned && numeric[column] ? pad + cell : cell + pad)
            }
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }, aligned: false) + rows.map { line($0) }.joined()
    }

    /// Whether every cell of the column is a figure or `-`, and one at least a figure.
    private func isNumeric(_ column: Int) -> Bool {
        rows.contains { Self.isFigure($0[column]) } && rows.allSatisfy { $0[column] == "-" || Self.isFigure($0[column]) }
    }

    /// A number with its unit or sign: it starts with a digit or a sign, and each word is digits
    /// with separators (`12,345.6`, `3.5%`, `+1.2`, `12/3`) or a unit (`s`, `h`, `pts`, `µs`).
    static func isFigure(_ cell: String) -> Bool {
        guard let first = cell.first, first.isNumber || "-+".contains(first), cell.contains(where: \.isNumber) else { return false }
        return cell.split(separator: " ").allSatisfy { word in
            word.allSatisfy { $0.isNumber || ".,%-+/()×".contains($0) } || ["s", "h", "pts", "µs"].contains(word)
        }
    }
}
