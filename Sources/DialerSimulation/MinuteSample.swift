/// One simulated minute of the shift, for the time series and the charts.
public struct MinuteSample: Sendable, Equatable, Codable {
    /// Minutes since the start (the minute covers [60·minute, 60·minute + 60) seconds).
    public var minute: Int
    /// Agents logged in at the end of the minute.
    public var loggedIn = 0
    /// Agents `ready` at the end of the minute.
    public var ready = 0
    /// Agents `in_call` (talking or wrapping up) at the end of the minute.
    public var inCall = 0
    /// Dials ringing at the end of the minute.
    public var inFlight = 0
    /// Dials placed during the minute.
    public var dials = 0
    /// Dials a person answered during the minute.
    public var answered = 0
    /// Answers connected to an agent during the minute.
    public var connects = 0
    /// Answers dropped during the minute (no agent free).
    public var drops = 0
    /// Dials that failed or were busy during the minute.
    public var fails = 0
    /// Dials that rang out during the minute.
    public var noAnswers = 0
    /// People answering-machine detection hung up on during the minute.
    public var peopleHungUp = 0
    /// Seconds agents were logged in during the minute, all agents together.
    public var loggedInSeconds = 0.0
    /// Seconds agents talked while logged in during the minute.
    public var talkSeconds = 0.0
    /// Talking seconds ÷ logged-in seconds within the minute (0 with nobody logged in).
    public var utilisation = 0.0
    /// Drops ÷ answers from the start to the end of the minute: the campaign's rate as rules see it.
    public var abandonRate = 0.0
    /// Drops ÷ answers over the trailing 15 minutes.
    public var abandonRate15Minutes = 0.0

    /// An empty minute.
    public init(minute: Int) { self.minute = minute }
}
