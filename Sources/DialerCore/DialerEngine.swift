import DequeModule

/// The power dialer of seed 000 §3.1–3.2: one dialer per agent, each agent's events handled
/// strictly in order from one queue (no recursion, so a long run never grows the stack).
///
/// For every event the engine asks the `RuleSet` for a `Reaction`, checks it, commits the new
/// state and the call records to the `AgentStore`, and only then hands dials and hang-ups to
/// `Telephony`. A failed rule or commit changes nothing. The engine is not thread-safe: one
/// owner drives it (a replay, a simulation, or one shard of a service).
public final class DialerEngine {
    /// The rules deciding every event; replaceable between events (hot reload).
    public var rules: any RuleSet
    /// Where state and call records are committed.
    public let store: any AgentStore
    /// Where leads come from.
    public let leads: any LeadSource
    /// Where calls go.
    public let telephony: any Telephony
    /// The engine's time.
    public let clock: any EngineClock
    /// Called after every event with what it did.
    public var onStep: ((EngineStep) -> Void)?
    /// How steps are committed: one transaction per event (default) or per group of events.
    public var commitMode = CommitMode.perEvent
    /// Upper bound for one `dial(n)`, a guard against runaway rules.
    public var maxDialsPerEffect = Effect.maxDialCount

    /// Campaign-wide counters, as rules see them.
    public private(set) var facts = CampaignFacts()
    /// How often each matrix cell was decided, indexed by `MatrixCell.index`.
    public private(set) var cellCounts = [Int](repeating: 0, count: MatrixCell.count)

    /// An agent as the engine holds it: small, so a copy for the undo record costs nothing.
    private struct Slot {
        var state: AgentState
        var ringingCount = 0
        var live: Int?
        /// Stamp of the latest time the agent became `ready`: its place in `readyQueue`.
        var readyEpoch = 0
    }

    /// An agent in the order agents became ready; valid while the agent's slot is still
    /// ready with the same epoch (stale entries are skipped and dropped lazily).
    private struct ReadyEntry {
        var agent: Int
        var epoch: Int
    }

    /// A ringing dial's key: the agent (its index) and the lead's number.
    private struct RingKey: Hashable {
        var agent: Int
        var number: String
    }

    // Agents by index: an event hashes its agent id once (`agentIndex`), then everything else
    // about the agent is an array access. An index stays with its id for the engine's life, so
    // an agent removed and added again comes back to the same place.
    private var agentIndex: [String: Int] = [:]
    private var slots: [Slot?] = []  // nil: not driven here (removed, forgotten)
    private var ringQueues: [Deque<Int>] = []  // each agent's dial ids in dial order; pruned after commits
    private var touchedFlags: [Bool] = []  // whether the agent is in `group.touched`
    private var open = DialTable()  // ringing, answered or connected dials
    private var ringIndex: [RingKey: Int] = [:]  // ringing dials by agent and number
    private var nextDialID = 0
    private var dialIDLimit = 0
    private var group = Group()
    private var queue = Deque<AgentEvent>()
    private var readyQueue = Deque<ReadyEntry>()  // longest-waiting ready agent first
    private var readyEpoch = 0

    /// Starts an engine and restores every agent and open dial from the store (seed 3.1 `init`).
    public init(
        rules: any RuleSet, store: any AgentStore, leads: any LeadSource, telephony: any Telephony,
        clock: any EngineClock
    ) throws(EngineError) {
        self.rules = rules
        self.store = store
        self.leads = leads
        self.telephony = telephony
        self.clock = clock
        do {
            let states = try store.loadAgents()
            let dials = try store.loadOpenDials()
            adopt(states, openDials: dials)
        } catch {
            throw .store("cannot load agents from the store: \(error)")
        }
    }

    // MARK: Agents

    /// The index of an agent driven here.
    private func index(of agentID: String) -> Int? {
        guard let i = agentIndex[agentID], slots[i] != nil else { return nil }
        return i
    }

    /// The agent's index, given one if it never had one.
    private func intern(_ agentID: String) -> Int {
        if let i = agentIndex[agentID] { return i }
        let i = slots.count
        agentIndex[agentID] = i
        slots.append(nil)
        ringQueues.append([])
        touchedFlags.append(false)
        return i
    }

