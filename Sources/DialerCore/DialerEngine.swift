import DequeModule

/// The power dialer of seed 000 §3.1–3.2: one dialer per agent, each agent's events handled
/// strictly in order from one queue (no recursion, so a long run never grows the stack).
///
/// The engine is the driver around a `DecisionKernel`: for every event it asks the `RuleSet`
/// for a `Reaction`, reserves the dial ids and leads the reaction needs, lets the kernel apply
/// it, decides the `dialing` events it launched into the same commit unit, commits the unit
/// to the `AgentStore`, and only then hands dials and hang-ups to `Telephony` and finishes
/// leads. A refused rule or commit changes
/// nothing. The engine is not thread-safe: one owner drives it (a replay, a simulation, or one
/// shard of a service).
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
    /// Called with every reaction the rules decided and the engine's checks accepted (before
    /// the commit), and the input the rules read: for a second opinion on the same event
    /// (`serve --shadow-rules`) that nothing applies. Nil costs nothing. The input's pacing
    /// figures are lent for the call only: keep no copy of them, or the next event copies them.
    public var onDecision: ((RuleInput, Reaction) -> Void)?
    /// How steps are committed: one transaction per event (default) or per group of events.
    public var commitMode = CommitMode.perEvent
    /// Whether every input the engine accepts (agent and call events submitted, agents added
    /// and removed) is journaled in the store, in the same commit as its effects
    /// (`JournalEntry`); the events its rules launch are not (they follow from the input).
    public var journalsInputs = false
    /// Upper bound for one `dial(n)`, a guard against runaway rules.
    public var maxDialsPerEffect = Effect.maxDialCount

    /// The decisions and the state they stand on.
    var kernel = DecisionKernel()
    /// The leads reserved for the reaction being applied (reused: no allocation per event).
    private var grant = LeadGrant()
    /// Decided, not yet committed.
    private var unit = CommitUnit()
    private var queue = Deque<Queued>()
    /// Launched (and recovery) events queued and not yet decided. The unit is not committed
    /// while any is: an input event and every event it launches commit together, so a crash
    /// between two commits cannot leave an agent `ready` with the dialing it launched lost.
    private var pendingFollowUps = 0

    /// An event in the queue; `chain` counts the launches that led to it (0: submitted).
    private struct Queued {
        var event: AgentEvent
        var chain: Int
        /// The time of the input it follows from (nil: read the clock): one input's launched
        /// events are decided at its instant, so a replay of the journaled inputs at their
        /// times decides what the live engine did, whatever a wall clock read in between.
        var time: Timestamp? = nil
    }

    /// The longest chain of `dialing` events one input event may launch, one from another
    /// (`launch_dialing()` in a `dialing` handler); the event past it is refused.
    public var maxLaunchChain = 16

    /// Campaign-wide counters, as rules see them.
    public var facts: CampaignFacts { kernel.facts }

    /// The recent calls, answers and agents in calls, as pacing rules read them.
    public var pacing: PacingFigures { kernel.pacing }

    /// The campaign's counts since the run began and its recent pacing windows.
    public var campaignHistory: CampaignHistory { kernel.history }

    /// Puts back the counts and recent pacing windows of another run's moment (a captured
    /// window's start); a store keeps no such figures, so nothing is written.
    public func restoreCampaign(_ history: CampaignHistory) { kernel.restore(history) }

    /// When the agent's status began, on the engine clock; nil if unknown.
    public func statusSince(of agentID: String) -> Timestamp? { kernel.statusSince(of: agentID) }

    /// Seconds the agent has been in its status, on the engine clock; nil if unknown.
    public func secondsInStatus(of agentID: String) -> Double? {
        kernel.statusSince(of: agentID).map { max(clock.now - $0, 0) }
    }
    /// How often each matrix cell was decided, indexed by `MatrixCell.index`.
    public private(set) var cellCounts = [Int](repeating: 0, count: MatrixCell.count)

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
        let (states, dials) = try Self.storeCall(.loadAgents, store) { (try store.loadAgents(), try store.loadOpenDials()) }
        kernel.adopt(states, openDials: dials)
    }

    // MARK: Agents

    /// Ids of all agents, sorted.
    public var agentIDs: [String] { kernel.agentIDs }

    /// The agent's state, or nil if unknown.
    public func state(of agentID: String) -> AgentState? { kernel.state(of: agentID) }

    /// The agent's dials still ringing, oldest first.
    public func ringingDials(of agentID: String) -> [Dial] { kernel.ringingDials(of: agentID) }

    /// The agent's oldest dial still ringing.
    public func oldestRingingDial(of agentID: String) -> Dial? { kernel.oldestRingingDial(of: agentID) }

    /// The call the agent is talking on, if any.
    public func liveCall(of agentID: String) -> Dial? { kernel.liveCall(of: agentID) }

    /// The agent's open dials: those still ringing, oldest first, then the live call.
    public func openDials(of agentID: String) -> [Dial] { kernel.openDials(of: agentID) }

    /// Adds an agent (seed 3.1 `add_agent_dialer`), `off` unless `state` says otherwise.
    public func addAgent(_ state: AgentState) throws(EngineError) {
        guard !kernel.drives(state.agentID) else { throw .agentExists(state.agentID) }
        var batch = StoreBatch()
        batch.states = [state]
        if journalsInputs { batch.journal = [JournalEntry(time: clock.now, input: .agentAdded(agentID: state.agentID))] }
        try commit(batch)
        kernel.install(state)
    }

    /// Adds an agent as it stood at a moment of another run (a captured scenario's start): in
    /// its status since `since`, with its open dials (ringing, or its live call), which get ids
    /// here (returned). Their leads are the lead source's to hold as reserved.
    @discardableResult
    public func restoreAgent(_ state: AgentState, since: Timestamp, openDials: [Dial]) throws(EngineError) -> [Dial] {
        guard !kernel.drives(state.agentID) else { throw .agentExists(state.agentID) }
        var dials = openDials
        if !dials.isEmpty {
            let ids = try Self.storeCall(.reserveDialIDs, store) { try store.reserveDialIDs(dials.count) }
            for (index, id) in zip(dials.indices, ids) { dials[index].id = id }
        }
        var batch = StoreBatch()
        batch.states = [state]
        batch.dials = dials
        try commit(batch)
        kernel.restore(state, since: since, openDials: dials)
        return dials
    }

    /// Removes an agent (seed 3.1 `delete_agent_dialer`). Its ringing dials are cancelled and a
    /// live call is recorded as completed, so no call record stays open.
    public func removeAgent(_ agentID: String) throws(EngineError) {
        guard kernel.drives(agentID) else { throw .unknownAgent(agentID) }
        let now = clock.now
        var batch = StoreBatch()
        batch.removedAgents = [agentID]
        batch.dials = kernel.closingDials(of: agentID, at: now)
        if journalsInputs { batch.journal = [JournalEntry(time: now, input: .agentRemoved(agentID: agentID))] }
        try commit(batch)
        kernel.forget([agentID])
        for dial in batch.dials {
            telephony.hangUp(number: dial.number, agentID: agentID)
            leads.finish(dial.number, outcome: dial.outcome ?? .cancelled, at: now)
        }
    }

    /// Takes over agents claimed from a shared store (with their open dials). Agents already
    /// driven here are left as they are. Call `recover` after adopting a dead node's agents.
    public func adopt(_ states: [AgentState], openDials: [Dial]) { kernel.adopt(states, openDials: openDials) }

    /// Stops driving agents another node now holds. Their open dials stay in the store for
    /// the node that owns them.
    public func forget(_ agentIDs: some Sequence<String>) { kernel.forget(agentIDs) }

    // MARK: Events

    /// Queues an event; `drain()` handles it.
    public func submit(_ event: AgentEvent) { queue.append(Queued(event: event, chain: 0)) }

    /// Queues an event that belongs to the commit unit being decided.
    private func followUp(_ event: AgentEvent, chain: Int, at time: Timestamp? = nil) {
        queue.append(Queued(event: event, chain: chain, time: time))
        pendingFollowUps += 1
    }

    /// Handles queued events, including those the rules launch, until none is left.
    /// Returns the errors of the events that were refused, in order.
    @discardableResult
    public func drain() -> [EngineError] {
        var errors: [EngineError] = []
        repeat {
            decideQueued(into: &errors)
            errors += flush()  // an observer may submit more events
        } while !queue.isEmpty
        return errors
    }

    /// Decides the queued events and the events they launch, and leaves what is decided
    /// uncommitted (a unit that fills up on the way, by `commitMode`, is committed), so a
    /// driver can decide several inputs one after another, each on the state the earlier left,
    /// and commit them together with `commitDecided()`. Nothing leaves for telephony before
    /// that commit. Returns the errors of the events that were refused, in order.
    @discardableResult
    public func decideQueued() -> [EngineError] {
        var errors: [EngineError] = []
        decideQueued(into: &errors)
        return errors
    }

    private func decideQueued(into errors: inout [EngineError]) {
        // Read once per pass: each read of the engine's settings is a checked access.
        let (launchLimit, groupSize) = (maxLaunchChain, commitMode.groupSize)
        while let next = queue.popFirst() {
            if next.chain > 0 { pendingFollowUps -= 1 }
            if next.chain > launchLimit {
                errors += refuseChain(next.event)
                continue
            }
            if let error = process(next) { errors.append(error) }
            // Full, and none of its launched events waits: commit.
            if unit.stepCount >= groupSize && pendingFollowUps == 0 { errors += flush() }
        }
    }

    /// Events decided and not committed yet (each decided event, launched ones included,
    /// becomes one step for `onStep` when its unit is committed or taken back).
    public var decidedSteps: Int { unit.stepCount }

    /// The `index`-th step decided and not committed yet, while `onStep` observes steps.
    public func decidedStep(_ index: Int) -> EngineStep? { unit.observed.indices.contains(index) ? unit.observed[index] : nil }

    /// Commits what `decideQueued()` decided, then carries out its commands. If the commit
    /// fails, every decided event is taken back and refused; returns their errors.
    @discardableResult
    public func commitDecided() -> [EngineError] { flush() }

    /// Takes back everything decided and not committed, as if it had never been decided (its
    /// leads go back, its dial ids are not reused); the steps are not shown to `onStep`. For a
    /// driver that decides again, one input at a time, what it cannot commit as a group.
    public func discardDecided() { undoUnit() }

    /// Submits one event and drains the queue.
    @discardableResult
    public func handle(_ event: AgentEvent) -> [EngineError] {
        submit(event)
        return drain()
    }

    /// Decides one event into the commit unit; returns its error if it was refused.
    private func process(_ queued: Queued) -> EngineError? {
        let reported = queued.event
        let now = queued.time ?? clock.now
        let lead = reported.number.flatMap(leads.facts(of:))  // a lookup for call events only
        let error: EngineError?
        switch kernel.prepare(reported, lead: lead, routing: rules.answerRouting, at: now) {
        case .refused(let refusal): return refuse(reported, kernel.state(of: reported.agentID), refusal)
        case .settled(let step):
            record(step, chain: queued.chain, at: now)
            error = nil
        case .decide(let decision): error = decide(decision, chain: queued.chain, at: now)
        }
        // An input from outside, accepted: journaled with its effects, as reported.
        if error == nil && journalsInputs && queued.chain == 0 { unit.journal(.event(reported, at: now)) }
        return error
    }

    /// Asks the rules, reserves what their reaction needs, and lets the kernel apply it.
    private func decide(_ decision: DecisionKernel.Decision, chain: Int, at now: Timestamp) -> EngineError? {
        let event = decision.event
        let before = decision.input.agent
        cellCounts[MatrixCell(before.status, event.kind).index] += 1
        let reaction: Reaction
        do throws(EngineError) {
            reaction = try acceptedReaction(to: decision.input)
            try reserveDialIDs(DecisionKernel.dialIDsNeeded(for: reaction, to: event))
        } catch {
            return refuse(event, before, error)
        }
        reserveLeads(for: reaction, agentID: event.agentID, at: now)
        record(kernel.apply(decision, reaction, leads: grant, at: now), chain: chain, at: now)
        return nil
    }

    /// The rules' reaction, checked, and shown to `onDecision`. The pacing figures are lent for
    /// these calls only: released before the kernel changes them, so that change copies nothing.
    private func acceptedReaction(to input: RuleInput) throws(EngineError) -> Reaction {
        var input = input
        input.pacing = kernel.pacing
        let (event, status) = (input.event, input.agent.status)
        let reaction: Reaction
        do {
            reaction = try rules.react(to: input)
        } catch {
            throw .rule(error, event: event.kind, agentID: event.agentID, status: status)
        }
        if let why = DecisionKernel.invalidity(of: reaction, maxDials: maxDialsPerEffect) {
            throw .invalidReaction(why, event: event.kind, agentID: event.agentID, status: status)
        }
        onDecision?(input, reaction)
        return reaction
    }

    /// Reserves, before the kernel applies a reaction, the leads its `dial(n)` effects ask for.
    private func reserveLeads(for reaction: Reaction, agentID: String, at now: Timestamp) {
        grant.removeAll()
        for case .dial(let count) in reaction.effects {
            var shortfall: String?
            for _ in 0..<count {
                guard let number = leads.nextLead(for: agentID, at: now) else {
                    shortfall = leads.exhaustionReason(at: now)
                    break
                }
                grant.append(number)
            }
            grant.endBatch(shortfall: shortfall)
        }
    }

    /// Tops up the kernel's dial ids from the store, in blocks, so several engines on one
    /// store never collide.
    private func reserveDialIDs(_ needed: Int) throws(EngineError) {
        guard kernel.dialIDsLeft < needed else { return }
        let count = max(Self.dialIDBlock, needed - kernel.dialIDsLeft)
        kernel.supplyDialIDs(try Self.storeCall(.reserveDialIDs, store) { try store.reserveDialIDs(count) })
    }

    private static let dialIDBlock = 1024

    /// Adds a decided step to the commit unit and queues the events it launched, which join
    /// the same unit.
    private func record(_ step: Step, chain: Int, at now: Timestamp) {
        unit.add(step, observe: onStep != nil)
        for _ in 0..<step.launches { followUp(AgentEvent(agentID: step.event.agentID, kind: .dialing), chain: chain + 1, at: now) }
    }

    private func refuse(_ event: AgentEvent, _ state: AgentState?, _ error: EngineError) -> EngineError {
        onStep?(EngineStep(event: event, time: clock.now, before: state, after: state, placed: [], ended: [], warnings: [], error: error))
        return error
    }

    // MARK: Commit

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

    /// Puts a recovery's cancellations into the commit unit and queues the events the rules
    /// get for them as part of it.
    func recordRecovery(_ plan: DecisionKernel.RecoveryPlan) {
        kernel.closeRinging(plan.cancelled)
        unit.addRecovery(cancelled: plan.cancelled, hangUps: plan.hangUps)
        for event in plan.events { followUp(event, chain: 1) }
    }

    /// Commits the unit, then carries out its commands; on failure takes it back.
    /// Returns one error per event of a unit that could not be committed.
    private func flush() -> [EngineError] {
        guard !unit.isEmpty else { return [] }
        do throws(EngineError) {
            if !unit.batch.isEmpty { try commit(unit.batch) }
        } catch {
            return takeBack(error)
        }
        kernel.settle()
        for (number, outcome, time) in unit.finished { leads.finish(number, outcome: outcome, at: time) }
        for dial in unit.cleared { telephony.hangUp(number: dial.number, agentID: dial.agentID) }
        for dial in unit.placed { telephony.place(dial) }
        for (dial, placedFor) in unit.bridged { telephony.bridge(dial, placedFor: placedFor) }
        for (agentID, number) in unit.ended { telephony.hangUp(number: number, agentID: agentID) }
        var steps: [EngineStep] = []
        swap(&steps, &unit.observed)
        unit.reset()
        if let onStep {
            steps.forEach(onStep)
            if unit.observed.isEmpty {  // give the buffer back, unless the observer handled events
                steps.removeAll(keepingCapacity: true)
                unit.observed = steps
            }
        }
        return []
    }

    /// A launched event past `maxLaunchChain`. With one input event per unit the whole chain
    /// is taken back: the input event that started it and every event it launched are refused
    /// and change nothing. Under group commit the unit holds other input events' steps too, so
    /// only this event is refused and the chain stops there (what came before it stands).
    private func refuseChain(_ event: AgentEvent) -> [EngineError] {
        let state = kernel.state(of: event.agentID)
        let error = EngineError.launchLimit(agentID: event.agentID, status: state?.status ?? .off, limit: maxLaunchChain)
        let refused = refuse(event, state, error)
        guard commitMode.groupSize == 1, !unit.hasRecovery else { return [refused] }
        queue.removeAll { $0.chain > 0 }  // the rest of the chain: it belongs to this unit
        pendingFollowUps = 0
        return takeBack(error) + [refused]
    }

    /// Takes the unit back (its commit failed, or its launch chain ran past the limit): the
    /// kernel forgets it, its leads go back, each event is refused.
    private func takeBack(_ error: EngineError) -> [EngineError] {
        let steps = unit.observed
        let count = unit.stepCount
        undoUnit()
        if case .lostAgent(let agentID, _) = error { kernel.forget([agentID]) }
        // Unobserved steps were not kept: each is refused all the same.
        guard !steps.isEmpty else { return Array(repeating: error, count: count) }
        return steps.map { step in refuse(step.event, step.before, error) }
    }

    /// The kernel forgets the unit, its leads go back, and the unit is emptied.
    private func undoUnit() {
        kernel.rollback()
        for dial in unit.placed.reversed() { leads.giveBack(dial.number) }
        unit.reset()
    }

    /// Writes a batch outside the event path (agents added, removed, recovered).
    func commit(_ batch: StoreBatch) throws(EngineError) {
        do {
            try store.commit(batch)
        } catch let error as EngineError {
            throw error  // a store wrapped around the engine's own (tests' fault stores)
        } catch StoreError.conflict(let location, let agentID) {
            throw .lostAgent(agentID: agentID, reason: StoreError.conflict(store: location, agentID: agentID).description)
        } catch {
            throw .store(StoreError(error, store: store.location), during: .commit)
        }
    }

    /// Runs a store call; a failure becomes the engine's error with its cause.
    private static func storeCall<T>(_ operation: EngineError.StoreOperation, _ store: any AgentStore, _ body: () throws -> T) throws(EngineError)
        -> T
    {
        do {
            return try body()
        } catch {
            throw .store(StoreError(error, store: store.location), during: operation)
        }
    }
}
