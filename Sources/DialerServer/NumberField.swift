import DialerCore

/// A phone number as the HTTP API takes it, in a body or a path (`/calls/{number}/events`,
/// `/leads/{number}/callback`): one spelling of a number at every door.
enum NumberField {
    /// One spelling of a number at every door: a North American number in any common spelling
    /// (`(212) 555-0100`, `212.555.0100`) becomes E.164, so it matches the dial or lead it
    /// names; another E.164 number is kept as it is; anything else is refused naming `field`.
    static func normalized(_ number: String, field: String) throws(ServiceError) -> String {
        if let phone = try? PhoneNumber(parsing: number) { return phone.e164 }
        guard isE164(number) else {
            throw .invalidField(field: field, message: "\(number.quotedExcerpt()) is not a phone number (e.g. +12125550100 or (212) 555-0100)")
        }
        return number
    }

    /// `+`, a digit 1–9, then 1 to 14 digits.
    static func isE164(_ number: String) -> Bool {
        let digits = number.utf8.dropFirst()
        return number.utf8.first == UInt8(ascii: "+") && (2...15).contains(digits.count)
            && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } && digits.first != UInt8(ascii: "0")
    }
}