    /// Ids of all agents, sorted.
    public var agentIDs: [String] { slots.compactMap { $0?.state.agentID }.sorted() }

    /// The agent's state, or nil if unknown.
    public func state(of agentID: String) -> AgentState? { index(of: agentID).flatMap { slots[$0]?.state } }

    /// The agent's dials still ringing, oldest first.
    public func ringingDials(of agentID: String) -> [Dial] {
        guard let i = index(of: agentID) else { return [] }
        return ringQueues[i].compactMap { id in open[id].flatMap { $0.isRinging ? $0 : nil } }
    }

    /// The agent's oldest dial still ringing.
    public func oldestRingingDial(of agentID: String) -> Dial? {
        index(of: agentID).flatMap(oldestRingingDial(at:))
    }

    private func oldestRingingDial(at i: Int) -> Dial? {
        for id in ringQueues[i] { if let dial = open[id], dial.isRinging { return dial } }
        return nil
    }

    /// The call the agent is talking on, if any.
    public func liveCall(of agentID: String) -> Dial? {
        index(of: agentID).flatMap { slots[$0]?.live }.flatMap { open[$0] }
    }

    /// Adds an agent (seed 3.1 `add_agent_dialer`), `off` unless `state` says otherwise.
    public func addAgent(_ state: AgentState) throws(EngineError) {
        guard index(of: state.agentID) == nil else { throw .agentExists(state.agentID) }
        var batch = StoreBatch()
        batch.states = [state]
        try commit(batch)
        install(state)
    }

    /// Starts driving an agent in memory: its slot, its place in line if ready, the counts.
    @discardableResult
    private func install(_ state: AgentState) -> Int {
        let i = intern(state.agentID)
        var slot = Slot(state: state)
        if state.status == .ready { enqueueReady(i, &slot) }
        slots[i] = slot
        facts.agents += 1
        facts.byStatus[state.status.index] += 1
        return i
    }

    /// Removes an agent (seed 3.1 `delete_agent_dialer`). Its ringing dials are cancelled and a
    /// live call is recorded as completed, so no call record stays open.
    public func removeAgent(_ agentID: String) throws(EngineError) {
        guard let i = index(of: agentID), let slot = slots[i] else { throw .unknownAgent(agentID) }
        let now = clock.now
        var batch = StoreBatch()
        batch.removedAgents = [agentID]
        var closed: [Dial] = []
        for dial in ringingDials(of: agentID) + (liveCall(of: agentID).map { [$0] } ?? []) {
            var ended = dial
            ended.outcome = dial.outcome == .connected ? .completed : .cancelled
            ended.endedAt = now
            closed.append(ended)
        }
        batch.dials = closed
        try commit(batch)
        drop(i, slot)
        for dial in closed {
            telephony.hangUp(number: dial.number, agentID: agentID)
            leads.finish(dial.number, outcome: dial.outcome ?? .cancelled, at: now)
        }
    }

    /// Takes over agents claimed from a shared store (with their open dials). Agents already
    /// driven here are left as they are. Call `recover` after adopting a dead node's agents.
    public func adopt(_ states: [AgentState], openDials: [Dial]) {
        var adopted: Set<String> = []
        for state in states where index(of: state.agentID) == nil {
            install(state)
            adopted.insert(state.agentID)
        }
        for dial in openDials.sorted(by: { $0.id < $1.id }) where adopted.contains(dial.agentID) && open[dial.id] == nil {
            open[dial.id] = dial
            let i = agentIndex[dial.agentID]!
            if dial.outcome == .connected {
                slots[i]?.live = dial.id
            } else if dial.isRinging {
                ringIndex[RingKey(agent: i, number: dial.number)] = dial.id
                ringQueues[i].append(dial.id)
                slots[i]?.ringingCount += 1
                facts.inFlight += 1
            }
        }
    }

    /// Stops driving agents another node now holds. Their open dials stay in the store for
    /// the node that owns them.
    public func forget(_ agentIDs: some Sequence<String>) {
        for id in agentIDs {
            if let i = index(of: id), let slot = slots[i] { drop(i, slot) }
        }
    }

