import Foundation

/// A serial executor on one dedicated thread: the engine host runs there, so the engine's
/// blocking work (Lua, SQLite, PostgreSQL round trips) never holds a thread of the cooperative
/// pool or of the HTTP event loops, and every job runs one after another. It says since when
/// it has been in its current job, so that `/health` and the stop can tell a busy engine from
/// a stuck one without waiting for it.
final class EngineThread: SerialExecutor, @unchecked Sendable {
    // @unchecked: `jobs` and `jobStarted` are only touched under `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var jobStarted: Date?

    /// Starts the thread, named `name` for debuggers.
    init(name: String) {
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Queues a job; the thread runs it after those queued before.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// This executor, for an actor's `unownedExecutor`.
    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }

    /// When the job running now started; nil while the thread waits for work.
    var busySince: Date? {
        condition.lock()
        defer { condition.unlock() }
        return jobStarted
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let batch = jobs
            jobs = []
            condition.unlock()
            for job in batch {
                setStarted(Date())
                job.runSynchronously(on: asUnownedSerialExecutor())
                setStarted(nil)
            }
        }
    }

    private func setStarted(_ date: Date?) {
        condition.lock()
        jobStarted = date
        condition.unlock()
    }
}
