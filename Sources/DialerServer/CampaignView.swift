/// The answer to `GET /campaign`, `POST /campaign/pause` and `POST /campaign/resume`.
struct CampaignView: Sendable, Encodable, Equatable {
    /// Whether dialing is paused: no new dials; calls in progress go on.
    var dialingPaused: Bool
    /// Dials placed and not yet answered or failed.
    var dialsInFlight: Int

    enum CodingKeys: String, CodingKey {
        case dialingPaused = "dialing_paused"
        case dialsInFlight = "dials_in_flight"
    }
}