    /// Removes an agent and its open dials from memory.
    private func drop(_ i: Int, _ slot: Slot) {
        for dial in ringingDials(of: slot.state.agentID) {
            ringIndex[RingKey(agent: i, number: dial.number)] = nil
            open[dial.id] = nil
        }
        if let live = slot.live { open[live] = nil }
        ringQueues[i] = []
        slots[i] = nil
        facts.agents -= 1
        facts.byStatus[slot.state.status.index] -= 1
        facts.inFlight -= slot.ringingCount
    }

    // MARK: Recovery

    /// What becomes of the calls a previous run left open in the store.
    public enum RecoveryPolicy: String, Sendable, CaseIterable {
        /// Ringing dials are cancelled (their leads become dialable again) and connected calls
        /// are ended, each reported to the rules as `call_fail` / `call_end`: after a crash no
        /// agent waits for an event that will never come. For telephony that did not survive
        /// the restart (simulations, replays).
        case endCalls = "end-calls"
        /// Ringing dials are cancelled as above; connected calls stay up and end when telephony
        /// reports `call_end` (a PBX that kept the calls and re-sends their events).
        case keepConnectedCalls = "keep-connected"
    }

    /// Resolves the dials a previous run left open (seed 3.1: "the app may restart from an
    /// abnormal exit"). Ringing dials are hung up and recorded as `cancelled`, then the agent
    /// gets a `call_fail` so its rules can dial again; connected calls are handled by `policy`.
    /// `agents` limits recovery to those agents (e.g. just adopted from a dead node).
    /// Returns the errors of events the rules refused.
    @discardableResult
    public func recover(policy: RecoveryPolicy = .endCalls, agents: [String]? = nil) throws(EngineError) -> [EngineError] {
        let now = clock.now
        var batch = StoreBatch()
        var events: [AgentEvent] = []
        var hangUps: [Dial] = []
        for agentID in agents ?? agentIDs {
            guard index(of: agentID) != nil else { continue }
            for var dial in ringingDials(of: agentID) {
                dial.outcome = .cancelled
                dial.endedAt = now
                batch.dials.append(dial)
                hangUps.append(dial)
                events.append(AgentEvent(agentID: agentID, kind: .callFail, number: dial.number, reason: .failed))
            }
            if policy == .endCalls, let dial = liveCall(of: agentID) {
                hangUps.append(dial)
                events.append(AgentEvent(agentID: agentID, kind: .callEnd, number: dial.number))
            }
        }
        try commit(batch)
        for dial in batch.dials {
            let i = agentIndex[dial.agentID]!
            open[dial.id] = nil
            ringIndex[RingKey(agent: i, number: dial.number)] = nil
            slots[i]?.ringingCount -= 1
            facts.inFlight -= 1
            leads.finish(dial.number, outcome: .cancelled, at: now)
        }
        for agentID in Set(batch.dials.map(\.agentID)) { prune(agentIndex[agentID]!) }
        for dial in hangUps { telephony.hangUp(number: dial.number, agentID: dial.agentID) }
        events.forEach(submit)
        return drain()
    }

    // MARK: Events

    /// Queues an event; `drain()` handles it.
    public func submit(_ event: AgentEvent) { queue.append(event) }

    /// Events queued and not yet handled.
    public var pendingEvents: Int { queue.count }

    /// Handles queued events, including those the rules launch, until none is left.
    /// Returns the errors of the events that were refused, in order.
    @discardableResult
    public func drain() -> [EngineError] {
        var errors: [EngineError] = []
        repeat {
            while let event = queue.popFirst() {
                if let error = process(event) { errors.append(error) }
            }
            errors += flush()  // may launch more events
        } while !queue.isEmpty
        return errors
    }

    /// Submits one event and drains the queue.
    @discardableResult
    public func handle(_ event: AgentEvent) -> [EngineError] {
        submit(event)
        return drain()
    }

    // MARK: One event

