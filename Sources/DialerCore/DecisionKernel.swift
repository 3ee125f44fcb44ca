import DequeModule

/// The engine's decisions as a state machine with no ports, in the manner of swift-nio's and
/// Hummingbird's protocol state machines: it owns the agents, their open dials and the line of
/// ready agents as plain values, and turns an event, the rules' reaction, the leads reserved for
/// it and the time into a `Step`. It calls no store, lead source, telephony, clock or rule set;
/// `DialerEngine` is the driver that asks the rules, reserves leads and dial ids, commits each
/// step and only then carries out its commands.
///
/// A refused event is refused before anything changes (`prepare`, `invalidity`). What is
/// applied is journaled until the driver's commit: `settle()` keeps it, `rollback()` takes a
/// whole commit group back.
public struct DecisionKernel {
    /// An agent as the kernel holds it: small, so a journal entry costs little.
    struct Slot {
        var state: AgentState
        var ringingCount = 0
        /// Stamp of the latest time the agent became `ready`: its place in `readyLine`.
        var readyEpoch = 0
        /// When the agent entered its status, on the engine clock.
        var statusSince: Timestamp
        var live: Int?  // last: its flag byte ends the slot instead of padding the middle
    }

    /// An agent in the order agents became ready; valid while the agent's slot is still
    /// ready with the same epoch (stale entries are skipped and dropped lazily).
    struct ReadyEntry {
        var agent: Int
        var epoch: Int
    }

    /// Campaign-wide counters, as rules see them.
    public internal(set) var facts = CampaignFacts()
    /// The recent calls, answers and agents in calls, for pacing rules.
    public internal(set) var pacing = PacingFigures()

    // Agents by index: an event hashes its agent id once (`agentIndex`), then everything else
    // about the agent is an array access. An index stays with its id for the kernel's life, so
    // an agent removed and added again comes back to the same place.
    var agentIndex: [String: Int] = [:]
    var slots: [Slot?] = []  // nil: not driven here (removed, forgotten)
    // Each agent's dial ids in dial order, pruned by `settle`. Finding a ringing dial by its
    // number scans the agent's queue from the oldest: an agent rings a handful of dials, and
    // answers and failures mostly come for the oldest, so this beats hashing the number into
    // a table of every ringing dial (which also outgrows the caches on a large floor).
    var ringQueues: [Deque<Int>] = []
    // For an agent whose queue outgrew `scanLimit` and was asked for a dial deeper in it (rules
    // that dial far more than telephony answers): its ringing dials by number, so a lookup
    // costs the same however many ring. A cache of the queue, checked on every use, dropped on
    // rollback and when the queue is short again, rebuilt when needed.
    var ringLookups: [[String: Int]?] = []
    static let scanLimit = 16
    var open = DialTable()  // ringing, answered or connected dials
    var readyLine = Deque<ReadyEntry>()  // longest-waiting ready agent first
    var readyEpoch = 0
    var dialIDs = DialIDSupply()
    var journal = Journal()

    /// An empty kernel.
    public init() {}

    // MARK: Agents

    /// The index of an agent driven here.
    func index(of agentID: String) -> Int? {
        guard let i = agentIndex[agentID], slots[i] != nil else { return nil }
        return i
    }

    /// The agent's index, given one if it never had one.
    mutating func intern(_ agentID: String) -> Int {
        if let i = agentIndex[agentID] { return i }
        let i = slots.count
        agentIndex[agentID] = i
        slots.append(nil)
        ringQueues.append([])
        ringLookups.append(nil)
        journal.touchedFlags.append(false)
        return i
    }

    /// Whether the agent is driven here.
    public func drives(_ agentID: String) -> Bool { index(of: agentID) != nil }

    /// Ids of all agents, sorted.
    public var agentIDs: [String] { slots.compactMap { $0?.state.agentID }.sorted() }

    /// The agent's state, or nil if unknown.
    public func state(of agentID: String) -> AgentState? { index(of: agentID).flatMap { slots[$0]?.state } }

    /// When the agent entered its status, on the engine clock (for an agent loaded from a
    /// store: its `timestamp`, or the time it was loaded).
    public func statusSince(of agentID: String) -> Timestamp? { index(of: agentID).flatMap { slots[$0]?.statusSince } }

    /// The agent's dials still ringing, oldest first.
    public func ringingDials(of agentID: String) -> [Dial] {
        guard let i = index(of: agentID) else { return [] }
        return ringQueues[i].compactMap { id in open[id].flatMap { $0.isRinging ? $0 : nil } }
    }

    /// The agent's oldest dial still ringing.
    public func oldestRingingDial(of agentID: String) -> Dial? {
        index(of: agentID).flatMap(oldestRingingDial(at:))
    }

    func oldestRingingDial(at i: Int) -> Dial? {
        for id in ringQueues[i] { if let dial = open[id], dial.isRinging { return dial } }
        return nil
    }

    /// The agent's oldest dial to `number` that still rings: found among the first
    /// `scanLimit` of its queue, else through its lookup (built the first time it is needed).
    mutating func ringingDial(at i: Int, _ number: String) -> Dial? {
        if ringLookups[i] == nil {
            for id in ringQueues[i].prefix(Self.scanLimit) { if let dial = open[id], dial.isRinging, dial.number == number { return dial } }
            guard ringQueues[i].count > Self.scanLimit else { return nil }
            var lookup: [String: Int] = [:]
            for id in ringQueues[i].reversed() { if let dial = open[id], dial.isRinging { lookup[dial.number] = id } }
            ringLookups[i] = lookup
        }
        guard let id = ringLookups[i]?[number], let dial = open[id], dial.isRinging else { return nil }
        return dial
    }

