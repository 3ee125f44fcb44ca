/// Plain-text columns: a header, a rule of dashes, rows; text left-aligned, figures right-aligned.
struct TextTable {
    /// The column titles.
    var header: [String]
    /// Rows of cells, as many as the header.
    var rows: [[String]] = []

    /// The table as lines ending in newlines, without trailing spaces.
    func render(indent: String = "") -> String {
        let widths = header.indices.map { column in
            rows.reduce(header[column].count) { max($0, $1[column].count) }
        }
        func line(_ cells: [String]) -> String {
            var text = indent
            for (column, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                text += (column == 0 ? "" : "  ") + (Self.isFigure(cell) ? pad + cell : cell + pad)
            }
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }

    /// Numbers, percentages and seconds (`12`, `3.5%`, `21.0 s`) are right-aligned.
    private static func isFigure(_ cell: String) -> Bool {
        guard let first = cell.first, first.isNumber || first == "-" || first == "+" else { return false }
        return cell.allSatisfy { $0.isNumber || ".,%-+ s".contains($0) }
    }
}
