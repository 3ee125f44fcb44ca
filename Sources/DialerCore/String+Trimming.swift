import Foundation

extension String {
    /// The text without the whitespace at its ends, as `trimmingCharacters(in: .whitespaces)`
    /// gives it, but without Foundation when there is nothing to trim (the common case: a CSV
    /// field, a phone number), which a million-row import asks for several times a row.
    var trimmedWhitespace: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        // Plain ASCII that is neither a space nor a tab at both ends: nothing to trim.
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") }
        return plain(first) && plain(last) ? self : trimmingCharacters(in: .whitespaces)
    }
}