    private func process(_ reported: AgentEvent) -> EngineError? {
        guard let reporterIndex = index(of: reported.agentID), let reporter = slots[reporterIndex] else {
            return refuse(reported, nil, .unknownAgent(reported.agentID))
        }
        if reported.kind == .callStart, reported.number == nil {
            return refuse(reported, reporter.state, .missingField(event: .callStart, agentID: reported.agentID, field: "number"))
        }
        let now = clock.now
        facts.now = now
        if reported.kind == .callStart, let live = reporter.live, open[live]?.number == reported.number {
            // Telephony said again that the agent's own call started (a retried webhook): the
            // rules must not take it for a second lead and hang up the agent's call.
            return ignoreDuplicate(reported, reporter.state, now)
        }

        // From here every change goes into memory with an undo record; nothing leaves before
        // the commit. A refusal undoes this event's changes.
        let mark = group.undo.count
        var event = reported
        var routedFrom: Int?
        var agent = reporterIndex
        if let taker = answerTaker(for: reported, reporterIndex, reporter) {
            group.begin(facts: facts)
            hand(reported.number!, from: reporterIndex, to: taker)
            routedFrom = reporterIndex
            agent = taker
            event = AgentEvent(agentID: slots[taker]!.state.agentID, kind: .callStart, number: reported.number)
        }
        let agentID = event.agentID
        var slot = slots[agent]!
        let before = slot.state
        cellCounts[MatrixCell(before.status, event.kind).index] += 1

        let reaction: Reaction
        do {
            let lead = event.number.flatMap(leads.facts(of:))  // one lookup, for call events only
            reaction = try rules.react(to: RuleInput(agent: before, event: event, inFlight: slot.ringingCount, campaign: facts, lead: lead))
        } catch {
            rollback(to: mark)
            return refuse(event, before, .rule(error, event: event.kind, agentID: agentID, status: before.status))
        }
        if let why = invalidity(of: reaction) {
            rollback(to: mark)
            return refuse(event, before, .invalidReaction(why, event: event.kind, agentID: agentID, status: before.status))
        }
        group.begin(facts: facts)
        let factsBefore = facts
        var effects = reaction.effects
        var warnings: [DialerWarning] = []
        var changed: [Dial] = []
        var placed: [Dial] = []
        var ended: [String] = []
        var launches = 0
        var answeredHere: Int?
        let after = before.applying(reaction.change)
        func warn(_ code: String, _ message: String?) {
            warnings.append(DialerWarning(code: code, agentID: agentID, status: before.status, event: event.kind, time: now, message: message))
        }
        func update(_ dial: Dial) {
            setOpen(dial.id, dial.outcome?.isFinal == true ? nil : dial)
            changed.append(dial)
        }
        func stopRinging(_ dial: Dial) {
            setRing(RingKey(agent: agent, number: dial.number), nil)
            slot.ringingCount -= 1
            facts.inFlight -= 1
        }
        func ringing(_ number: String) -> Dial? {
            ringIndex[RingKey(agent: agent, number: number)].flatMap { open[$0] }.flatMap { $0.isRinging ? $0 : nil }
        }
        func undoEvent(_ error: EngineError) -> EngineError {
            rollback(to: mark)
            facts = factsBefore
            for dial in placed.reversed() { leads.giveBack(dial.number) }
            return refuse(event, before, error)
        }

        // The call life cycle the event reports.
        switch event.kind {
        case .callStart:
            let number = event.number!
            var dial: Dial
            if let ringingDial = ringing(number) {
                stopRinging(ringingDial)
                dial = ringingDial
            } else {
                // An answer the engine did not see ringing (placed by someone else, or reported
                // after its failure): tracked from now on, so that the call can end.
                do throws(EngineError) {
                    dial = Dial(id: try takeDialID(), agentID: agentID, number: number, dialedAt: now)
                } catch {
                    return undoEvent(error)
                }
            }
            facts.answered += 1
            dial.answeredAt = now
            answeredHere = dial.id
            let endedByRules = effects.contains { if case .endCall(let n) = $0 { n == number } else { false } }
            if !endedByRules {
                if after.status == .inCall && before.status != .inCall {
                    dial.outcome = .connected
                    if let stale = slot.live, var old = open[stale] {
                        old.outcome = .completed
                        old.endedAt = now
                        update(old)
                    }
                    slot.live = dial.id
                    facts.connects += 1
                } else {
                    // Someone is on the line and the rules neither connected nor ended the call:
                    // hang up rather than leave a person waiting, and say so.
                    effects.append(.endCall(number))
                    warn("unhandled_answer", "the rules neither connected nor ended the call to \(number)")
                }
            }
            update(dial)
        case .callFail:
            let target = event.number.map { ringing($0) } ?? oldestRingingDial(at: agent)
            if var dial = target {
                stopRinging(dial)
                facts.fails += 1
                dial.outcome = switch event.reason ?? .failed {
                case .failed: .failed
                case .busy: .busy
                case .noAnswer: .noAnswer
                }
                dial.endedAt = now
                update(dial)
            }
        case .callEnd:
            if let id = slot.live, var dial = open[id], event.number == nil || event.number == dial.number {
                slot.live = nil
                dial.outcome = .completed
                dial.endedAt = now
                update(dial)
            }
        default:
            break
        }

        for effect in effects {
            switch effect {
            case .dial(let count):
                for _ in 0..<count {
                    guard let number = leads.nextLead(for: agentID, at: now) else {
                        warn("no_leads", leads.exhaustionReason(at: now))
                        break
                    }
                    let id: Int
                    do throws(EngineError) {
                        id = try takeDialID()
                    } catch {
                        leads.giveBack(number)
                        return undoEvent(error)
                    }
                    let dial = Dial(id: id, agentID: agentID, number: number, dialedAt: now)
                    placed.append(dial)
                    setOpen(id, dial)
                    setRing(RingKey(agent: agent, number: number), id)
                    appendRinging(agent, id)
                    slot.ringingCount += 1
                    facts.inFlight += 1
                    facts.dials += 1
                    changed.append(dial)
                }
            case .endCall(let number):
                ended.append(number)
                var target: Dial?
                if let id = answeredHere, let dial = open[id], dial.number == number, dial.outcome == nil {
                    target = dial
                } else if let dial = ringing(number) {
                    target = dial
                } else if let id = slot.live, let dial = open[id], dial.number == number {
                    target = dial
                }
                guard var dial = target else { break }
                if dial.outcome == .connected {
                    dial.outcome = .completed
                    if slot.live == dial.id { slot.live = nil }
                } else if dial.answeredAt != nil {
                    dial.outcome = .dropped
                    facts.drops += 1
                } else {
                    dial.outcome = .cancelled
                    stopRinging(dial)
                }
                dial.endedAt = now
                update(dial)
            case .warn(let code, let message):
                warn(code, message)
            case .launchDialing:
                launches += 1
            }
        }

        slot.state = after
        if after.status != before.status {
            facts.byStatus[before.status.index] -= 1
            facts.byStatus[after.status.index] += 1
            if after.status == .ready { enqueueReady(agent, &slot) }
        }
        setSlot(agent, slot)
        if after != before { group.write(after) }
        for dial in changed {
            group.write(dial)
            if let outcome = dial.outcome, outcome.isFinal { group.finished.append((dial.number, outcome)) }
        }
        touch(agent)
        group.warnings.append(contentsOf: warnings)
        group.placed.append(contentsOf: placed)
        for number in ended { group.ended.append((agentID, number)) }
        for _ in 0..<launches { group.launches.append(agentID) }
        let routedFromID = routedFrom.map { slots[$0]!.state.agentID }
        if let routedFrom, let routedFromID, let id = answeredHere, let dial = open[id] ?? changed.last(where: { $0.id == id }) {
            touch(routedFrom)
            group.bridged.append((dial, routedFromID))
        }
        if onStep != nil {
            group.steps.append(
                EngineStep(event: event, time: now, before: before, after: after, placed: placed, ended: ended, warnings: warnings, error: nil, routedFrom: routedFromID))
        }
        return stepDone()
    }

