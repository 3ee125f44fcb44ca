import Foundation

/// The JSON of one run (`SimulationReport`) or of a comparison (`{"runs": [...]}`): pretty,
/// keys sorted, so the same seed and rules give the same bytes.
public enum SimulationJSON {
    private struct Comparison: Encodable {
        var runs: [SimulationReport]
    }

    /// One report, or `{"runs": [...]}` for several.
    public static func render(_ reports: [SimulationReport]) -> String {
        reports.count == 1 ? encode(reports[0]) : encode(Comparison(runs: reports))
    }

    /// A value as pretty JSON with sorted keys and a final newline.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            // Unreachable: every value is a string, a whole number or a finite or spelled-out number.
            return "{\"error\": \"cannot encode the report: \(error)\"}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
