/// A lead as a `JournalInput.leadsAdded` entry holds it.
public struct JournalLead: Sendable, Equatable, Codable {
    /// The E.164 number.
    public var number: String
    /// The operator's id for the lead.
    public var id: String?
    /// The lead's name.
    public var name: String?
    /// Its IANA time zone, if given.
    public var timeZone: String?
    /// Its priority.
    public var priority: Int

    /// A lead given by its number alone.
    public init(number: String) {
        self.number = number
        priority = 0
    }

    /// The lead of a record.
    public init(_ record: LeadRecord) {
        number = record.phone.e164
        id = record.id
        name = record.name
        timeZone = record.timeZone
        priority = record.priority
    }
}
