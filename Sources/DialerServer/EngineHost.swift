import DialerCore
import DialerLua
import Foundation
import Logging

/// The one owner of the engine, its store, its rules and its telephony port. An actor on its
/// own thread (`EngineThread`): requests reach it one at a time, each handled to the end (its
/// events committed, its dials queued for the webhook) before the next, so rules are only ever
/// replaced between events. Only `Sendable` values go in and out. What `/health` and `/rules`
/// show is published on `board`, which they read without waiting for the engine thread.
actor EngineHost {
    /// Where a call event is addressed.
    enum CallTarget: Sendable {
        /// The dial id of the webhook's dial request.
        case dial(Int)
        /// The dialed number.
        case number(String)
    }

    private let thread: EngineThread
    nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }

    private let engine: DialerEngine
    private let store: any AgentStore
    private let leads: StoredLeadPool
    private let dialing: PausableLeadSource  // what the engine dials from: `leads`, unless paused
    private let telephony: WebhookTelephony
    private let directory: DialDirectory
    private let log: StepLog
    private let metrics: ServiceMetrics
    private let logger: Logger
    private let agentLog: Logger
    private let rulesFile: String
    private let seed: Int
    /// How long the journal is kept; off: nothing is journaled.
    private let journal: JournalRetention
    /// Engine time of the next pruning of the journal.
    private var nextPrune: Timestamp = 0
    private let recovery: DialerEngine.RecoveryPolicy
    /// The rules of `--shadow-rules`, asked about every decision and never acted on; nil without.
    private let shadow: ShadowRules?
    private var accepting = true
    private var wallboardLog = WallboardLog()
    private let startedAt = Date().timeIntervalSince1970
    private let clock: any EngineClock
    /// Calls answered and dropped in the store's records of the trailing window, as last counted.
    private var trailingStored = CallCounts(answered: 0, drops: 0)
    /// The engine's own counts when the store was last counted (what it counts after is added).
    private var trailingEngineBase = CallCounts(answered: 0, drops: 0)
    /// Where the trailing window began when last counted (engine clock).
    private var trailingSince: Timestamp = 0
    /// Seconds between two counts of the store, so the window slides with the clock.
    static let trailingRecount: Double = 3600

    /// What the engine publishes for the routes that must not wait for it.
    nonisolated let board: EngineBoard

    /// Loads the rules and every agent and open dial from `store`; dial and hang-up requests
    /// go into `webhook`.
    init(
        store: sending any AgentStore, configuration: ServerConfiguration, webhook: AsyncStream<WebhookRequest>.Continuation,
        metrics: ServiceMetrics, logger: Logger
    ) throws(ServeError) {
        thread = EngineThread(name: "dialer-engine")
        rulesFile = configuration.rulesFile
        seed = configuration.seed
        journal = configuration.journal
        recovery = configuration.recovery
        self.metrics = metrics
        self.logger = logger
        agentLog = Logger(label: "agents")
        self.store = store
        directory = DialDirectory()
        telephony = WebhookTelephony(queue: webhook, directory: directory)
        log = StepLog()
        let (ruleSet, source): (LuaRuleSet, String)
        do {
            (ruleSet, source) = try Self.load(configuration.rulesFile, configuration)
        } catch {
            throw .rules(error)
        }
        shadow = try Self.shadow(configuration, metrics: metrics, logger: logger)
        board = EngineBoard(thread: thread, rules: LiveRules(ruleSet, file: configuration.rulesFile, source: source))
        leads = StoredLeadPool(store: store, settings: ruleSet.leadSettings)
        do {
            dialing = PausableLeadSource(leads, paused: try store.loadDialingPaused())
        } catch {
            throw .dialingSwitch(StoreError(error, store: store.location))
        }
        let clock: any EngineClock = configuration.clockStart.map { ShiftedClock(start: $0) } ?? SystemClock()
        self.clock = clock
        do {
            engine = try DialerEngine(rules: ruleSet, store: store, leads: dialing, telephony: telephony, clock: clock)
        } catch {
            throw .engine(error)
        }
        let log = self.log
        engine.onStep = { log.append($0) }
        if let shadow { engine.onDecision = { shadow.compare($0, live: $1) } }
        engine.journalsInputs = journal.isOn
        if journal.isOn {
            let entry = JournalEntry(time: clock.now, input: .rules(file: rulesFile, text: source, seed: seed, trigger: "start"))
            try Self.journal(entry, in: store)
        }
    }

    /// Reads and loads a rule file with the service's seed and Lua limits; returns it and its text.
    private static func load(_ file: String, _ configuration: ServerConfiguration) throws(RuleError) -> (LuaRuleSet, String) {
        let source: String
        do {
            source = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw .unreadable(file: file, reason: "\(error.localizedDescription)")
        }
        return (try LuaRuleSet(source: source, name: file, seed: configuration.seed, limits: configuration.luaLimits), source)
    }

    /// The shadow rules of `--shadow-rules`, nil without it.
    private static func shadow(_ configuration: ServerConfiguration, metrics: ServiceMetrics, logger: Logger) throws(ServeError) -> ShadowRules? {
        guard let file = configuration.shadowRulesFile else { return nil }
        do {
            let (ruleSet, source) = try load(file, configuration)
            return ShadowRules(ruleSet, file: file, source: source, metrics: metrics, logger: logger)
        } catch {
            throw .shadowRules(error)
        }
    }

    /// Journals the rule file the run starts on (pruning waits for `start`).
    private static func journal(_ entry: JournalEntry, in store: any AgentStore) throws(ServeError) {
        do {
            try store.commit(StoreBatch(journal: [entry]))
        } catch {
            throw .journal(StoreError(error, store: store.location))
        }
    }

    /// The journal entry for an input, at the engine's time; nil when nothing is journaled.
    private func entry(_ input: @autoclosure () -> JournalInput) -> JournalEntry? {
        journal.isOn ? JournalEntry(time: clock.now, input: input()) : nil
    }

    /// Prunes the journal at start and then once an hour of engine time; a failure is logged
    /// and tried again at the next event.
    private func pruneJournalIfDue() {
        let now = clock.now
        guard journal.isOn, now >= nextPrune else { return }
        do {
            let pruned = try store.pruneJournal(before: journal.cutoff(at: now))
            if pruned > 0 { logger.info("journal: pruned \(pruned) entries older than \(journal.days) days") }
            nextPrune = now + JournalRetention.pruneInterval
        } catch {
            logger.error("cannot prune the journal: \(error); it grows until a pruning succeeds")
        }
    }

    // MARK: Start and stop

    /// Resolves what a previous run left open (by the recovery policy); returns a line for the log.
    func start() -> String {
        // Counted before recovery: what recovery and later events do, the engine counts.
        countTrailingWindow()
        pruneJournalIfDue()
        var open = 0
        for id in engine.agentIDs {
            for dial in engine.openDials(of: id) {
                directory.insert(dial)
                open += 1
            }
        }
        var refused = 0
        do {
            refused = try engine.recover(policy: recovery).count
        } catch {
            logger.error("recovery failed: \(error)")
        }
        absorb(log.take())
        board.publish(agents: engine.agentIDs.count)
        return "\(engine.agentIDs.count) agents, \(open) open dials recovered (\(recovery.rawValue)), \(refused) events refused"
    }

    /// Takes no more events; the webhook sender finishes what is queued.
    func stopTakingEvents() {
        accepting = false
        board.publishStopping()
        telephony.finish()
    }

    /// Seconds a lease lasts, on a shared store; nil on a store of one node.
    var sharedLeaseSeconds: Double? { (store as? any SharedAgentStore)?.leaseSeconds }

    /// Gives up this node's leases on a shared store, so other nodes take the agents at once.
    func releaseLeases() {
        guard let shared = store as? any SharedAgentStore else { return }
        do {
            try shared.releaseLeases()
        } catch {
            logger.error("cannot release the leases: \(error); other nodes take the agents over when they expire")
        }
    }

    /// On a shared store: renews the leases, lets go of agents other nodes took, takes over
    /// agents of nodes that stopped. Nothing to do on a store of one node.
    func renewLeases() {
        guard accepting, let shared = store as? any SharedAgentStore else { return }
        do {
            let directory = self.directory
            let wasPaused = dialing.paused
            dialing.paused = try shared.loadDialingPaused()  // another node may have paused or resumed
            if wasPaused && !dialing.paused { dialReadyAgents() }
            let takeover = try engine.renewLeases(on: shared, recovery: recovery) { dials in dials.forEach(directory.insert) }
            directory.remove(agents: takeover.lost)
            absorb(log.take())
            board.publish(agents: engine.agentIDs.count)
            if !takeover.lost.isEmpty {
                logger.warning("lost \(takeover.lost.count) agents to other nodes: \(takeover.lost.joined(separator: ", "))")
            }
            if !takeover.adopted.isEmpty { logger.notice("took over \(takeover.adopted.count) agents: \(takeover.adopted.joined(separator: ", "))") }
        } catch {
            logger.error("lease renewal failed: \(error)")
        }
    }

    // MARK: Events

    /// An event request, resolved to the engine's event when its group is decided.
    private enum EventRequest {
        case agent(String, EventKind)
        case call(CallTarget, EventKind, FailReason?)
    }

    /// A request waiting for the next group, and where its reply goes.
    private struct Waiting {
        var request: EventRequest
        var received: ContinuousClock.Instant
        var reply: CheckedContinuation<Result<EventReply, ServiceError>, Never>
    }

    /// Event requests waiting for the next group, in the order they came.
    private var waiting: [Waiting] = []
    /// Whether a job that decides the waiting requests is queued on the engine thread.
    private var groupQueued = false
    /// The most requests decided into one commit; more wait for the next.
    static let maxGroup = 256

    /// Handles an agent event (`login`, `logout`, `keep_alive`).
    func agentEvent(_ agentID: String, _ kind: EventKind, received: ContinuousClock.Instant) async throws(ServiceError) -> EventReply {
        agentLog.info("\(agentID) \(kind)")
        return try await submit(.agent(agentID, kind), received: received)
    }

    /// Handles a call event telephony reports for a dial it was asked to place.
    func callEvent(_ target: CallTarget, _ kind: EventKind, reason: FailReason?, received: ContinuousClock.Instant) async throws(ServiceError)
        -> EventReply
    {
        try await submit(.call(target, kind, reason), received: received)
    }

    /// Queues a request for the next group and waits for its reply, which comes only after
    /// the group is committed. The requests that come in while the engine thread is busy
    /// (committing the group before, say) make up the next group: one transaction for them all.
    private func submit(_ request: EventRequest, received: ContinuousClock.Instant) async throws(ServiceError) -> EventReply {
        guard accepting else { throw .stopping }
        let result = await withCheckedContinuation { (reply: CheckedContinuation<Result<EventReply, ServiceError>, Never>) in
            waiting.append(Waiting(request: request, received: received, reply: reply))
            queueGroupIfNeeded()
        }
        return try result.get()
    }

    private func queueGroupIfNeeded() {
        guard !groupQueued, !waiting.isEmpty else { return }
        groupQueued = true
        Task { self.decideWaiting() }
    }

    /// Decides the waiting requests one after another, each on the state the ones before left,
    /// commits them in one transaction, and answers each. A group that cannot be committed
    /// whole (the store refused the commit, or an event ran past the launch limit) is decided
    /// again one request at a time, so each request gets the answer it would have got alone.
    private func decideWaiting() {
        let group = Array(waiting.prefix(Self.maxGroup))
        waiting.removeFirst(group.count)
        groupQueued = false
        queueGroupIfNeeded()
        guard accepting else {
            for item in group { item.reply.resume(returning: .failure(.stopping)) }
            return
        }
        pruneJournalIfDue()
        let requests = group.map(\.request)
        let outcomes = (group.count > 1 ? decideTogether(requests) : nil) ?? requests.map(decideAlone)
        for (item, outcome) in zip(group, outcomes) {
            item.reply.resume(returning: Result { () throws(ServiceError) in try reply(outcome, received: item.received) })
        }
    }

    /// What a request came to: what the engine did with it, or why it was refused first.
    private typealias Outcome = Result<EventGroup.Decided, ServiceError>

    /// Decides the requests into one commit; nil, with nothing changed, when it cannot stand.
    private func decideTogether(_ requests: [EventRequest]) -> [Outcome]? {
        engine.commitMode = .grouped(maxEvents: .max)
        defer { engine.commitMode = .perEvent }
        var group = EventGroup()
        for request in requests {
            do throws(ServiceError) {
                let event = try resolve(request)
                engine.submit(event)
                engine.decideQueued()
                let refused = log.take()
                let agent = repliedAgent(event, firstStep: refused.first ?? engine.decidedStep(group.nextStep))
                group.decide(EventGroup.Decided(event: event, steps: refused, agent: agent), decidedSteps: engine.decidedSteps)
            } catch {
                group.reject(error)
            }
        }
        if group.ranPastLaunchLimit {
            engine.discardDecided()
            return nil
        }
        let failed = !engine.commitDecided().isEmpty
        let committed = log.take()  // on failure: the steps taken back, each refused
        if failed { return nil }
        metrics.observeCommitGroup(requests.count)
        return group.results(committed: committed)
    }

    /// Decides and commits one request on its own.
    private func decideAlone(_ request: EventRequest) -> Outcome {
        metrics.observeCommitGroup(1)
        return Result { () throws(ServiceError) in try decided(resolve(request)) }
    }

    /// Decides and commits one event on its own.
    private func decided(_ event: AgentEvent) -> EventGroup.Decided {
        engine.handle(event)
        let steps = log.take()
        return EventGroup.Decided(event: event, steps: steps, agent: repliedAgent(event, firstStep: steps.first))
    }

    /// The agent a reply shows, as the engine holds it now: the one the event's own step moved
    /// (an answer handed to a ready agent under ANSWER_ROUTING = "any_ready_agent" moves that
    /// agent, not the one who dialed).
    private func repliedAgent(_ event: AgentEvent, firstStep: EngineStep?) -> AgentView? { view(firstStep?.event.agentID ?? event.agentID) }

    /// The engine's event for a request, checked against the engine's state now.
    private func resolve(_ request: EventRequest) throws(ServiceError) -> AgentEvent {
        switch request {
        case .agent(let agentID, let kind):
            guard engine.state(of: agentID) != nil else { throw notDrivenHere(agentID) }
            return AgentEvent(agentID: agentID, kind: kind)
        case .call(let target, let kind, let reason):
            return try callEvent(target, kind, reason: reason)
        }
    }

    /// A call event for the dial it names, if that dial is open in a state that can take it.
    private func callEvent(_ target: CallTarget, _ kind: EventKind, reason: FailReason?) throws(ServiceError) -> AgentEvent {
        let id: Int
        switch target {
        case .dial(let dialID):
            id = dialID
        case .number(let number):
            guard let dialID = directory.dialID(of: number) else { throw .unknownNumber(number) }
            id = dialID
        }
        let unknown: ServiceError =
            switch target {
            case .dial: .unknownDial(id)
            case .number(let number): .unknownNumber(number)
            }
        guard let entry = directory.entry(id) else { throw unknown }
        let ringing = engine.ringingDials(of: entry.agentID).contains { $0.id == id }
        let live = engine.liveCall(of: entry.agentID)?.id == id
        guard ringing || live else {
            directory.remove(id)
            throw unknown
        }
        if kind == .callFail && !ringing {
            throw .callStateConflict(dialID: id, message: "it was answered: report call_end when the call ends")
        }
        if kind == .callEnd && !live {
            throw .callStateConflict(dialID: id, message: "it has not been answered: report call_start or call_fail")
        }
        return AgentEvent(agentID: entry.agentID, kind: kind, number: entry.number, reason: reason)
    }

    /// The webhook gave up on a dial request (refused, or unreachable after its retries): the
    /// dial becomes a `call_fail` with reason `not_placed`, so the dial does not stay open, the
    /// agent's rules dial again, and the lead keeps its attempts (it waits `retry.not_placed`).
    func dialRequestFailed(dialID: Int, why: String) {
        guard accepting else {
            logger.error("webhook gave up on dial \(dialID) while stopping: \(why); it stays ringing in the store and is recovered at the next start")
            return
        }
        guard let entry = directory.entry(dialID), engine.ringingDials(of: entry.agentID).contains(where: { $0.id == dialID }) else {
            logger.error("webhook gave up on dial \(dialID): \(why); the dial is no longer ringing here, nothing to report")
            return
        }
        logger.error("webhook gave up on dial \(dialID) to \(entry.number) for agent '\(entry.agentID)': \(why); reporting call_fail (not_placed)")
        do {
            _ = try handle(AgentEvent(agentID: entry.agentID, kind: .callFail, number: entry.number, reason: .notPlaced))
        } catch {
            logger.error("call_fail for dial \(dialID) refused: \(error)")
        }
    }

    /// Handles an event of the service's own at once, committed on its own.
    private func handle(_ event: AgentEvent) throws(ServiceError) -> EventReply {
        guard accepting else { throw .stopping }
        pruneJournalIfDue()
        return try reply(.success(decided(event)), received: nil)
    }

    /// The reply to an event the engine decided (or the error it was refused with), once what
    /// it did is counted and logged.
    private func reply(_ outcome: Outcome, received: ContinuousClock.Instant?) throws(ServiceError) -> EventReply {
        let decided = try outcome.get()
        let steps = decided.steps
        absorb(steps)
        if let received { metrics.observeLatency(decided.event.kind.rawValue, seconds: Self.seconds(since: received)) }
        if let error = steps.first?.error { throw ServiceError(error) }
        guard let agent = decided.agent ?? steps.last?.after.map({ AgentView($0, ringing: [], call: nil) }) else {
            throw .unknownAgent(steps.first?.event.agentID ?? decided.event.agentID)
        }
        return EventReply(agent: agent, steps: steps.map(StepView.init))
    }

    /// Counts and logs what the engine did, and forgets dials telephony can no longer report on.
    private func absorb(_ steps: [EngineStep]) {
        for step in steps {
            wallboardLog.note(step)
            metrics.countEvent(step.event.kind.rawValue, ok: step.error == nil)
            for warning in step.warnings {
                metrics.countWarning(warning.code)
                logger.warning(
                    "\(warning.agentID) \(warning.status) × \(warning.event): warning \(warning.code)\(warning.message.map { ": \($0)" } ?? "")")
            }
            if let error = step.error {
                logger.warning("refused \(step.event.kind) for agent '\(step.event.agentID)': \(error)")
            } else {
                logger.info("\(Self.decision(step))")
            }
            if step.error == nil, step.event.kind == .callFail || step.event.kind == .callEnd, let number = step.event.number,
                let id = directory.dialID(of: number), !isOpen(id, agentID: step.event.agentID)
            {
                directory.remove(id)
            }
        }
    }

    /// One engine decision on a line: `a1 ready × call_start +12125550100 -> in_call`, then what it did.
    private static func decision(_ step: EngineStep) -> String {
        var line = "\(step.event.agentID) \(step.before?.status.rawValue ?? "?") × \(step.event.kind)"
        if let number = step.event.number { line += " \(number)" }
        if let reason = step.event.reason { line += " (\(reason.rawValue))" }
        line += " -> \(step.after?.status.rawValue ?? "?")"
        if let after = step.after, after.cdc != step.before?.cdc { line += " cdc \(after.cdc)" }
        if !step.placed.isEmpty { line += "; dial " + step.placed.map { "\($0.id) \($0.number)" }.joined(separator: ", ") }
        if !step.ended.isEmpty { line += "; hang up " + step.ended.joined(separator: ", ") }
        return line
    }

    private func isOpen(_ dialID: Int, agentID: String) -> Bool {
        engine.liveCall(of: agentID)?.id == dialID || engine.ringingDials(of: agentID).contains { $0.id == dialID }
    }

    // MARK: Agents and leads

    /// Every agent this node drives, by id.
    func agents() -> [AgentView] { engine.agentIDs.compactMap(view) }

    /// One agent.
    func agent(_ agentID: String) throws(ServiceError) -> AgentView {
        guard let agent = view(agentID) else { throw notDrivenHere(agentID) }
        return agent
    }

    /// Why an agent this engine does not drive is refused: unknown (404), or on a shared
    /// store driven by another node (409).
    private func notDrivenHere(_ agentID: String) -> ServiceError {
        guard let shared = store as? any SharedAgentStore, (try? shared.listAgents().contains { $0.agentID == agentID }) == true else {
            return .unknownAgent(agentID)
        }
        return .lostAgent(agentID: agentID, reason: "node \(shared.nodeID) does not hold its lease")
    }

    /// Adds an agent, `off` with `cdc` 0.
    func addAgent(_ agentID: String) throws(ServiceError) -> AgentView {
        guard accepting else { throw .stopping }
        do {
            if try store.listAgents().contains(where: { $0.agentID == agentID }) { throw ServiceError.agentExists(agentID) }
        } catch let error as ServiceError {
            throw error
        } catch {
            throw .store(StoreError(error, store: store.location))
        }
        do {
            try engine.addAgent(AgentState(agentID: agentID))
        } catch {
            throw ServiceError(error)
        }
        board.publish(agents: engine.agentIDs.count)
        wallboardLog.noteChange()
        return try agent(agentID)
    }

    /// Removes an agent that is not in a call; its ringing dials are hung up.
    func removeAgent(_ agentID: String) throws(ServiceError) -> AgentView {
        guard accepting else { throw .stopping }
        let before = try agent(agentID)
        if engine.state(of: agentID)?.status == .inCall { throw .agentInCall(agentID) }
        do {
            try engine.removeAgent(agentID)
        } catch {
            throw ServiceError(error)
        }
        directory.remove(agents: [agentID])
        board.publish(agents: engine.agentIDs.count)
        wallboardLog.noteChange()
        return before
    }

    /// Adds leads to the store, journaled in the same transaction; returns how many were new.
    func addLeads(_ numbers: [String]) throws(ServiceError) -> Int {
        guard accepting else { throw .stopping }
        do {
            defer { leads.lookAgain() }  // dialable from the next dial, not after the pool's refill interval
            return try store.addLeads(numbers, journal: entry(.leadsAdded(numbers: numbers)))
        } catch {
            throw .store(StoreError(error, store: store.location))
        }
    }

    /// Schedules a callback (`StoredLeadPool.scheduleCallback`): the lead is dialed at `time`
    /// and not before; returns its new standing.
    func scheduleCallback(_ number: String, at time: Timestamp) throws(ServiceError) -> LeadView {
        guard accepting else { throw .stopping }
        do {
            return LeadView(try leads.scheduleCallback(number, at: time, journal: entry(.callback(number: number, at: time))))
        } catch let error as CallbackError {
            throw ServiceError(error)
        } catch {
            throw .store(StoreError(error, store: store.location))
        }
    }

    private func view(_ agentID: String) -> AgentView? {
        engine.state(of: agentID).map { AgentView($0, ringing: engine.ringingDials(of: agentID), call: engine.liveCall(of: agentID)) }
    }

    // MARK: Campaign

    /// Whether dialing is paused, and the dials in flight.
    func campaign() -> CampaignView { CampaignView(dialingPaused: dialing.paused, dialsInFlight: engine.facts.inFlight) }

    /// Pauses (no new dials; calls in progress go on) or resumes dialing. Saved in the store
    /// first, so a restart keeps it; a store that fails changes nothing.
    func setDialingPaused(_ paused: Bool) throws(ServiceError) -> CampaignView {
        guard accepting else { throw .stopping }
        do {
            try store.saveDialingPaused(paused, journal: entry(.dialingPaused(paused)))
        } catch {
            throw .store(StoreError(error, store: store.location))
        }
        let resuming = dialing.paused && !paused
        if dialing.paused != paused { logger.notice("dialing \(paused ? "paused" : "resumed") for the campaign") }
        dialing.paused = paused
        wallboardLog.noteChange()
        if resuming { dialReadyAgents() }
        return campaign()
    }

    /// After a resume: a `dialing` event for every `ready` agent, handled as any event, so its
    /// rules decide whether to dial (an agent that became ready while paused got no lead).
    private func dialReadyAgents() {
        let ready = engine.agentIDs.filter { engine.state(of: $0)?.status == .ready }
        for agentID in ready {
            do {
                _ = try handle(AgentEvent(agentID: agentID, kind: .dialing))
            } catch {
                logger.error("dialing for agent '\(agentID)' after the resume refused: \(error)")
            }
        }
        if !ready.isEmpty { logger.notice("resumed: a dialing event for each of \(ready.count) ready agents") }
    }

    // MARK: Rules

    /// Puts rules the `RuleLoader` loaded and checked live, between two events, journaled
    /// first (a reload the store cannot journal is refused: the live rules stay); returns them.
    func install(_ ruleSet: sending LuaRuleSet, source: String, trigger: ReloadTrigger) throws(ServiceError) -> LiveRules {
        if let entry = entry(.rules(file: rulesFile, text: source, seed: seed, trigger: trigger.rawValue)) {
            do {
                try store.commit(StoreBatch(journal: [entry]))
            } catch {
                metrics.countReload(ok: false, trigger: trigger.rawValue)
                logger.error("reload (\(trigger.rawValue)) refused: cannot journal it: \(error)")
                throw .store(StoreError(error, store: store.location))
            }
        }
        leads.settings = ruleSet.leadSettings  // LEADS reloads with the rest of the file
        let rules = LiveRules(ruleSet, file: rulesFile, source: source)
        engine.rules = ruleSet
        let previous = board.rules.version
        board.publish(rules: rules)
        metrics.countReload(ok: true, trigger: trigger.rawValue)
        logger.notice("rules reloaded (\(trigger.rawValue)): \(rulesFile) \(previous) -> \(rules.version)")
        return rules
    }

    // MARK: Shadow rules

    /// `GET /shadow`; refused without `--shadow-rules`.
    func shadowView() throws(ServiceError) -> ShadowView {
        guard let shadow else { throw .shadowOff }
        return shadow.view
    }

    /// The shadow file's version now; nil without `--shadow-rules`.
    var shadowVersion: String? { shadow?.rules.version }

    /// Puts shadow rules the `RuleLoader` loaded and checked in place, between two events (not
    /// journaled: nothing the shadow decides is applied); returns them.
    func installShadow(_ ruleSet: sending LuaRuleSet, source: String, trigger: ReloadTrigger) throws(ServiceError) -> LiveRules {
        guard let shadow else { throw .shadowOff }
        return shadow.install(ruleSet, source: source, trigger: trigger)
    }

    /// Notes a refused shadow reload for `GET /shadow`.
    func refuseShadow(_ message: String) { shadow?.refuse(message) }

    // MARK: Observing

    /// The wallboard now, unless nothing changed since `changes` (what an earlier call
    /// returned; nil: build it anyway); returns the change count with it.
    func wallboard(unlessChanges changes: Int? = nil) -> (changes: Int, snapshot: WallboardSnapshot?) {
        guard wallboardLog.changes != changes else { return (wallboardLog.changes, nil) }
        return (wallboardLog.changes, wallboard())
    }

    /// The wallboard now.
    /// Counts the trailing window's calls in the store now, and notes the engine's counts, so
    /// what the engine counts from here on is added. Once at start, then once an hour.
    private func countTrailingWindow() {
        let facts = engine.facts
        trailingSince = clock.now - WallboardSnapshot.Trailing.seconds
        trailingEngineBase = CallCounts(answered: facts.answered, drops: facts.drops)
        do {
            trailingStored = try store.callCounts(since: trailingSince)
        } catch {
            let days = WallboardSnapshot.Trailing.days
            logger.error("cannot count the calls of the last \(days) days: \(error); the trailing abandon rate counts what it counted before")
        }
    }

    func wallboard() -> WallboardSnapshot {
        if clock.now - (trailingSince + WallboardSnapshot.Trailing.seconds) >= Self.trailingRecount { countTrailingWindow() }
        let facts = engine.facts
        let agents = engine.agentIDs.compactMap { id in
            engine.state(of: id).map { state in
                WallboardSnapshot.Agent(
                    agentID: id, status: state.status.rawValue, since: wallboardLog.since(id, fallback: startedAt), cdc: state.cdc,
                    inFlight: engine.ringingDials(of: id).count, callNumber: engine.liveCall(of: id)?.number)
            }
        }
        let shift = WallboardSnapshot.Shift(
            dials: facts.dials, answered: facts.answered, connects: facts.connects, drops: facts.drops, abandonRate: facts.abandonRate,
            abandonTarget: 0.03)
        let trailing =
            trailingStored + CallCounts(answered: facts.answered - trailingEngineBase.answered, drops: facts.drops - trailingEngineBase.drops)
        return WallboardSnapshot(
            at: Date().timeIntervalSince1970, agents: agents,
            totals: Dictionary(uniqueKeysWithValues: AgentStatus.allCases.map { ($0.rawValue, facts.count($0)) }),
            dialsInFlight: facts.inFlight, dialingPaused: dialing.paused, shift: shift,
            trailing: WallboardSnapshot.Trailing(
                since: trailingSince, answered: trailing.answered, drops: trailing.drops, abandonRate: trailing.abandonRate),
            rules: board.rules, reloadError: board.reloadError, warnings: wallboardLog.warnings)
    }

    /// What the wallboard's chart samples each second (`WallboardMinutes`).
    func wallboardSample() -> WallboardMinutes.Sample {
        let facts = engine.facts
        let loggedIn = AgentStatus.allCases.filter { $0 != .off }.reduce(0) { $0 + facts.count($1) }
        return WallboardMinutes.Sample(inCall: facts.count(.inCall), loggedIn: loggedIn, answered: facts.answered, drops: facts.drops)
    }

    /// The engine's figures for `/metrics`.
    func gauges() -> EngineGauges {
        let rules = board.rules
        return EngineGauges(
            facts: engine.facts,
            agentsByStatus: AgentStatus.allCases.map { EngineGauges.StatusCount(status: $0.rawValue, count: engine.facts.count($0)) },
            rulesVersion: rules.version, rulesLoadedAt: rules.loadedAt, dialingPaused: dialing.paused)
    }

    private static func seconds(since instant: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - instant
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