    // MARK: Answer routing

    /// The agent who takes an answer reported for `reporter`'s ringing dial, when that is not
    /// the reporter: with `any_ready_agent` routing and the reporter not ready, the ready agent
    /// who has waited longest.
    private func answerTaker(for event: AgentEvent, _ reporterIndex: Int, _ reporter: Slot) -> Int? {
        guard event.kind == .callStart, reporter.state.status != .ready, facts.count(.ready) > 0,
            rules.answerRouting == .anyReadyAgent, let number = event.number,
            let id = ringIndex[RingKey(agent: reporterIndex, number: number)], open[id]?.isRinging == true
        else { return nil }
        while let first = readyQueue.first {
            if isCurrent(first) { return first.agent }
            readyQueue.removeFirst()  // stale: the agent left ready since
        }
        return nil
    }

    /// Moves the ringing dial of `number` from one agent to another (with undo records).
    private func hand(_ number: String, from giver: Int, to taker: Int) {
        let key = RingKey(agent: giver, number: number)
        guard let id = ringIndex[key], var dial = open[id], var from = slots[giver], var to = slots[taker] else { return }
        setRing(key, nil)
        from.ringingCount -= 1
        setSlot(giver, from)
        dial.agentID = to.state.agentID
        setOpen(id, dial)
        setRing(RingKey(agent: taker, number: number), id)
        appendRinging(taker, id)
        to.ringingCount += 1
        setSlot(taker, to)
    }

