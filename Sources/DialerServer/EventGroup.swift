import DialerCore

/// The event requests the engine decides one after another and commits in one transaction
/// (group commit): which of the steps the engine reports belong to which request, so each
/// gets the reply it would have got alone.
///
/// The engine shows a refused event's step at once and the decided steps when their group is
/// committed (or taken back), in the order decided. So a request's steps are its refusals,
/// noted as it is decided, then its share of the steps the commit shows. Its agent is noted
/// as it is decided, so a later request in the group does not change what its reply shows.
struct EventGroup {
    /// What the engine did with a request's event, and the agent its reply shows, as the
    /// event left it (nil: no longer driven here).
    struct Decided {
        var event: AgentEvent
        var steps: [EngineStep]
        var agent: AgentView?
    }

    /// What became of one request.
    enum Entry {
        /// Refused before the engine saw it (an unknown dial, a call in the wrong state).
        case rejected(ServiceError)
        /// Decided: the steps refused on the way, and its place among the decided steps.
        case decided(Decided, steps: Range<Int>)
    }

    private(set) var entries: [Entry] = []
    /// Where the next request's decided steps begin: the decided steps noted so far.
    private(set) var nextStep = 0

    /// Whether an entry was refused for running past the launch limit: alone it would have
    /// been taken back whole, which a group cannot do for one of its events.
    private(set) var ranPastLaunchLimit = false

    mutating func reject(_ error: ServiceError) { entries.append(.rejected(error)) }

    /// Notes a request the engine decided: its event with the steps refused on the way and the
    /// agent as it left it, and the engine's count of decided steps after it.
    mutating func decide(_ request: Decided, decidedSteps: Int) {
        entries.append(.decided(request, steps: nextStep..<decidedSteps))
        nextStep = decidedSteps
        if request.steps.contains(where: { if case .launchLimit = $0.error { true } else { false } }) { ranPastLaunchLimit = true }
    }

    /// Each request's steps, given the steps the commit showed (one per decided step, in order):
    /// its event and steps, or why it was rejected.
    func results(committed: [EngineStep]) -> [Result<Decided, ServiceError>] {
        entries.map { entry in
            switch entry {
            case .rejected(let error):
                return .failure(error)
            case .decided(var request, let range):
                request.steps += committed[range.clamped(to: committed.indices)]
                return .success(request)
            }
        }
    }
}
