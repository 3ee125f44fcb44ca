import DialerCore

/// The open dials telephony may report against, by dial id and by number. The engine is the
/// authority on whether a dial is still open; the directory only says which agent and number
/// an id stands for (and which id a hang-up is for, after the engine has closed the dial).
final class DialDirectory {
    /// Who and what a dial id stands for.
    struct Entry: Equatable {
        var agentID: String
        var number: String
    }

    private var byID: [Int: Entry] = [:]
    private var byNumber: [String: Int] = [:]

    /// Records an open dial; a newer dial of the same number takes over the number.
    func insert(_ dial: Dial) {
        byID[dial.id] = Entry(agentID: dial.agentID, number: dial.number)
        byNumber[dial.number] = dial.id
    }

    /// The agent and number of a dial, if it is known.
    func entry(_ id: Int) -> Entry? { byID[id] }

    /// The latest dial of a number, if it is known.
    func dialID(of number: String) -> Int? { byNumber[number] }

    /// Forgets a dial.
    func remove(_ id: Int) {
        guard let entry = byID.removeValue(forKey: id) else { return }
        if byNumber[entry.number] == id { byNumber[entry.number] = nil }
    }

    /// Forgets the dials of agents no longer driven here.
    func remove(agents: some Sequence<String>) {
        let gone = Set(agents)
        for (id, entry) in byID where gone.contains(entry.agentID) { remove(id) }
    }

    /// Dials known.
    var count: Int { byID.count }
}
