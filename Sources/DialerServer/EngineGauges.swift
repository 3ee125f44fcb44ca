import DialerCore

/// The engine's figures at one moment, for `/metrics`.
struct EngineGauges: Sendable {
    /// Agents by status, in the seed's order.
    struct StatusCount: Sendable {
        var status: String
        var count: Int
    }

    var facts: CampaignFacts
    var agentsByStatus: [StatusCount]
    var rulesVersion: String
    var rulesLoadedAt: Double
    var dialingPaused: Bool
}
