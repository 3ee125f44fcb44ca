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
    public var maxDialsPerEffect = 100

    /// Campaign-wide counters, as rules see them.
    public private(set) var facts = CampaignFacts()
    /// How often each matrix cell was decided, indexed by `MatrixCell.index`.
    public private(set) var cellCounts = [Int](repeating: 0, count: MatrixCell.count)

    private struct Slot {
        var state: AgentState
        var ringing: [Int] = []  // dial ids, oldest first
        var live: Int?
    }

    private var slots: [String: Slot] = [:]
    private var open: [Int: Dial] = [:]  // ringing or connected dials
    private var nextDialID = 0
    private var dialIDLimit = 0
    private var group = Group()
    private var queue = Deque<AgentEvent>()

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
            for state in try store.loadAgents() {
                slots[state.agentID] = Slot(state: state)
                facts.agents += 1
                facts.byStatus[state.status.index] += 1
            }
            for dial in try store.loadOpenDials() {
                open[dial.id] = dial
                if dial.outcome == .connected {
                    slots[dial.agentID]?.live = dial.id
                } else {
                    slots[dial.agentID]?.ringing.append(dial.id)
                    facts.inFlight += 1
                }
            }
        } catch {
            throw .store("cannot load agents from the store: \(error)")
        }
    }

    // MARK: Agents

    /// Ids of all agents, sorted.
    public var agentIDs: [String] { slots.keys.sorted() }

    /// The agent's state, or nil if unknown.
    public func state(of agentID: String) -> AgentState? { slots[agentID]?.state }

    /// The agent's dials still ringing, oldest first.
    public func ringingDials(of agentID: String) -> [Dial] {
        slots[agentID]?.ringing.compactMap { open[$0] } ?? []
    }

    /// The call the agent is talking on, if any.
    public func liveCall(of agentID: String) -> Dial? {
        slots[agentID]?.live.flatMap { open[$0] }
    }

    /// Adds an agent (seed 3.1 `add_agent_dialer`), `off` unless `state` says otherwise.
    public func addAgent(_ state: AgentState) throws(EngineError) {
        guard slots[state.agentID] == nil else { throw .agentExists(state.agentID) }
        var batch = StoreBatch()
        batch.states = [state]
        try commit(batch)
        slots[state.agentID] = Slot(state: state)
        facts.agents += 1
        facts.byStatus[state.status.index] += 1
    }

    /// Removes an agent (seed 3.1 `delete_agent_dialer`). Its ringing dials are cancelled and a
    /// live call is recorded as completed, so no call record stays open.
    public func removeAgent(_ agentID: String) throws(EngineError) {
        guard let slot = slots[agentID] else { throw .unknownAgent(agentID) }
        let now = clock.now
        var batch = StoreBatch()
        batch.removedAgents = [agentID]
        var closed: [Dial] = []
        for id in slot.ringing + (slot.live.map { [$0] } ?? []) {
            guard var dial = open[id] else { continue }
            dial.outcome = dial.outcome == .connected ? .completed : .cancelled
            dial.endedAt = now
            closed.append(dial)
        }
        batch.dials = closed
        try commit(batch)
        slots[agentID] = nil
        facts.agents -= 1
        facts.byStatus[slot.state.status.index] -= 1
        facts.inFlight -= slot.ringing.count
        for dial in closed {
            open[dial.id] = nil
            telephony.hangUp(number: dial.number, agentID: agentID)
            leads.finish(dial.number, outcome: dial.outcome ?? .cancelled, at: now)
        }
    }

    /// Takes over agents claimed from a shared store (with their open dials). Agents already
    /// driven here are left as they are. Call `recover` after adopting a dead node's agents.
    public func adopt(_ states: [AgentState], openDials: [Dial]) {
        for state in states where slots[state.agentID] == nil {
            slots[state.agentID] = Slot(state: state)
            facts.agents += 1
            facts.byStatus[state.status.index] += 1
        }
        for dial in openDials where open[dial.id] == nil {
            guard slots[dial.agentID] != nil else { continue }
            open[dial.id] = dial
            if dial.outcome == .connected {
                slots[dial.agentID]?.live = dial.id
            } else {
                slots[dial.agentID]?.ringing.append(dial.id)
                facts.inFlight += 1
            }
        }
    }

    /// Stops driving agents another node now holds. Their open dials stay in the store for
    /// the node that owns them.
    public func forget(_ agentIDs: some Sequence<String>) {
        for id in agentIDs {
            guard let slot = slots.removeValue(forKey: id) else { continue }
            facts.agents -= 1
            facts.byStatus[slot.state.status.index] -= 1
            facts.inFlight -= slot.ringing.count
            for dial in slot.ringing + (slot.live.map { [$0] } ?? []) { open[dial] = nil }
        }
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
            guard var slot = slots[agentID] else { continue }
            for id in slot.ringing {
                guard var dial = open[id] else { continue }
                dial.outcome = .cancelled
                dial.endedAt = now
                batch.dials.append(dial)
                hangUps.append(dial)
                events.append(AgentEvent(agentID: agentID, kind: .callFail, number: dial.number, reason: .failed))
            }
            facts.inFlight -= slot.ringing.count
            slot.ringing = []
            if policy == .endCalls, let id = slot.live, let dial = open[id] {
                hangUps.append(dial)
                events.append(AgentEvent(agentID: agentID, kind: .callEnd, number: dial.number))
            }
            slots[agentID] = slot
        }
        try commit(batch)
        for dial in batch.dials {
            open[dial.id] = nil
            leads.finish(dial.number, outcome: .cancelled, at: now)
        }
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

    private func process(_ event: AgentEvent) -> EngineError? {
        guard var slot = slots[event.agentID] else {
            return refuse(event, nil, .unknownAgent(event.agentID))
        }
        let before = slot.state
        if event.kind == .callStart, event.number == nil {
            return refuse(event, before, .missingField(event: .callStart, agentID: event.agentID, field: "number"))
        }
        let now = clock.now
        facts.now = now
        if event.kind == .callStart, let live = slot.live, open[live]?.number == event.number {
            // Telephony said again that the agent's own call started (a retried webhook): the
            // rules must not take it for a second lead and hang up the agent's call.
            return ignoreDuplicate(event, before, now)
        }
        cellCounts[MatrixCell(before.status, event.kind).index] += 1

        let reaction: Reaction
        do {
            reaction = try rules.react(
                to: RuleInput(agent: before, event: event, inFlight: slot.ringing.count, campaign: facts))
        } catch {
            return refuse(event, before, .rule(error, event: event.kind, agentID: event.agentID, status: before.status))
        }
        if let why = invalidity(of: reaction) {
            return refuse(event, before, .invalidReaction(why, event: event.kind, agentID: event.agentID, status: before.status))
        }

        var facts = self.facts
        var effects = reaction.effects
        var touched: [Int: Dial] = [:]
        var warnings: [DialerWarning] = []
        func warn(_ code: String, _ message: String?) {
            warnings.append(DialerWarning(code: code, agentID: event.agentID, status: before.status, event: event.kind, time: now, message: message))
        }
        let after = before.applying(reaction.change)
        let asksToEnd: (String) -> Bool = { number in
            effects.contains { if case .endCall(let n) = $0 { n == number } else { false } }
        }

        // The call life cycle the event reports.
        switch event.kind {
        case .callStart:
            let number = event.number!
            var dial: Dial
            if let index = slot.ringing.firstIndex(where: { open[$0]?.number == number }), let ringing = open[slot.ringing[index]] {
                slot.ringing.remove(at: index)
                facts.inFlight -= 1
                dial = ringing
            } else {
                // An answer the engine did not see ringing (placed by someone else, or reported
                // after its failure): tracked from now on, so that the call can end.
                do throws(EngineError) {
                    dial = Dial(id: try takeDialID(), agentID: event.agentID, number: number, dialedAt: now)
                } catch {
                    return refuse(event, before, error)
                }
            }
            facts.answered += 1
            dial.answeredAt = now
            if !asksToEnd(number) {
                if after.status == .inCall && before.status != .inCall {
                    dial.outcome = .connected
                    if let stale = slot.live, var old = open[stale] {
                        old.outcome = .completed
                        old.endedAt = now
                        touched[stale] = old
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
            touched[dial.id] = dial
        case .callFail:
            let index = event.number.map { n in slot.ringing.firstIndex { open[$0]?.number == n } } ?? (slot.ringing.isEmpty ? nil : 0)
            if let index, var dial = open[slot.ringing[index]] {
                slot.ringing.remove(at: index)
                facts.inFlight -= 1
                facts.fails += 1
                dial.outcome = switch event.reason ?? .failed {
                case .failed: .failed
                case .busy: .busy
                case .noAnswer: .noAnswer
                }
                dial.endedAt = now
                touched[dial.id] = dial
            }
        case .callEnd:
            if let id = slot.live, var dial = open[id], event.number == nil || event.number == dial.number {
                slot.live = nil
                dial.outcome = .completed
                dial.endedAt = now
                touched[dial.id] = dial
            }
        default:
            break
        }

        // Plan the effects; nothing leaves before the commit.
        var placed: [Dial] = []
        var ended: [String] = []
        var launches = 0
        for effect in effects {
            switch effect {
            case .dial(let count):
                for _ in 0..<count {
                    guard let number = leads.nextLead(for: event.agentID, at: now) else {
                        warn("no_leads", leads.exhaustionReason(at: now))
                        break
                    }
                    let id: Int
                    do throws(EngineError) {
                        id = try takeDialID()
                    } catch {
                        leads.giveBack(number)
                        for dial in placed.reversed() { leads.giveBack(dial.number) }
                        return refuse(event, before, error)
                    }
                    let dial = Dial(id: id, agentID: event.agentID, number: number, dialedAt: now)
                    placed.append(dial)
                    slot.ringing.append(dial.id)
                    facts.inFlight += 1
                    facts.dials += 1
                }
            case .endCall(let number):
                ended.append(number)
                let known = touched.values.first { $0.number == number && $0.outcome == nil && $0.answeredAt != nil }
                    ?? slot.ringing.lazy.compactMap { self.open[$0] }.first { $0.number == number }
                    ?? slot.live.flatMap { id in touched[id] ?? self.open[id] }.flatMap { $0.number == number ? $0 : nil }
                guard var dial = known else { break }
                if dial.outcome == .connected {
                    dial.outcome = .completed
                    if slot.live == dial.id { slot.live = nil }
                } else if dial.answeredAt != nil {
                    dial.outcome = .dropped
                    facts.drops += 1
                } else {
                    dial.outcome = .cancelled
                    if let i = slot.ringing.firstIndex(of: dial.id) {
                        slot.ringing.remove(at: i)
                        facts.inFlight -= 1
                    }
                }
                dial.endedAt = now
                touched[dial.id] = dial
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
        }

        // Into memory now, with an undo record; out to telephony only after the commit.
        group.begin(facts: self.facts)
        group.remember(event.agentID, slots[event.agentID])
        if after != before { group.write(after) }
        for dial in touched.values.sorted(by: { $0.id < $1.id }) + placed {
            group.remember(dial.id, open[dial.id])
            group.write(dial)
            if let outcome = dial.outcome, outcome.isFinal {
                open[dial.id] = nil
                group.finished.append((dial.number, outcome))
            } else {
                open[dial.id] = dial
            }
        }
        group.warnings.append(contentsOf: warnings)
        group.placed.append(contentsOf: placed)
        group.ended.append(contentsOf: ended.map { (event.agentID, $0) })
        group.launches.append(contentsOf: repeatElement(event.agentID, count: launches))
        group.steps.append(EngineStep(event: event, time: now, before: before, after: after, placed: placed, ended: ended, warnings: warnings, error: nil))
        slots[event.agentID] = slot
        self.facts = facts
        if group.steps.count >= commitMode.groupSize { return flush().first }
        return nil
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
        var undoSlots: [String: Slot?] = [:]
        var undoOpen: [Int: Dial?] = [:]
        var facts = CampaignFacts()
        var batch = StoreBatch()
        var stateIndex: [String: Int] = [:]
        var dialIndex: [Int: Int] = [:]
        var warnings: [DialerWarning] = []
        var placed: [Dial] = []
        var ended: [(agentID: String, number: String)] = []
        var finished: [(number: String, outcome: DialOutcome)] = []
        var launches: [String] = []
        var steps: [EngineStep] = []

        mutating func begin(facts: CampaignFacts) {
            guard !active else { return }
            active = true
            self.facts = facts
        }

        mutating func remember(_ agentID: String, _ slot: Slot?) {
            if undoSlots.index(forKey: agentID) == nil { undoSlots[agentID] = .some(slot) }
        }

        mutating func remember(_ dialID: Int, _ dial: Dial?) {
            if undoOpen.index(forKey: dialID) == nil { undoOpen[dialID] = .some(dial) }
        }

        /// Keeps the latest state of each agent and dial, in first-written order.
        mutating func write(_ state: AgentState) {
            if let i = stateIndex[state.agentID] { batch.states[i] = state } else {
                stateIndex[state.agentID] = batch.states.count
                batch.states.append(state)
            }
        }

        mutating func write(_ dial: Dial) {
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
        var done = group
        group = Group()
        done.batch.warnings = done.warnings
        do throws(EngineError) {
            if !done.batch.isEmpty { try commit(done.batch) }
        } catch {
            for (id, slot) in done.undoSlots { slots[id] = slot }
            for (id, dial) in done.undoOpen { open[id] = dial }
            facts = done.facts
            for dial in done.placed.reversed() { leads.giveBack(dial.number) }
            if case .lostAgent(let agentID, _) = error { forget([agentID]) }
            return done.steps.map { step in refuse(step.event, step.before, error) }
        }
        let now = clock.now
        for (number, outcome) in done.finished { leads.finish(number, outcome: outcome, at: now) }
        for dial in done.placed { telephony.place(dial) }
        for (agentID, number) in done.ended { telephony.hangUp(number: number, agentID: agentID) }
        for agentID in done.launches { queue.append(AgentEvent(agentID: agentID, kind: .dialing)) }
        if let onStep { done.steps.forEach(onStep) }
        return []
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
        group.steps.append(EngineStep(event: event, time: now, before: state, after: state, placed: [], ended: [], warnings: [warning], error: nil))
        if group.steps.count >= commitMode.groupSize { return flush().first }
        return nil
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
