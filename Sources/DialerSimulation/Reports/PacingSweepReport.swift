import DialerCore

/// The sweep's table, as text and as a self-contained HTML page: one row per cell, the medians
/// over the seeds, abandon rates over the target flagged (in words, not colour alone).
public enum PacingSweepReport {
    /// The abandon rate the shift must stay under, and the worst hour's (the issue's bar).
    public static let shiftTarget = 0.03
    /// The worst hour's bar.
    public static let hourTarget = 0.05

    static let header = ["rules", "carrier", "agents", "abandon", "worst hour", "utilisation", "of zero-wait bound", "average wait"]

    /// The cells of one row.
    static func row(_ cell: PacingSweep.Cell) -> [String] {
        [
            cell.rules, cell.carrier, NumberFormat.grouped(cell.agents),
            NumberFormat.percent(cell.abandonRate) + (cell.abandonRate > shiftTarget ? " !" : ""),
            NumberFormat.percent(cell.worstHourAbandonRate) + (cell.worstHourAbandonRate > hourTarget ? " !" : ""),
            NumberFormat.percent(cell.utilisation), NumberFormat.percent(cell.shareOfZeroWaitBound, decimals: 1),
            NumberFormat.readable(cell.averageWaitSeconds, decimals: 1) + " s",
        ]
    }

    /// The text table, with what the columns mean.
    public static func text(_ cells: [PacingSweep.Cell], seeds: Int, hours: Double) -> String {
        "dialer simulate --sweep: medians over \(seeds) seed\(seeds == 1 ? "" : "s"), \(NumberFormat.readable(hours, decimals: 1)) h shifts\n\n"
            + TextTable(header: header, rows: cells.map(row), numericColumns: [2, 3, 4, 5, 6, 7]).render() + "\n" + legend + "\n"
    }

    /// The same as an HTML page.
    public static func html(_ cells: [PacingSweep.Cell], seeds: Int, hours: Double) -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dialer simulate --sweep</title>\n"
        page += "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}"
        page += "td.n{text-align:right}td.over{background:#fdd;color:#900;font-weight:bold}</style></head><body>\n"
        page +=
            "<h1>Pacing sweep</h1>\n<p>Medians over \(seeds) seed\(seeds == 1 ? "" : "s"), \(HTML.escape(NumberFormat.readable(hours, decimals: 1))) h shifts.</p>\n"
        page += "<table><thead><tr>" + header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for cell in cells {
            let texts = row(cell)
            let over = [3: cell.abandonRate > shiftTarget, 4: cell.worstHourAbandonRate > hourTarget]
            page += "<tr>"
            for (column, text) in texts.enumerated() {
                let classes = (column >= 2 ? ["n"] : []) + (over[column] == true ? ["over"] : [])
                page += "<td class=\"\(classes.joined(separator: " "))\">\(HTML.escape(text))</td>"
            }
            page += "</tr>\n"
        }
        return page + "</tbody></table>\n<p>\(HTML.escape(legend))</p>\n</body></html>\n"
    }

    static let legend =
        "abandon = drops ÷ live answers over the shift (! over 3%); worst hour = the highest abandon rate of a whole hour of the shift (! over 5%); "
        + "utilisation = talk ÷ logged-in time; of zero-wait bound = utilisation ÷ talk ÷ (logged in − waiting), the share of logged-in time not spent waiting for a call; "
        + "average wait = ready to the next connected call."
}
