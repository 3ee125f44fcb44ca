import DequeModule
import HeapModule

/// Leads kept in the engine's store, dialed with the campaign's retries and compliance (a rule
/// file's `LEADS`): the lead source of `dialer serve`, `soak` and `simulate --store`.
///
/// The store keeps each lead's standing (attempts, last outcome, when it may be dialed again and
/// why), written in the commit of the dial outcome that set it (the pool hands the store its
/// retry policy), so a restart loses no lead and redials none too early. The pool applies
/// Do-Not-Call and calling hours (the lead's own time zone, else its area code's) when it hands
/// a lead out; a lead outside its hours waits, it is not dropped. A shared store reserves leads
/// for this node, so two nodes never dial one lead.
///
/// The pool keeps a chunk of the store's dialable leads in memory (`readChunk`, in dialing
/// order), reads the next chunk when those run out, and otherwise asks the store again only
/// when none may be dialed and something may have changed: a wait it knows of ended, a
/// callback fell due, or `refillInterval` passed (leads added or freed by others). So memory
/// and the cost of a read do not grow with the list.
public final class StoredLeadPool: LeadSource {
    /// The store the leads are in.
    public let store: any AgentStore
    /// Retries, calling hours and Do-Not-Call; a change (a rule file reloaded) applies from the next lead.
    public var settings: LeadSettings {
        didSet {
            store.retryPolicy = settings.retry
            blocked = [:]
            nextBlockEnd = nil
            mustRefill = true
        }
    }
    /// Engine seconds between two looks at the store while nothing can be dialed (default 60).
    public var refillInterval: Double = 60
    /// How many dialable leads one read of the store takes (default 10,000: a read walks past
    /// the leads waiting out a retry, so fewer, larger reads; a shared store reserves at most
    /// its own chunk).
    public var readChunk = 10_000

    /// A lead handed out, with the zone its facts show.
    private struct Handed {
        var lead: StoredLead
        var zone: String?
    }

    /// A lead due back in line at `time`: its wait (a retry, a lockout) or its block (calling
    /// hours) ends then; nil: a lead this pool did not hand out, so the store is read then.
    private struct Comeback: Comparable {
        var time: Timestamp
        var lead: StoredLead?

        static func < (a: Comeback, b: Comeback) -> Bool { (a.time, a.lead?.seq ?? -1) < (b.time, b.lead?.seq ?? -1) }
        static func == (a: Comeback, b: Comeback) -> Bool { a.time == b.time && a.lead?.number == b.lead?.number }
    }

    private var queue: Deque<StoredLead> = []
    private var comebacks = Heap<Comeback>()
    /// The time each number in `comebacks` is expected back; a callback or a read replaces it.
    private var expected: [String: Timestamp] = [:]
    private var knowsWaits = false
    private var outstanding: [String: Handed] = [:]
    private var blocked: [String: LeadBlock] = [:]
    private var nextBlockEnd: Timestamp?
    private var nextWaitEnd: Timestamp?
    private var nextCallback: Timestamp?
    private var mustRefill = true
    private var lastReadGaveLeads = false  // the store may hold more beyond the chunk read
    private var lastRefill = -Double.infinity
    private var summary = LeadSummary()
    private var lastError: String?

    /// A pool over `store` with `settings`; gives the store the retry policy. Leads are read
    /// when the first is asked for.
    public init(store: any AgentStore, settings: LeadSettings = LeadSettings()) {
        self.store = store
        self.settings = settings
        keepsOrder = !(store is any SharedAgentStore)
        store.retryPolicy = settings.retry
    }

    /// Leads read from the store and not handed out or passed over yet.
    public var waiting: Int { queue.count }

    /// The first lead in dialing order that may be dialed at `time`, reserved.
    public func nextLead(for agentID: String, at time: Timestamp) -> String? {
        if keepsOrder { welcomeBack(at: time) }
        if let due = nextCallback, time >= due {
            nextCallback = nil
            mustRefill = true
        }
        var refreshed = mustRefill
        if mustRefill { refill(at: time) }
        if let number = takeDialable(at: time) { return number }
        if !refreshed && refillDue(at: time) {
            refill(at: time)
            refreshed = true
            if let number = takeDialable(at: time) { return number }
        }
        // The chunk in hand is used up or passed over: read the next one while reads give leads
        // (each read passes over every lead found blocked, so this ends).
        while lastReadGaveLeads {
            refill(at: time)
            refreshed = true
            if let number = takeDialable(at: time) { return number }
        }
        if refreshed { summarize(at: time) }  // what the store holds now, for exhaustionReason and the next wait's end
        return nil
    }

