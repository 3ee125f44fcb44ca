/// Writes JSON by hand, for what is written often: `serve`'s event replies (the same bytes
/// `JSONEncoder` writes with sorted keys and unescaped slashes; it was a sixth of `serve`'s CPU
/// under load) and the journal's lead lists (what its plain `JSONEncoder` writes, members in
/// declaration order; it was an eighth of a large import). Tests hold each equal to
/// `JSONEncoder`'s. Members are written in the order given; a nil optional is left out, as
/// `encodeIfPresent` does.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    /// Whether the next member or element is the first of its object or array (no comma).
    private var first = true
    /// Whether a slash is written `\/`, as `JSONEncoder` does unless told `.withoutEscapingSlashes`.
    private let escapesSlashes: Bool

    package init(capacity: Int = 512, escapingSlashes: Bool = false) {
        bytes.reserveCapacity(capacity)
        escapesSlashes = escapingSlashes
    }

    /// A value that writes itself.
    package mutating func value(_ value: some JSONWritable) { value.write(to: &self) }

    /// An object; `body` writes its members.
    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        first = true
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    /// An array of `items`, each written by `element`.
    package mutating func array<S: Sequence>(_ items: S, _ element: (inout JSONWriter, S.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        first = true
        for item in items {
            separate()
            element(&self, item)
            first = false
        }
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    /// A member's name; its value comes next.
    package mutating func key(_ name: StaticString) {
        separate()
        first = false
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    package mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    package mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    package mutating func member(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    package mutating func member<Value: JSONWritable>(_ name: StaticString, _ value: Value?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    package mutating func member<Value: JSONWritable>(_ name: StaticString, _ values: [Value]) {
        key(name)
        array(values) { $0.value($1) }
    }

    package mutating func member(_ name: StaticString, _ values: [String]) {
        key(name)
        array(values) { $0.string($1) }
    }

    /// A string, escaped as `JSONEncoder` escapes it: quotes, backslashes and control
    /// characters, and slashes if asked; everything else as it is.
    package mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case UInt8(ascii: "/") where escapesSlashes: bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A finite number as `JSONEncoder` writes it: the shortest form that reads back the same,
    /// without a fraction of `.0`.
    package mutating func number(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
    }
}

/// A value `JSONWriter` writes by hand (`JSONResponse` sends it without `JSONEncoder`).
package protocol JSONWritable {
    func write(to json: inout JSONWriter)
}
