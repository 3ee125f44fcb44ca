/// The steps the driver decided and has not committed yet (one, or a group under group
/// commit): what to write in one transaction, and what to carry out once it is committed.
struct CommitUnit {
    /// The writes: each agent's and dial's latest state, in first-written order.
    private(set) var batch = StoreBatch()
    private var stateIndex: [String: Int] = [:]
    private var dialIndex: [Int: Int] = [:]
    // Commands for after the commit, in the order they are carried out.
    /// Leads whose dial ended, with when (their standing in the store counts from then).
    private(set) var finished: [(number: String, outcome: DialOutcome, time: Timestamp)] = []
    /// Calls a recovery hangs up, before anything is placed.
    private(set) var cleared: [Dial] = []
    private(set) var placed: [Dial] = []
    private(set) var bridged: [(dial: Dial, placedFor: String)] = []
    private(set) var ended: [(agentID: String, number: String)] = []
    /// Events decided in the unit.
    private(set) var stepCount = 0
    /// What they did, kept only while someone observes steps.
    var observed: [EngineStep] = []

    /// Whether nothing was decided or recovered since the last commit.
    var isEmpty: Bool { stepCount == 0 && batch.isEmpty && cleared.isEmpty }

    /// Adds a decided step; `observe` keeps it for the observer.
    mutating func add(_ step: Step, observe: Bool) {
        stepCount += 1
        if step.after != step.before { write(step.after) }
        for dial in step.dials {
            write(dial)
            if let outcome = dial.outcome, outcome.isFinal {
                finished.append((dial.number, outcome, dial.endedAt ?? dial.answeredAt ?? dial.dialedAt))
            }
        }
        batch.warnings.append(contentsOf: step.warnings)
        placed.append(contentsOf: step.placed)
        for number in step.ended { ended.append((step.event.agentID, number)) }
        if let dial = step.bridged, let placedFor = step.routedFrom { bridged.append((dial, placedFor)) }
        if observe { observed.append(step.observed) }
    }

    /// Journals an input the unit decided (committed with its effects, or taken back with them).
    mutating func journal(_ entry: JournalEntry) { batch.journal.append(entry) }

    /// Whether the unit holds a recovery (which cannot be taken back and decided again).
    private(set) var hasRecovery = false

    /// Adds a recovery's cancelled dials (written, their leads finished) and the calls it hangs up.
    mutating func addRecovery(cancelled: [Dial], hangUps: [Dial]) {
        hasRecovery = true
        for dial in cancelled {
            write(dial)
            finished.append((dial.number, .cancelled, dial.endedAt ?? dial.dialedAt))
        }
        cleared.append(contentsOf: hangUps)
    }

    /// Empties the unit for the next one, keeping its buffers (no allocation per event).
    mutating func reset() {
        batch.states.removeAll(keepingCapacity: true)
        batch.dials.removeAll(keepingCapacity: true)
        batch.warnings.removeAll(keepingCapacity: true)
        if !batch.journal.isEmpty { batch.journal.removeAll(keepingCapacity: true) }
        if !stateIndex.isEmpty { stateIndex.removeAll(keepingCapacity: true) }
        if !dialIndex.isEmpty { dialIndex.removeAll(keepingCapacity: true) }
        finished.removeAll(keepingCapacity: true)
        placed.removeAll(keepingCapacity: true)
        if !bridged.isEmpty { bridged.removeAll(keepingCapacity: true) }
        ended.removeAll(keepingCapacity: true)
        if !cleared.isEmpty { cleared.removeAll(keepingCapacity: true) }
        stepCount = 0
        hasRecovery = false
        if !observed.isEmpty { observed.removeAll(keepingCapacity: true) }
    }

    private mutating func write(_ state: AgentState) {
        Self.upsert(state, key: state.agentID, in: &batch.states, index: &stateIndex) { $0.agentID }
    }

    private mutating func write(_ dial: Dial) {
        Self.upsert(dial, key: dial.id, in: &batch.dials, index: &dialIndex) { $0.id }
    }

    /// Small batches are searched directly; large ones through an index.
    private static let indexFrom = 16

    /// Replaces the value with the same key in `list`, or appends it.
    private static func upsert<Value, Key: Hashable>(
        _ value: Value, key: Key, in list: inout [Value], index: inout [Key: Int], keyOf: (Value) -> Key
    ) {
        if list.count < indexFrom {
            if let i = list.firstIndex(where: { keyOf($0) == key }) { list[i] = value } else { list.append(value) }
            return
        }
        if index.isEmpty { for (i, v) in list.enumerated() { index[keyOf(v)] = i } }
        if let i = index[key] {
            list[i] = value
        } else {
            index[key] = list.count
            list.append(value)
        }
    }
}