    /// Reads the store again at the next lead asked for (leads were added to it).
    public func lookAgain() { mustRefill = true }

    /// Schedules a callback in the store (`AgentStore.scheduleCallback`). The pool reads the
    /// store again at the next lead asked for (so a lead in hand is not dialed before its time)
    /// and again once the callback is due, even while other leads are in hand: a callback is
    /// dialed at its time, not when the leads in hand run out.
    /// With a journal entry, the store journals the callback in the same transaction.
    @discardableResult
    public func scheduleCallback(_ number: String, at time: Timestamp, journal: JournalEntry? = nil) throws -> StoredLead {
        let lead = try store.scheduleCallback(number, at: time, journal: journal)
        expected[number] = nil  // the read it asks for brings the lead at its new time
        lookAgain()
        nextCallback = min(nextCallback ?? time, time)
        return lead
    }

    /// First in line again.
    public func giveBack(_ number: String) {
        guard let handed = outstanding.removeValue(forKey: number) else { return }
        queue.prepend(handed.lead)
    }

    /// The store has written the lead's new standing in the dial's commit; the pool notes when
    /// the lead may come back so it looks again then.
    public func finish(_ number: String, outcome: DialOutcome, at time: Timestamp) {
        let handed = outstanding.removeValue(forKey: number)
        guard let delay = settings.retry.delay(after: outcome) else { return }
        if delay <= 0 {
            // Dialable again at once (a cancelled dial): back in line without reading every lead
            // again. Not on a shared store: its commit released the lead's reservation, and only
            // a read reserves it again.
            if let handed, keepsOrder {
                requeue(handed.lead, outcome: outcome)
            } else {
                mustRefill = true
            }
        } else {
            nextWaitEnd = min(nextWaitEnd ?? time + delay, time + delay)
            if keepsOrder { expectBack(handed?.lead, after: outcome, at: time, delay: delay) }
        }
    }

    // MARK: Keeping dialing order

    /// On a store of one node the pool knows every change to its leads, so a lead whose wait
    /// ends goes back in line in its place at once, not when the leads in hand run out: the
    /// lead handed out at any time is the first dialable one in dialing order then, whatever
    /// the pool read before. (A shared store's pool reads again for what other nodes freed.)
    private let keepsOrder: Bool

    /// Expects `lead` back in line at `time`, unless a callback or a read moves it first.
    private func expect(_ lead: StoredLead, backAt time: Timestamp) {
        expected[lead.number] = time
        comebacks.insert(Comeback(time: time, lead: lead))
    }

    /// Notes when a lead that ended a dial may come back, with its standing as the store now
    /// holds it (the same change, applied to the pool's copy).
    private func expectBack(_ handed: StoredLead?, after outcome: DialOutcome, at time: Timestamp, delay: Double) {
        guard var lead = handed else { return comebacks.insert(Comeback(time: time + delay, lead: nil)) }
        lead.apply(settings.retry.change(after: outcome, at: time), policy: settings.retry)
        guard lead.state == .available, let at = lead.eligibleAt else { return }
        expect(lead, backAt: at)
    }

    /// At the first read: when each lead already waiting in the store (from an earlier run)
    /// comes back; from then on the pool learns of waits as its dials end.
    private func learnWaits(after time: Timestamp) {
        do {
            for lead in try store.loadWaitingLeads(after: time) {
                if let at = lead.eligibleAt { expect(lead, backAt: at) }
            }
            knowsWaits = true
        } catch {
            lastError = "\(error)"
        }
    }

    /// Puts the leads whose wait or block has ended back in line, each in its place.
    private func welcomeBack(at time: Timestamp) {
        while let next = comebacks.min, next.time <= time {
            comebacks.removeMin()
            guard let lead = next.lead else {
                mustRefill = true
                continue
            }
            guard expected[lead.number] == next.time else { continue }  // a callback or a read moved it
            expected[lead.number] = nil
            blocked[lead.number] = nil
            let place = queue.firstIndex { lead.dialsBefore($0) }
            if place == nil && lastReadGaveLeads { continue }  // past the chunk in hand: the next read brings it
            queue.insert(lead, at: place ?? queue.endIndex)
        }
    }

