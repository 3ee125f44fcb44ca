import Crypto

/// The digest a journal keeps of each rule file put live, so a replay can tell it ran the same text.
public enum TextDigest {
    /// SHA-256 of the text's UTF-8 bytes (swift-crypto), as 64 lowercase hex digits.
    public static func sha256(_ text: String) -> String {
        let digits = Array("0123456789abcdef")
        var hex = ""
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return hex
    }
}
