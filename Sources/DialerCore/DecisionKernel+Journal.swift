import DequeModule

/// The kernel's record of what it applied since the driver's last commit.
///
/// Why it is needed at all: nothing in a step waits on a port any more (the rules, leads and
/// dial ids are settled before `apply`), so one event never needs undoing on its own; but with
/// group commit later events build on earlier ones before anything is committed, and a commit
/// that fails must take the whole group back.
struct Journal {
    enum Entry {
        case slot(Int, DecisionKernel.Slot?)
        case open(Int, Dial?)
        case queued(Int)
        /// A dial id taken out of an agent's ring queue, and where it stood.
        case unqueued(agent: Int, at: Int, id: Int)
        case pacing(PacingFigures.Undo)
    }

    var entries: [Entry] = []
    /// The campaign facts before the first change of the group.
    var factsBefore: CampaignFacts?
    /// Agents the group changed, each once: their ring queues are pruned after the commit.
    var touched: [Int] = []
    var touchedFlags: [Bool] = []
}

extension DecisionKernel {
    /// Notes the facts as they were before this commit group's first change.
    mutating func beginChange() {
        if journal.factsBefore == nil { journal.factsBefore = facts }
    }

    mutating func setSlot(_ agent: Int, _ slot: Slot) {
        journal.entries.append(.slot(agent, slots[agent]))
        slots[agent] = slot
    }

    mutating func setOpen(_ id: Int, _ dial: Dial?) {
        journal.entries.append(.open(id, open[id]))
        open[id] = dial
    }

    mutating func appendRinging(_ agent: Int, _ dial: Dial) {
        journal.entries.append(.queued(agent))
        queueRinging(agent, dial)
    }

    /// Takes a dial id out of an agent's ring queue: the dial moved to another agent.
    mutating func removeRinging(_ agent: Int, _ id: Int) {
        guard let at = ringQueues[agent].firstIndex(of: id) else { return }
        journal.entries.append(.unqueued(agent: agent, at: at, id: id))
        ringQueues[agent].remove(at: at)
        if let dial = open[id] { unlookup(agent, dial) }
    }

    /// Changes the pacing figures, journaled.
    mutating func changePacing(_ change: (inout PacingFigures) -> PacingFigures.Undo) {
        journal.entries.append(.pacing(change(&pacing)))
    }

    /// Notes that the group changed the agent.
    mutating func touch(_ agent: Int) {
        guard !journal.touchedFlags[agent] else { return }
        journal.touchedFlags[agent] = true
        journal.touched.append(agent)
    }

    /// The driver committed everything applied since the last commit: keep it.
    public mutating func settle() {
        journal.entries.removeAll(keepingCapacity: true)
        journal.factsBefore = nil
        for agent in journal.touched {
            prune(agent)
            journal.touchedFlags[agent] = false
        }
        journal.touched.removeAll(keepingCapacity: true)
        pacing.settle()
    }

    /// The driver's commit failed: take back everything applied since the last commit.
    public mutating func rollback() {
        while let entry = journal.entries.popLast() {
            switch entry {
            case .slot(let id, let slot):
                if let slot, slot.state.status == .ready, slots[id]?.state.status != .ready || slots[id]?.readyEpoch != slot.readyEpoch {
                    readyLine.append(ReadyEntry(agent: id, epoch: slot.readyEpoch))  // ready again, if last in line
                }
                slots[id] = slot
            case .open(let id, let dial): open[id] = dial
            case .queued(let agent): ringQueues[agent].removeLast()
            case .unqueued(let agent, let at, let id): ringQueues[agent].insert(id, at: at)
            case .pacing(let change): pacing.undo(change)
            }
        }
        for agent in journal.touched where ringLookups[agent] != nil { ringLookups[agent] = nil }  // rebuilt when needed
        if let before = journal.factsBefore { facts = before }
        journal.factsBefore = nil
        for agent in journal.touched { journal.touchedFlags[agent] = false }
        journal.touched.removeAll(keepingCapacity: true)
    }

    /// Drops the ids at the front of an agent's queue that no longer ring (only committed
    /// changes are pruned, so a rollback never needs them back).
    mutating func prune(_ agent: Int) {
        // Most of the time the oldest id still rings: one lookup and done.
        guard let first = ringQueues[agent].first, open[first]?.isRinging != true else { return }
        var ids = ringQueues[agent]
        ringQueues[agent] = []  // `ids` stays the only owner: no copy
        while let first = ids.first, open[first]?.isRinging != true { ids.removeFirst() }
        if ids.count > 2 * (slots[agent]?.ringingCount ?? 0) + 8 {
            ids = Deque(ids.filter { open[$0]?.isRinging == true })
        }
        ringQueues[agent] = ids
        if ids.count <= Self.scanLimit / 2 { ringLookups[agent] = nil }
    }

    // MARK: The line of ready agents

    /// Puts an agent that just became ready at the end of the line for routed answers.
    mutating func enqueueReady(_ agent: Int, _ slot: inout Slot) {
        readyEpoch += 1
        slot.readyEpoch = readyEpoch
        readyLine.append(ReadyEntry(agent: agent, epoch: readyEpoch))
        if readyLine.count > 2 * facts.agents + 64 {
            // Without routed answers nobody takes from the front: drop the stale entries.
            readyLine = Deque(readyLine.filter(isCurrent))
        }
    }

    /// Whether the entry still stands for its agent's current wait in `ready`.
    func isCurrent(_ entry: ReadyEntry) -> Bool {
        guard let slot = slots[entry.agent] else { return false }
        return slot.state.status == .ready && slot.readyEpoch == entry.epoch
    }

    /// The ready agent who has waited longest (stale entries in front are dropped).
    mutating func longestWaitingReady() -> Int? {
        while let first = readyLine.first {
            if isCurrent(first) { return first.agent }
            readyLine.removeFirst()  // stale: the agent left ready since
        }
        return nil
    }
}