    /// The attempts, last outcome and time zone of a lead handed out by this pool.
    public func facts(of number: String) -> LeadFacts? {
        guard let handed = outstanding[number] else { return nil }
        return LeadFacts(attempts: handed.lead.attempts, lastOutcome: handed.lead.lastOutcome, timeZone: handed.zone)
    }

    /// Why nothing can be dialed: the store's counts and the leads this pool passed over.
    public func exhaustionReason(at time: Timestamp) -> String {
        if let lastError { return "cannot read leads from the store: \(lastError)" }
        var report = LeadPoolExhaustion()
        report.done = summary.done
        report.inDials = max(summary.dialing, outstanding.count)
        report.waiting = summary.retrying
        report.lockedOut = summary.lockedOut
        report.nextEligible = summary.nextEligible
        for (_, block) in blocked where block.until > time {
            switch block.reason {
            case .doNotCall: report.onDoNotCall += 1
            case .unknownZone: report.unknownZone += 1
            case .outsideHours:
                report.outsideHours += 1
                report.nextEligible = min(report.nextEligible ?? block.until, block.until)
            }
        }
        return report.description
    }

    // MARK: Handing out

    private func takeDialable(at time: Timestamp) -> String? {
        var index = 0
        while index < queue.count {
            let lead = queue[index]
            if let at = lead.eligibleAt, at > time {
                index += 1
                continue
            }
            let phone = try? PhoneNumber(parsing: lead.number)
            let block =
                if let phone { settings.block(phone, ownZone: lead.timeZone, at: time) } else {
                    settings.block(lead.number, ownZone: lead.timeZone, at: time)
                }
            if let block {
                queue.remove(at: index)
                blocked[lead.number] = block
                if block.until.isFinite {
                    nextBlockEnd = min(nextBlockEnd ?? block.until, block.until)
                    if keepsOrder { expect(lead, backAt: block.until) }
                }
                continue
            }
            queue.remove(at: index)
            let zone = phone.flatMap { LeadFacts.zone(of: $0, own: lead.timeZone, fallback: settings.hours?.defaultZone) }
            outstanding[lead.number] = Handed(lead: lead, zone: zone)
            return lead.number
        }
        return nil
    }

    /// Puts a lead back where the store orders it: before the leads of its priority that were
    /// read with it (it was handed out ahead of them), after those of a higher priority.
    private func requeue(_ lead: StoredLead, outcome: DialOutcome) {
        var lead = lead
        lead.lastOutcome = outcome
        let index = queue.firstIndex { $0.priority <= lead.priority } ?? queue.endIndex
        queue.insert(lead, at: index)
    }

    // MARK: Reading the store

    private func refillDue(at time: Timestamp) -> Bool {
        if time >= lastRefill + refillInterval { return true }
        if let end = nextWaitEnd, time >= end { return true }
        if let end = nextBlockEnd, time >= end { return true }
        return false
    }

    /// Reads the dialable leads again, passing over (and, on a shared store, releasing) those
    /// known to be blocked for a while.
    private func refill(at time: Timestamp) {
        mustRefill = false
        lastRefill = time
        // What has come back by now is in this read.
        while let next = comebacks.min, next.time <= time {
            comebacks.removeMin()
            if let number = next.lead?.number, expected[number] == next.time { expected[number] = nil }
        }
        if keepsOrder && !knowsWaits { learnWaits(after: time) }
        blocked = blocked.filter { $0.value.until > time }
        nextBlockEnd = blocked.values.map(\.until).filter(\.isFinite).min()
        if let end = nextWaitEnd, end <= time { nextWaitEnd = nil }
        do {
            // Leads handed out but not committed yet may come back: ask for room for them.
            let fresh = try store.loadDialableLeads(at: time, passingOver: blocked.keys.sorted(), limit: readChunk + outstanding.count)
            queue = Deque(fresh.filter { outstanding[$0.number] == nil })
            lastReadGaveLeads = !queue.isEmpty
            lastError = nil
        } catch {
            lastReadGaveLeads = false
            lastError = "\(error)"
        }
    }

    /// Counts the store's leads for `exhaustionReason`, and notes the earliest end of a wait.
    private func summarize(at time: Timestamp) {
        do {
            summary = try store.summarizeLeads(at: time)
            if let next = summary.nextEligible { nextWaitEnd = min(nextWaitEnd ?? next, next) }
        } catch {
            lastError = "\(error)"
        }
    }
}
