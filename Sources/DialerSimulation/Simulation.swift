public import DialerCore
public import DialerLua
import Foundation
import Logging

/// A whole shift simulated on the virtual clock: a discrete-event simulation that drives the
/// production engine and rules with agents' desktops and a carrier model, one event at a time
/// from a time-ordered agenda (no threads). Hours of shift run in seconds.
///
/// Who sends what:
/// - each agent's desktop logs in at the start of its shift (staggered), sends a keep-alive
///   every `keepAliveEvery` seconds (some are lost), talks when a call is connected, wraps up,
///   then sends `call_end` (see `AgentDesktop` for how wrap-up maps onto the seed matrix), logs
///   in again when it finds itself logged out by the dialer, and logs out when its shift is
///   over (after the call in progress);
/// - telephony (`SimulatedTelephony`) answers, fails or rings out each dial as the
///   `CarrierModel` draws it, and the lead hangs up after its talk time.
///
/// A dial placed for an agent is answered for that agent; if the agent is busy by then, the rules
/// end the call (a drop) or the engine does (`unhandled_answer`), unless the rules route
/// answers to any ready agent (`ANSWER_ROUTING`), when a free agent takes it.
public final class Simulation {
    /// The settings.
    public let settings: SimulationSettings
    /// The engine under simulation.
    public let engine: DialerEngine
    /// The far end.
    public let telephony: SimulatedTelephony
    private let clock: VirtualClock
    private let rulesName: String
    private let ruleSettings: [RuleSetting]
    private let logs: SimulationLogs
    private var agenda = TimedQueue<SimulationEvent>()
    private var desktops: [AgentDesktop]
    private let talkFactors: [Double]  // each agent's talk time over the lead's (`agentTalkSpread`)
    private var indexOfAgent: [String: Int] = [:]
    private var noticedLogout: [Bool]
    private var timeline: ShiftTimeline
    private var desktopCounts = DesktopCounts()
    private var warningCounts: [String: Int] = [:]
    private var events = 0
    private var refused = 0
    private var firstRefusal: String?
    private var pendingReload: (rules: LuaRuleSet, text: String)?
    private let journal: JournalRetention
    /// The call records, counted as the engine finishes them.
    private var tally: CallTally

    /// Loads a rule file for a simulation, its `math.random` seeded from the run's seed.
    public static func loadRules(_ path: String, overrides: [String: LuaValue] = [:], seed: UInt64) throws(SimulationError) -> LuaRuleSet {
        do {
            return try LuaRuleSet(file: path, overrides: overrides, seed: Int(truncatingIfNeeded: seed))
        } catch {
            throw .rules(error.description)
        }
    }

