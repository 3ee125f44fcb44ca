/// Something due on the simulation's agenda: an agent's desktop acting, or the far end of a line.
public enum SimulationEvent: Sendable, Equatable {
    /// The agent's shift starts: its desktop sends `login`.
    case shiftStart(agent: Int)
    /// The agent's shift is over: `logout` now, or after the call and wrap-up in progress.
    case shiftEnd(agent: Int)
    /// The desktop's heartbeat: `keep_alive`, unless this one is lost.
    case keepAlive(agent: Int)
    /// The agent logs in again after finding itself logged out by the dialer.
    case relogin(agent: Int)
    /// Wrap-up is done: the desktop sends `call_end` and the agent is free.
    case wrapUpDone(agent: Int, dialID: Int)
    /// The lead answers: telephony sends `call_start`.
    case answer(dialID: Int)
    /// The dial ends unanswered: telephony sends `call_fail`.
    case failure(dialID: Int)
    /// The lead hangs up a connected call: the agent starts wrapping up.
    case leadHangsUp(dialID: Int)
    /// The host's pacing loop: `dialing` for every ready agent.
    case pacingTick
    /// The rule file scheduled with `Simulation.reloadRules(_:at:)` goes live, as a hot reload would.
    case reloadRules
}
