import DialerCore

/// Collects what the engine reports through `onStep` while the host handles one request, so
/// the reply, the metrics and the logs see every step the request caused.
final class StepLog {
    private var steps: [EngineStep] = []

    /// Records a step.
    func append(_ step: EngineStep) { steps.append(step) }

    /// The steps recorded since the last call, oldest first.
    func take() -> [EngineStep] {
        defer { steps = [] }
        return steps
    }
}