    /// Prepares a run: the agents are added to the engine, `off`.
    /// - Parameters:
    ///   - rules: the rules (the same `LuaRuleSet` as production, usually).
    ///   - store: where the engine commits; it must be empty. In memory by default.
    ///   - leads: where numbers come from; by default an endless list of fictional numbers.
    ///   - logs: where `dialer.log` and `agents.log` go; none by default.
    ///   - journal: whether (and how long) the store journals the run's inputs: at start its
    ///     seed and settings and the rule file (`ruleText`), then every event it submits.
    ///   - keepsCallRecords: whether the result holds every call record (`calls`, for a CSV),
    ///     which grows with the shift. Without, the figures are counted as the calls end, and
    ///     an in-memory store keeps only the open dials (`InMemoryAgentStore.keepsHistory`), so
    ///     the run's memory does not grow with its length.
    public init(
        settings: SimulationSettings, rules: any RuleSet, store: any AgentStore = InMemoryAgentStore(),
        leads: (any LeadSource)? = nil, logs: SimulationLogs.Destination? = nil, journal: JournalRetention = .off, ruleText: String? = nil,
        keepsCallRecords: Bool = true
    ) throws(SimulationError) {
        try settings.validate()
        self.settings = settings
        self.journal = journal
        tally = CallTally(keepsRecords: keepsCallRecords)
        rulesName = rules.origin
        ruleSettings = (rules as? LuaRuleSet)?.settings.map { RuleSetting(name: $0.name, value: $0.value) } ?? []
        do {
            let agents = try store.listAgents().count
            let calls = try store.loadDials().count
            if agents > 0 || calls > 0 { throw SimulationError.storeNotEmpty(store: store.location, agents: agents, calls: calls) }
        } catch let error as SimulationError {
            throw error
        } catch {
            throw .store(StoreError(error, store: store.location))
        }
        if !keepsCallRecords, let memory = store as? InMemoryAgentStore { memory.keepsHistory = false }  // once known empty
        let clock = VirtualClock()
        self.clock = clock
        telephony = SimulatedTelephony(carrier: settings.carrier, seed: settings.seed, clock: clock, startHour: settings.startHour)
        self.logs = try logs.map { destination throws(SimulationError) in try SimulationLogs(destination, clock: clock) } ?? SimulationLogs()
        do {
            engine = try DialerEngine(
                rules: rules, store: store, leads: leads ?? LeadList([], generateAfterList: true), telephony: telephony, clock: clock)
        } catch {
            throw .engine(error)
        }
        if journal.isOn {
            try Self.journalStart(settings, rules: rules, text: ruleText, overrides: ruleSettings, store: store, journal: journal, at: clock.now)
            engine.journalsInputs = true
        }
        desktops = (0..<settings.agents).map { AgentDesktop(agentID: settings.agentID($0), settings: settings) }
        talkFactors = desktops.map { desktop in
            guard settings.agentTalkSpread > 0 else { return 1 }
            var random = SeededRandom.stream(seed: settings.seed, purpose: "agent talk", item: desktop.agentID)
            return random.lognormal(median: 1, sigma: settings.agentTalkSpread)
        }
        noticedLogout = Array(repeating: false, count: settings.agents)
        timeline = ShiftTimeline(agents: settings.agents)
        for (index, desktop) in desktops.enumerated() {
            indexOfAgent[desktop.agentID] = index
            do {
                try engine.addAgent(AgentState(agentID: desktop.agentID))
            } catch {
                throw .engine(error)
            }
        }
        engine.onStep = { [unowned self] step in observe(step) }
    }

    /// Journals the run's seed and settings (with the rule file's settings as the run sees
    /// them) and its rule file, and prunes what is past the retention.
    private static func journalStart(
        _ settings: SimulationSettings, rules: any RuleSet, text: String?, overrides: [RuleSetting], store: any AgentStore,
        journal: JournalRetention, at now: Timestamp
    ) throws(SimulationError) {
        struct Started: Encodable {
            let settings: SimulationSettings
            let ruleSettings: [RuleSetting]
        }
        let seed = Int(truncatingIfNeeded: settings.seed)
        do {
            let json = String(decoding: try JSONEncoder().encode(Started(settings: settings, ruleSettings: overrides)), as: UTF8.self)
            try store.commit(
                StoreBatch(journal: [
                    JournalEntry(time: now, input: .simulation(seed: settings.seed, settings: json)),
                    JournalEntry(time: now, input: .rules(file: rules.origin, text: text ?? "", seed: seed, trigger: "start")),
                ]))
            _ = try store.pruneJournal(before: journal.cutoff(at: now))
        } catch {
            throw .store(StoreError(error, store: store.location))
        }
    }

    /// Puts `rules` (whose text is `text`, for the journal) live `at` seconds into the run,
    /// between two events, as `serve` reloads a rule file: its `LEADS` with it, journaled as a
    /// `rules` entry with trigger `reload`. Call before `run`.
    public func reloadRules(_ rules: LuaRuleSet, text: String, at time: Timestamp) {
        pendingReload = (rules, text)
        agenda.schedule(.reloadRules, at: time)
    }

    private func reload() {
        guard let (rules, text) = pendingReload else { return }
        pendingReload = nil
        if journal.isOn {
            let entry = JournalEntry(
                time: clock.now, input: .rules(file: rules.origin, text: text, seed: Int(truncatingIfNeeded: settings.seed), trigger: "reload"))
            do {
                try engine.store.commit(StoreBatch(journal: [entry]))
            } catch {
                logs.dialer.error("reload of \(rules.origin) refused: cannot journal it: \(error); the rules stay")
                return
            }
        }
        engine.rules = rules
        (engine.leads as? StoredLeadPool)?.settings = rules.leadSettings
        logs.dialer.notice("rules reloaded: \(rules.origin)")
    }

