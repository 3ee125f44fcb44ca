extension StringProtocol {
    /// The value quoted for a message (`'…'`), as `excerpt` shortens it.
    public func quotedExcerpt(limit: Int = 40) -> String { excerpt(limit: limit, quote: "'") }

    /// The value for a message: whole when it is at most `limit` bytes, else its first `limit`
    /// characters, `…` and its length, so that a bad value of megabytes is never echoed whole.
    public func excerpt(limit: Int = 40, quote: String = "") -> String {
        let bytes = utf8.count
        guard bytes > limit else { return quote + self + quote }
        let head = prefix(limit)  // counts `limit` characters, not the whole value
        guard head.utf8.count < bytes else { return quote + self + quote }
        return "\(quote)\(head)…\(quote) (\(bytes) bytes)"
    }
}