    /// Puts an agent that just became ready at the end of the line for routed answers.
    private func enqueueReady(_ agent: Int, _ slot: inout Slot) {
        readyEpoch += 1
        slot.readyEpoch = readyEpoch
        readyQueue.append(ReadyEntry(agent: agent, epoch: readyEpoch))
        if readyQueue.count > 2 * facts.agents + 64 {
            // Without routed answers nobody takes from the front: drop the stale entries.
            readyQueue = Deque(readyQueue.filter(isCurrent))
        }
    }

    /// Whether the entry still stands for its agent's current wait in `ready`.
    private func isCurrent(_ entry: ReadyEntry) -> Bool {
        guard let slot = slots[entry.agent] else { return false }
        return slot.state.status == .ready && slot.readyEpoch == entry.epoch
    }

    // MARK: Changes with undo

    private enum Undo {
        case slot(Int, Slot?)
        case open(Int, Dial?)
        case ring(RingKey, Int?)
        case queued(Int)
    }

    private func setSlot(_ agent: Int, _ slot: Slot) {
        group.undo.append(.slot(agent, slots[agent]))
        slots[agent] = slot
    }

    private func setOpen(_ id: Int, _ dial: Dial?) {
        group.undo.append(.open(id, open[id]))
        open[id] = dial
    }

    private func setRing(_ key: RingKey, _ id: Int?) {
        group.undo.append(.ring(key, ringIndex[key]))
        ringIndex[key] = id
    }

    private func appendRinging(_ agent: Int, _ id: Int) {
        group.undo.append(.queued(agent))
        ringQueues[agent].append(id)
    }

    /// Notes that the group changed the agent (its ring queue is pruned after the commit).
    private func touch(_ agent: Int) {
        guard !touchedFlags[agent] else { return }
        touchedFlags[agent] = true
        group.touched.append(agent)
    }

    /// Empties the group for the next one.
    private func resetGroup() {
        for agent in group.touched { touchedFlags[agent] = false }
        group.reset()
    }

    /// Undoes changes, newest first, down to `mark` records.
    private func rollback(to mark: Int) {
        while group.undo.count > mark {
            switch group.undo.removeLast() {
            case .slot(let id, let slot):
                if let slot, slot.state.status == .ready, slots[id]?.state.status != .ready || slots[id]?.readyEpoch != slot.readyEpoch {
                    readyQueue.append(ReadyEntry(agent: id, epoch: slot.readyEpoch))  // ready again, if last in line
                }
                slots[id] = slot
            case .open(let id, let dial): open[id] = dial
            case .ring(let key, let id): ringIndex[key] = id
            case .queued(let agent): ringQueues[agent].removeLast()
            }
        }
    }

    /// Drops the ids at the front of an agent's queue that no longer ring (only committed
    /// changes are pruned, so an undo never needs them back).
    private func prune(_ agent: Int) {
        // Most of the time the oldest id still rings: one lookup and done.
        guard let first = ringQueues[agent].first, open[first]?.isRinging != true else { return }
        var ids = ringQueues[agent]
        ringQueues[agent] = []  // `ids` stays the only owner: no copy
        while let first = ids.first, open[first]?.isRinging != true { ids.removeFirst() }
        if ids.count > 2 * (slots[agent]?.ringingCount ?? 0) + 8 {
            ids = Deque(ids.filter { open[$0]?.isRinging == true })
        }
        ringQueues[agent] = ids
    }