    /// Lines telephony still keeps: placed, with an event of theirs to come. Once a run has
    /// drained, none; what grows with the shift is only what was asked for (`keepsCallRecords`).
    public var linesKept: Int { telephony.openLines }

    /// Runs the shift to its end and computes the report. `progress` is called now and then
    /// with the virtual time and the time the last shift ends.
    public func run(progress: ((Timestamp, Timestamp) -> Void)? = nil) throws(SimulationError) -> SimulationResult {
        for (index, desktop) in desktops.enumerated() {
            agenda.schedule(.shiftStart(agent: index), at: desktop.shiftStart)
            agenda.schedule(.keepAlive(agent: index), at: desktop.firstKeepAlive)
            agenda.schedule(.shiftEnd(agent: index), at: desktop.shiftEnd)
        }
        if let tick = settings.pacingTick { agenda.schedule(.pacingTick, at: tick) }
        let lastShiftEnd = desktops.map(\.shiftEnd).max() ?? 0
        let horizon = lastShiftEnd + settings.drainLimit
        logs.dialer.notice(
            "simulation of \(settings.agents) agents for \(settings.hours) h, seed \(settings.seed), rules \(rulesName) (\(ruleSettings.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")))"
        )
        var stopped = false
        var handled = 0
        while let time = agenda.nextTime {
            if time > horizon {
                stopped = true
                break
            }
            let event = agenda.popNext()!.item
            timeline.passMinutes(upTo: time, facts: engine.facts)
            clock.advance(to: time)
            handle(event)
            handled += 1
            if handled & 1023 == 0 { progress?(time, lastShiftEnd) }
        }
        if stopped {
            clock.advance(to: horizon)
            logs.dialer.warning(
                "drain limit reached \(settings.drainLimit) s after the last shift: \(engine.facts.inFlight) dials still ringing, \(agenda.count) events not played"
            )
        }
        progress?(clock.now, lastShiftEnd)
        timeline.finish(at: clock.now, facts: engine.facts)
        let result = try report(stopped: stopped, shiftEndedAt: lastShiftEnd)
        let total = result.report.campaign
        logs.dialer.notice(
            "simulation ended: \(total.dials) dials, \(total.connects) connects, \(total.drops) drops, abandon rate \(NumberFormat.percent(total.abandonRate)), utilisation \(NumberFormat.percent(total.utilisation))"
        )
        logs.close()
        return result
    }

    // MARK: Events

    private func handle(_ event: SimulationEvent) {
        let now = clock.now
        switch event {
        case .shiftStart(let index):
            desktops[index].phase = .waiting
            logs.agents.info("\(desktops[index].agentID) logs in; shift until \(LogFile.stamp(desktops[index].shiftEnd))")
            send(index, .login)
        case .shiftEnd(let index):
            desktops[index].leaving = true
            if desktops[index].isBusy {
                logs.agents.info("\(desktops[index].agentID) shift over; logs out after the call in progress")
            } else if desktops[index].isOnShift {
                logOut(index)
            }
        case .keepAlive(let index):
            guard desktops[index].isOnShift else { return }
            agenda.schedule(.keepAlive(agent: index), at: now + settings.keepAliveEvery)
            if desktops[index].keepAliveRandom.unit() < settings.keepAliveMissRate {
                desktopCounts.missedKeepAlives += 1
                logs.agents.warning("\(desktops[index].agentID) keep-alive lost")
            } else {
                logs.agents.debug("\(desktops[index].agentID) keep-alive")
                send(index, .keepAlive)
            }
            checkLoggedOut(index)
        case .relogin(let index):
            desktops[index].reloginPending = false
            noticedLogout[index] = false
            guard desktops[index].isOnShift, !desktops[index].leaving, !isLoggedIn(index) else { return }
            desktopCounts.relogins += 1
            logs.agents.notice("\(desktops[index].agentID) logs in again after being logged out by the dialer")
            send(index, .login)
        case .wrapUpDone(let index, let dialID):
            defer { telephony.played(dialID) }
            guard desktops[index].phase == .wrappingUp(dialID: dialID), let line = telephony.line(dialID) else { return }
            desktops[index].phase = .waiting
            logs.agents.info("\(desktops[index].agentID) wrapped up \(line.dial.number); call_end")
            send(index, .callEnd, number: line.dial.number)
            if desktops[index].leaving {
                logOut(index)
            } else {
                checkLoggedOut(index)
            }
        case .answer(let dialID):
            defer { telephony.played(dialID) }
            guard let reported = telephony.line(dialID), reported.hungUpAt == nil, let placer = indexOfAgent[reported.dial.agentID] else { return }
            send(placer, .callStart, number: reported.dial.number)
            // With answer routing the call may now be another agent's: the line says whose.
            guard let line = telephony.line(dialID), let index = indexOfAgent[line.dial.agentID],
                engine.liveCall(of: line.dial.agentID)?.id == dialID, case .answers(_, let talk) = line.fate
            else { return }
            if desktops[index].isBusy {
                logs.agents.warning("\(desktops[index].agentID) was connected to \(line.dial.number) while still busy with another call; takes it")
            }
            desktops[index].phase = .talking(dialID: dialID)
            timeline.connected(agent: index, at: now)
            timeline.set(agent: index, talking: true, at: now)
            logs.agents.info("\(desktops[index].agentID) takes the call from \(line.dial.number)")
            schedule(.leadHangsUp(dialID: dialID), of: dialID, at: now + talk * talkFactors[index])
        case .failure(let dialID):
            defer { telephony.played(dialID) }
            guard let line = telephony.line(dialID), line.hungUpAt == nil, let index = indexOfAgent[line.dial.agentID],
                case .fails(_, let reason) = line.fate
            else { return }
            send(index, .callFail, number: line.dial.number, reason: reason)
        case .leadHangsUp(let dialID):
            defer { telephony.played(dialID) }
            guard let line = telephony.line(dialID), line.hungUpAt == nil, line.talkEndedAt == nil,
                let index = indexOfAgent[line.dial.agentID]
            else { return }
            talkStopped(index, dialID, by: "the lead")
        case .reloadRules:
            reload()
        case .pacingTick:
            var anyoneLeft = false
            for index in desktops.indices where desktops[index].phase != .done {
                anyoneLeft = true
                if desktops[index].isOnShift, engine.state(of: desktops[index].agentID)?.status == .ready {
                    engine.submit(AgentEvent(agentID: desktops[index].agentID, kind: .dialing))
                }
            }
            drain()
            if anyoneLeft, let tick = settings.pacingTick { agenda.schedule(.pacingTick, at: now + tick) }
        }
    }

    private func send(_ index: Int, _ kind: EventKind, number: String? = nil, reason: FailReason? = nil) {
        engine.submit(AgentEvent(agentID: desktops[index].agentID, kind: kind, number: number, reason: reason))
        drain()
    }

    /// Runs the engine, then puts the far end of new dials on the agenda and takes note of the
    /// calls the dialer ended.
    private func drain() {
        engine.drain()  // refusals are counted and logged by `observe`
        for line in telephony.takeNewDials() {
            switch line.fate {
            case .answers(let after, _): schedule(.answer(dialID: line.dial.id), of: line.dial.id, at: line.dial.dialedAt + after)
            case .fails(let after, _): schedule(.failure(dialID: line.dial.id), of: line.dial.id, at: line.dial.dialedAt + after)
            }
        }
        for dialID in telephony.takeHangUps() {
            guard let line = telephony.line(dialID), let index = indexOfAgent[line.dial.agentID],
                desktops[index].phase == .talking(dialID: dialID)
            else { continue }
            talkStopped(index, dialID, by: "the dialer")
        }
    }

    private func talkStopped(_ index: Int, _ dialID: Int, by whom: String) {
        let now = clock.now
        telephony.talkEnded(dialID)
        timeline.set(agent: index, talking: false, at: now)
        guard desktops[index].phase == .talking(dialID: dialID) else { return }
        let wrapUp =
            settings.wrapUpMedian == 0
            ? 0 : desktops[index].wrapUpRandom.lognormal(median: settings.wrapUpMedian, sigma: SimulationSettings.wrapUpSigma)
        desktops[index].phase = .wrappingUp(dialID: dialID)
        logs.agents.debug(
            "\(desktops[index].agentID) call with \(telephony.line(dialID)?.dial.number ?? "?") ended by \(whom); wraps up for \(Int(wrapUp.rounded())) s"
        )
        schedule(.wrapUpDone(agent: index, dialID: dialID), of: dialID, at: now + wrapUp)
    }

    /// Puts an event of a dial's line on the agenda; telephony keeps the line until it is played.
    private func schedule(_ event: SimulationEvent, of dialID: Int, at time: Timestamp) {
        telephony.expect(dialID)
        agenda.schedule(event, at: time)
    }

    private func logOut(_ index: Int) {
        desktops[index].phase = .done
        logs.agents.info("\(desktops[index].agentID) logs out: shift over")
        send(index, .logout)
    }

    private func isLoggedIn(_ index: Int) -> Bool {
        guard let status = engine.state(of: desktops[index].agentID)?.status else { return false }
        return status != .off && status != .inactive
    }

    /// The desktop notices that the dialer logged it out (missed keep-alives) and logs in again
    /// once the call in progress is wrapped up.
    private func checkLoggedOut(_ index: Int) {
        let desktop = desktops[index]
        guard desktop.isOnShift, !desktop.leaving, !desktop.reloginPending, !isLoggedIn(index) else { return }
        if !noticedLogout[index] {
            noticedLogout[index] = true
            desktopCounts.loggedOutByDialer += 1
            let status = engine.state(of: desktop.agentID)?.status.rawValue ?? "unknown"
            logs.agents.warning(
                "\(desktop.agentID) finds itself \(status) (missed keep-alives)\(desktop.isBusy ? "; logs in again after this call" : "")")
        }
        guard !desktop.isBusy else { return }
        desktops[index].reloginPending = true
        agenda.schedule(.relogin(agent: index), at: clock.now + settings.reloginDelay)
    }

    // MARK: Observing the engine

    private func observe(_ step: EngineStep) {
        events += 1
        if let error = step.error {
            refused += 1
            if firstRefusal == nil { firstRefusal = "\(step.event.agentID) \(step.event.kind): \(error.description)" }
        }
        for warning in step.warnings { warningCounts[warning.code, default: 0] += 1 }
        for dial in step.finished { tally.add(record(of: dial)) }
        let agentID = step.event.agentID
        logs.record(step, inFlight: engine.ringingDials(of: agentID).count)
        guard let index = indexOfAgent[agentID], let before = step.before?.status, let after = step.after?.status, before != after else { return }
        timeline.set(agent: index, loggedIn: after != .off, at: step.time)
        switch after {
        case .ready: timeline.becameFree(agent: index, at: step.time)
        case .off, .inactive: timeline.stoppedWaiting(agent: index)
        case .inCall: break
        }
    }

    /// The call record of a dial as it stands, with when the talking on its line stopped.
    private func record(of dial: Dial) -> CallRecord { CallRecord(dial: dial, talkEndedAt: telephony.line(dial.id)?.talkEndedAt) }

    // MARK: Report

    private func report(stopped: Bool, shiftEndedAt: Timestamp) throws(SimulationError) -> SimulationResult {
        // The dials still open (ringing, or a call not ended) are counted as they stand.
        for desktop in desktops {
            for dial in engine.openDials(of: desktop.agentID) { tally.add(record(of: dial)) }
        }
        let agents = desktops.indices.map { index in
            let agentID = desktops[index].agentID
            return CallMetrics(
                agentID: agentID, stats: tally.byAgent[agentID] ?? AgentCallStats(agentID: agentID), accounts: [timeline.agents[index]])
        }
        let report = SimulationReport(
            rules: rulesName, ruleSettings: ruleSettings, settings: settings, shiftEndedAt: shiftEndedAt, endedAt: clock.now,
            stoppedAtDrainLimit: stopped,
            events: events, refusedEvents: refused, firstRefusal: firstRefusal,
            campaign: CallMetrics(agentID: "total", stats: tally.campaign, accounts: timeline.agents),
            agents: agents,
            warnings: warningCounts.keys.sorted().map { WarningCount(code: $0, count: warningCounts[$0]!) },
            desktops: desktopCounts,
            minutes: MinuteSeries.build(counted: tally.minutes, timeline: timeline, peopleHungUp: telephony.peopleHungUpTimes),
            machines: telephony.machineCounts)
        return SimulationResult(report: report, calls: tally.recordsInDialOrder)
    }
}
