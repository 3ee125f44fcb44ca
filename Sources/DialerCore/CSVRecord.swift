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
    /// ends) is ASCII, so it is found byte by byte whatever the encoding of the fields; runs of
    /// ordinary bytes are copied whole, so a field of megabytes costs little.
    static func records(_ bytes: [UInt8]) -> [CSVRecord] {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = CSVRecordReader(buffer)
            var records: [CSVRecord] = []
            while let record = reader.next() { records.append(record) }
            return records
        }
    }

    /// The records of `bytes` one at a time, as `records` reads them: a list of a million rows
    /// is never held as records all at once.
    static func reader(_ bytes: UnsafeBufferPointer<UInt8>) -> CSVRecordReader { CSVRecordReader(bytes) }

    /// The index of the first byte of `bytes` that does not start or continue a well-formed
    /// UTF-8 sequence; nil when all are UTF-8.
    static func firstNonUTF8(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }  // the fast check first
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

/// The state of reading records from a buffer, a record at a time.
struct CSVRecordReader: IteratorProtocol {
    private static let (quote, comma, lineFeed, carriageReturn) = (UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"))

    let bytes: UnsafeBufferPointer<UInt8>
    private var ready: CSVRecord?  // the record the last byte read ended
    private var finished = false
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var quoted = false
    private var atFieldStart = true
    private var line = 1
    private var start = 1
    private var i: Int
    private var recordStart: Int
    /// The first byte of the run of ordinary bytes not yet copied into `field`.
    private var run: Int

    /// Bytes at the front that no record still to come will read.
    var bytesDone: Int { finished ? bytes.count : recordStart }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0  // a byte order mark
        recordStart = i
        run = i
    }

    /// The next record, nil after the last.
    mutating func next() -> CSVRecord? {
        while i < bytes.count {
            let byte = bytes[i]
            if byte != Self.quote && byte != Self.comma && byte != Self.lineFeed && byte != Self.carriageReturn {
                atFieldStart = false
                i += 1
            } else if quoted {
                readQuoted(byte)
            } else {
                readStructure(byte)
            }
            if let record = ready {
                ready = nil
                return record
            }
        }
        guard !finished else { return nil }
        finished = true
        flush(to: i)
        if !field.isEmpty || !fields.isEmpty { endRecord(at: bytes.count) }
        defer { ready = nil }
        return ready
    }

    /// Inside quotes only `"` and CR are special; commas and line ends belong to the field.
    private mutating func readQuoted(_ byte: UInt8) {
        switch byte {
        case Self.quote:
            flush(to: i)
            if i + 1 < bytes.count, bytes[i + 1] == Self.quote {  // `""` is one quote
                field.append(Self.quote)
                skip(2)
            } else {
                quoted = false
                skip(1)
            }
        case Self.carriageReturn:
            flush(to: i)
            skip(1)
        case Self.lineFeed:
            line += 1
            i += 1
        default:
            i += 1
        }
    }

    private mutating func readStructure(_ byte: UInt8) {
        switch byte {
        case Self.quote where atFieldStart:
            quoted = true
            atFieldStart = false
            skip(1)
        case Self.quote:
            i += 1
        case Self.comma:
            flush(to: i)
            fields.append(String(decoding: field, as: UTF8.self))
            field = []
            atFieldStart = true
            skip(1)
        default:  // a line end; CRLF is one
            flush(to: i)
            endRecord(at: i)
            let crlf = byte == Self.carriageReturn && i + 1 < bytes.count && bytes[i + 1] == Self.lineFeed
            skip(crlf ? 2 : 1)
            line += 1
            start = line
            recordStart = i
        }
    }

    /// Copies the run of ordinary bytes before `end` into the field.
    private mutating func flush(to end: Int) {
        if run < end { field.append(contentsOf: bytes[run..<end]) }
        run = end
    }

    /// Moves past `count` structural bytes; the next run starts after them.
    private mutating func skip(_ count: Int) {
        i += count
        run = i
    }

    private mutating func endRecord(at end: Int) {
        fields.append(String(decoding: field, as: UTF8.self))
        let bad = CSVRecord.firstNonUTF8(bytes[recordStart..<end]).map { (position: $0 - recordStart + 1, value: bytes[$0]) }
        ready = CSVRecord(line: start, fields: fields, badByte: bad)
        fields = []
        field = []
        atFieldStart = true
    }
}
