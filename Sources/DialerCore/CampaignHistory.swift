/// What a campaign has counted since its run began and its recent pacing windows: the part of
/// the engine's campaign figures that agents and their open dials do not carry. A captured
/// window's scenario restores it (`campaign_history`), so rules that read `campaign.*` and the
/// pacing functions see what the live rules saw at the window's start.
public struct CampaignHistory: Sendable, Equatable, Codable {
    /// Dials placed.
    public var dials: Int
    /// Dials answered by a person (connected or dropped).
    public var answered: Int
    /// Answers connected to an agent.
    public var connects: Int
    /// Answers dropped.
    public var drops: Int
    /// Dials failed (failed, busy, no answer).
    public var fails: Int
    /// The recent windows.
    public var pacing: PacingFigures.History
}