    /// Puts a ringing dial at the end of the agent's queue, and in its lookup if it has one.
    mutating func queueRinging(_ i: Int, _ dial: Dial) {
        ringQueues[i].append(dial.id)
        if ringLookups[i] != nil, ringingDial(at: i, dial.number) == nil { ringLookups[i]![dial.number] = dial.id }
    }

    /// Takes a dial that stopped ringing (or left the agent) out of the agent's lookup.
    mutating func unlookup(_ i: Int, _ dial: Dial) {
        if ringLookups[i]?[dial.number] == dial.id { ringLookups[i]![dial.number] = nil }
    }

    /// The call the agent is talking on, if any.
    public func liveCall(of agentID: String) -> Dial? {
        index(of: agentID).flatMap { slots[$0]?.live }.flatMap { open[$0] }
    }

    /// The agent's open dials: those still ringing, oldest first, then the live call.
    public func openDials(of agentID: String) -> [Dial] { ringingDials(of: agentID) + (liveCall(of: agentID).map { [$0] } ?? []) }

    /// Starts driving an agent (already committed): its slot, its place in line if ready, the counts.
    /// `since`: when the status began, if known (a captured scenario's agents); else the rules'
    /// stamp is the best guess (it is not stored), else now.
    public mutating func install(_ state: AgentState, since: Timestamp? = nil) {
        let i = intern(state.agentID)
        var slot = Slot(state: state, statusSince: since ?? state.timestamp ?? facts.now)
        if state.status == .ready { enqueueReady(i, &slot) }
        if state.status == .inCall { _ = pacing.start(.inCall, at: slot.statusSince) }
        slots[i] = slot
        facts.agents += 1
        facts.byStatus[state.status.index] += 1
    }

    /// Takes over agents (with their open dials) loaded or claimed from a store. Agents already
    /// driven here are left as they are.
    public mutating func adopt(_ states: [AgentState], openDials: [Dial]) {
        var adopted: Set<String> = []
        for state in states where index(of: state.agentID) == nil {
            install(state)
            adopted.insert(state.agentID)
        }
        attach(openDials, to: adopted)
    }

    /// Starts driving an agent as it stood at a moment of another run (already committed): in
    /// its status since `since`, with its open dials.
    public mutating func restore(_ state: AgentState, since: Timestamp, openDials: [Dial]) {
        guard index(of: state.agentID) == nil else { return }
        install(state, since: since)
        attach(openDials, to: [state.agentID])
    }

    /// Gives just-installed agents their open dials: ringing, or the live call.
    private mutating func attach(_ openDials: [Dial], to adopted: Set<String>) {
        for dial in openDials.sorted(by: { $0.id < $1.id }) where adopted.contains(dial.agentID) && open[dial.id] == nil {
            open[dial.id] = dial
            let i = agentIndex[dial.agentID]!
            if dial.outcome == .connected {
                slots[i]?.live = dial.id
            } else if dial.isRinging {
                queueRinging(i, dial)
                slots[i]?.ringingCount += 1
                facts.inFlight += 1
                _ = pacing.start(.ringing, at: dial.dialedAt)
            }
        }
    }

    /// The counts since the run began and the recent pacing windows.
    public var history: CampaignHistory {
        CampaignHistory(
            dials: facts.dials, answered: facts.answered, connects: facts.connects, drops: facts.drops, fails: facts.fails,
            pacing: pacing.history)
    }

    /// Puts back the counts and the recent windows of another run's moment (a captured window's start).
    public mutating func restore(_ history: CampaignHistory) {
        (facts.dials, facts.answered, facts.connects, facts.drops, facts.fails) =
            (history.dials, history.answered, history.connects, history.drops, history.fails)
        pacing.restore(history.pacing)
    }

    /// Stops driving agents (removed, or held by another node now), with their open dials.
    public mutating func forget(_ agentIDs: some Sequence<String>) {
        for id in agentIDs {
            guard let i = index(of: id), let slot = slots[i] else { continue }
            for dial in ringingDials(of: id) {
                open[dial.id] = nil
                _ = pacing.end(.ringing, startedAt: dial.dialedAt)
            }
            if let live = slot.live { open[live] = nil }
            if slot.state.status == .inCall { _ = pacing.end(.inCall, startedAt: slot.statusSince) }
            ringQueues[i] = []
            ringLookups[i] = nil
            slots[i] = nil
            facts.agents -= 1
            facts.byStatus[slot.state.status.index] -= 1
            facts.inFlight -= slot.ringingCount
        }
    }

    /// The call records that close when the agent is removed: its ringing dials cancelled, a
    /// live call completed. Nothing changes until the driver commits them and calls `forget`.
    public func closingDials(of agentID: String, at now: Timestamp) -> [Dial] {
        openDials(of: agentID).map { dial in
            var ended = dial
            ended.outcome = dial.outcome == .connected ? .completed : .cancelled
            ended.endedAt = now
            return ended
        }
    }

    // MARK: Dial ids

    /// Dial ids on hand; the driver tops them up from the store before `apply` needs them.
    public var dialIDsLeft: Int { dialIDs.count }

    /// Hands the kernel a block of dial ids reserved in the store.
    public mutating func supplyDialIDs(_ block: Range<Int>) { dialIDs.add(block) }

    /// The most dial ids `apply` may take for this reaction to this event.
    public static func dialIDsNeeded(for reaction: Reaction, to event: AgentEvent) -> Int {
        var needed = event.kind == .callStart ? 1 : 0
        for case .dial(let count) in reaction.effects { needed += max(count, 0) }
        return needed
    }
}
