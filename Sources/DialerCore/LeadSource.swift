/// Where the numbers to dial come from. A lead handed out is reserved until `finish` is called
/// with the dial's outcome; the lead pool issue builds retries and compliance on this port.
public protocol LeadSource: AnyObject {
    /// Reserves the next lead to dial for the agent, or nil when none can be dialed now.
    func nextLead(for agentID: String, at time: Timestamp) -> String?
    /// A reserved lead was not dialed after all (its step failed to commit): make it available again.
    func giveBack(_ number: String)
    /// The dial of a reserved lead has a final outcome.
    func finish(_ number: String, outcome: DialOutcome, at time: Timestamp)
    /// Why `nextLead` returned nil, for the operator (`no leads left`).
    func exhaustionReason(at time: Timestamp) -> String
    /// What rules may read about the lead behind `number` (`event.lead`); nil when the source
    /// knows nothing about it. Called once per call event: keep it a lookup.
    func facts(of number: String) -> LeadFacts?
}

extension LeadSource {
    /// A source without lead facts (a plain list).
    public func facts(of number: String) -> LeadFacts? { nil }
}

/// A plain list of numbers, dialed once each in order; optionally followed by an endless
/// generated sequence, so a replay that does not care which numbers it dials never runs dry.
public final class LeadList: LeadSource {
    private var numbers: [String]
    private var next = 0
    private var givenBack: [String] = []
    private let generateAfterList: Bool
    private var generated = 0

    /// Makes a list. With `generateAfterList`, fictional numbers follow once the list is used up.
    public init(_ numbers: [String], generateAfterList: Bool = false) {
        self.numbers = numbers
        self.generateAfterList = generateAfterList
    }

    /// Numbers not yet handed out.
    public var remaining: Int { numbers.count - next + givenBack.count }

    /// The next number in the list.
    public func nextLead(for agentID: String, at time: Timestamp) -> String? {
        if let number = givenBack.popLast() { return number }
        if next < numbers.count {
            defer { next += 1 }
            return numbers[next]
        }
        guard generateAfterList else { return nil }
        defer { generated += 1 }
        return Self.fictionalNumber(generated)
    }

    /// Puts the number first in line again.
    public func giveBack(_ number: String) { givenBack.append(number) }

    /// A list dials each number once: nothing to do.
    public func finish(_ number: String, outcome: DialOutcome, at time: Timestamp) {}

    /// Why nothing can be dialed.
    public func exhaustionReason(at time: Timestamp) -> String { "no leads left (all \(numbers.count) dialed)" }

    private static let areaCodes = [212, 312, 415, 617, 713, 206, 305, 404, 503, 602]

    /// The exchanges the numbers go through: 555 first (the fictional 555-0100…0199 range), then
    /// every other exchange the numbering plan allows (200–999, not N11), in order, round.
    private static let exchanges: [Int] = {
        let valid = (200...999).filter { $0 % 100 != 11 }
        let start = valid.firstIndex(of: 555)!
        return Array(valid[start...] + valid[..<start])
    }()

    /// The i-th generated number, in E.164: `+12125550100`, `+12125550101`, …, a hundred lines
    /// in each of ten area codes, then the next exchange; once every exchange has had lines
    /// 0100–0199, the next hundred lines (0200–0299), and so on: 78 million distinct numbers,
    /// every one valid under the numbering plan (no N11 exchange, no fifth exchange digit).
    public static func fictionalNumber(_ i: Int) -> String {
        let npa = areaCodes[(i / 100) % areaCodes.count]
        let block = i / (100 * areaCodes.count)
        let exchange = exchanges[block % exchanges.count]
        let line = 100 * (1 + (block / exchanges.count) % 99) + i % 100
        // Written digit by digit: string interpolation was most of a generated lead's cost.
        return String(unsafeUninitializedCapacity: 12) { bytes in
            func write(_ value: Int, at start: Int, digits: Int) {
                var rest = value
                for k in (start..<start + digits).reversed() {
                    bytes[k] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            bytes[0] = UInt8(ascii: "+")
            bytes[1] = UInt8(ascii: "1")
            write(npa, at: 2, digits: 3)
            write(exchange, at: 5, digits: 3)
            write(line, at: 8, digits: 4)
            return 12
        }
    }
}
