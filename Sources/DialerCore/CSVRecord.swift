/// One record of a CSV file (RFC 4180: commas, quoted fields with `""` escapes, CRLF or LF),
/// read from bytes: the line it starts on and its fields. A record holding a byte that is not
/// UTF-8 says where, so that only that record is refused and the rest of the file still loads.
struct CSVRecord {
    /// The line the record starts on (a quoted field may span lines).
    var line: Int
    /// Its fields, decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD).
    var fields: [String]
    /// Its first byte that is not UTF-8: the position in the record (1 is its first byte) and the byte.
    var badByte: (position: Int, value: UInt8)?

    /// The records of `bytes`, a byte order mark skipped. The structure (quotes, commas, line
    /// ends) is ASCII, so it is found byte by byte whatever the encoding of the fields.
    static func records(_ bytes: [UInt8]) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var atFieldStart = true
        var line = 1
        var start = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var recordStart = i
        func endRecord(at end: Int) {
            fields.append(String(decoding: field, as: UTF8.self))
            let bad = firstNonUTF8(bytes[recordStart..<end]).map { (position: $0 - recordStart + 1, value: bytes[$0]) }
            records.append(CSVRecord(line: start, fields: fields, badByte: bad))
            fields = []
            field = []
            atFieldStart = true
        }
        while i < bytes.count {
            let byte = bytes[i]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    if byte != UInt8(ascii: "\r") { field.append(byte) }
                }
            } else if byte == UInt8(ascii: "\"") && atFieldStart {
                quoted = true
                atFieldStart = false
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
                atFieldStart = true
            } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                endRecord(at: i)
                // CRLF is one line end
                if byte == UInt8(ascii: "\r"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                line += 1
                start = line
                recordStart = i + 1
            } else {
                field.append(byte)
                atFieldStart = false
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty { endRecord(at: bytes.count) }
        return records
    }

    /// The index of the first byte of `bytes` that does not start or continue a well-formed
    /// UTF-8 sequence; nil when all are UTF-8.
    static func firstNonUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var index = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): index += encoded.count
            case .error: return index
            case .emptyInput: return nil
            }
        }
    }
}