    // MARK: Commit groups

    /// How steps are committed to the store.
    public enum CommitMode: Sendable, Equatable {
        /// One transaction per event: the lowest latency.
        case perEvent
        /// One transaction for up to `maxEvents` events handled in one `drain()` (group commit):
        /// the highest throughput. No effect leaves before its group is committed; if the
        /// commit fails, every event of the group is undone and reported.
        case grouped(maxEvents: Int)

        var groupSize: Int {
            switch self {
            case .perEvent: 1
            case .grouped(let maxEvents): max(maxEvents, 1)
            }
        }
    }

    /// Steps handled in memory and not yet committed, with what undoes them.
    private struct Group {
        var active = false
        var undo: [Undo] = []
        var facts = CampaignFacts()
        var batch = StoreBatch()
        var stateIndex: [String: Int] = [:]
        var dialIndex: [Int: Int] = [:]
        var touched: [Int] = []  // agent indices, each once (`touchedFlags`)
        var warnings: [DialerWarning] = []
        var placed: [Dial] = []
        var ended: [(agentID: String, number: String)] = []
        var finished: [(number: String, outcome: DialOutcome)] = []
        var launches: [String] = []
        var bridged: [(dial: Dial, placedFor: String)] = []
        /// Events handled in the group.
        var stepCount = 0
        /// What they did, kept only while someone observes steps (`onStep`).
        var steps: [EngineStep] = []

        mutating func begin(facts: CampaignFacts) {
            guard !active else { return }
            active = true
            self.facts = facts
        }

        /// Empties the group for the next one, keeping its buffers (no allocation per event).
        mutating func reset() {
            active = false
            undo.removeAll(keepingCapacity: true)
            batch.states.removeAll(keepingCapacity: true)
            batch.dials.removeAll(keepingCapacity: true)
            batch.warnings.removeAll(keepingCapacity: true)
            batch.removedAgents.removeAll(keepingCapacity: true)
            if !stateIndex.isEmpty { stateIndex.removeAll(keepingCapacity: true) }
            if !dialIndex.isEmpty { dialIndex.removeAll(keepingCapacity: true) }
            touched.removeAll(keepingCapacity: true)
            warnings.removeAll(keepingCapacity: true)
            placed.removeAll(keepingCapacity: true)
            ended.removeAll(keepingCapacity: true)
            finished.removeAll(keepingCapacity: true)
            launches.removeAll(keepingCapacity: true)
            if !bridged.isEmpty { bridged.removeAll(keepingCapacity: true) }
            stepCount = 0
            if !steps.isEmpty { steps.removeAll(keepingCapacity: true) }
        }

        /// Keeps the latest state of each agent and dial, in first-written order.
        /// Small batches are searched directly; large ones through an index.
        private static let indexFrom = 16

        mutating func write(_ state: AgentState) {
            if batch.states.count < Self.indexFrom {
                if let i = batch.states.firstIndex(where: { $0.agentID == state.agentID }) { batch.states[i] = state } else { batch.states.append(state) }
                return
            }
            if stateIndex.isEmpty { for (i, s) in batch.states.enumerated() { stateIndex[s.agentID] = i } }
            if let i = stateIndex[state.agentID] { batch.states[i] = state } else {
                stateIndex[state.agentID] = batch.states.count
                batch.states.append(state)
            }
        }

        mutating func write(_ dial: Dial) {
            if batch.dials.count < Self.indexFrom {
                if let i = batch.dials.firstIndex(where: { $0.id == dial.id }) { batch.dials[i] = dial } else { batch.dials.append(dial) }
                return
            }
            if dialIndex.isEmpty { for (i, d) in batch.dials.enumerated() { dialIndex[d.id] = i } }
            if let i = dialIndex[dial.id] { batch.dials[i] = dial } else {
                dialIndex[dial.id] = batch.dials.count
                batch.dials.append(dial)
            }
        }
    }

