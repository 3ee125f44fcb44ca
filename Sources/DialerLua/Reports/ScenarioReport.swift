/// A way of writing down a replayed suite: for a person, or for a CI system.
public protocol ScenarioReport: Sendable {
    /// The whole report as text, ending with a newline.
    func render(_ suite: ScenarioSuite) -> String
}