    /// Commits the pending group, then lets its effects out; on failure undoes it.
    /// Returns one error per event of a group that could not be committed.
    private func flush() -> [EngineError] {
        guard group.active else { return [] }
        group.batch.warnings = group.warnings
        do throws(EngineError) {
            if !group.batch.isEmpty { try commit(group.batch) }
        } catch {
            rollback(to: 0)
            facts = group.facts
            for dial in group.placed.reversed() { leads.giveBack(dial.number) }
            let steps = group.steps
            let count = group.stepCount
            resetGroup()
            if case .lostAgent(let agentID, _) = error { forget([agentID]) }
            // Unobserved steps were not kept: each is refused all the same.
            guard !steps.isEmpty else { return Array(repeating: error, count: count) }
            return steps.map { step in refuse(step.event, step.before, error) }
        }
        group.undo.removeAll(keepingCapacity: true)
        for agent in group.touched { prune(agent) }
        let now = clock.now
        for (number, outcome) in group.finished { leads.finish(number, outcome: outcome, at: now) }
        for dial in group.placed { telephony.place(dial) }
        for (dial, placedFor) in group.bridged { telephony.bridge(dial, placedFor: placedFor) }
        for (agentID, number) in group.ended { telephony.hangUp(number: number, agentID: agentID) }
        for agentID in group.launches { queue.append(AgentEvent(agentID: agentID, kind: .dialing)) }
        if let onStep {
            var steps: [EngineStep] = []
            swap(&steps, &group.steps)
            resetGroup()
            steps.forEach(onStep)
            if group.steps.isEmpty {  // give the buffer back, unless the observer handled events
                steps.removeAll(keepingCapacity: true)
                group.steps = steps
            }
        } else {
            resetGroup()
        }
        return []
    }

    /// Counts a handled event; commits when the group is full.
    private func stepDone() -> EngineError? {
        group.stepCount += 1
        return group.stepCount >= commitMode.groupSize ? flush().first : nil
    }

    /// Dial ids come from the store in blocks, so several engines on one store never collide.
    private func takeDialID() throws(EngineError) -> Int {
        if nextDialID >= dialIDLimit {
            let block: Range<Int>
            do {
                block = try store.reserveDialIDs(Self.dialIDBlock)
            } catch {
                throw .store("cannot reserve dial ids: \(error)")
            }
            nextDialID = block.lowerBound
            dialIDLimit = block.upperBound
        }
        defer { nextDialID += 1 }
        return nextDialID
    }

    private static let dialIDBlock = 1024

    private func ignoreDuplicate(_ event: AgentEvent, _ state: AgentState, _ now: Timestamp) -> EngineError? {
        let warning = DialerWarning(
            code: "duplicate_call_start", agentID: event.agentID, status: state.status, event: event.kind, time: now,
            message: "call_start for \(event.number ?? "?"), the call the agent is already on; ignored")
        group.begin(facts: facts)
        group.warnings.append(warning)
        if onStep != nil {
            group.steps.append(EngineStep(event: event, time: now, before: state, after: state, placed: [], ended: [], warnings: [warning], error: nil))
        }
        return stepDone()
    }

    private func invalidity(of reaction: Reaction) -> String? {
        if let cdc = reaction.change.cdc, cdc < 0 { return "cdc must not be negative, got \(cdc)" }
        for case .dial(let count) in reaction.effects where count < 0 || count > maxDialsPerEffect {
            return "dial count must be between 0 and \(maxDialsPerEffect), got \(count)"
        }
        return nil
    }

    private func refuse(_ event: AgentEvent, _ state: AgentState?, _ error: EngineError) -> EngineError {
        onStep?(EngineStep(event: event, time: clock.now, before: state, after: state, placed: [], ended: [], warnings: [], error: error))
        return error
    }

    private func commit(_ batch: StoreBatch) throws(EngineError) {
        do {
            try store.commit(batch)
        } catch let error as EngineError {
            throw error
        } catch StoreError.conflict(let location, let agentID) {
            throw .lostAgent(agentID: agentID, reason: StoreError.conflict(store: location, agentID: agentID).description)
        } catch {
            throw .store("store commit failed: \(error); nothing changed")
        }
    }
}
