import Foundation
import NIOCore

/// Sends wallboard snapshots to every open stream (`GET /wallboard/stream`). Every half second,
/// while a stream is open, it asks the engine host for a snapshot if a step changed something
/// since the last one (or `heartbeatSeconds` passed), encodes it once and hands it to every
/// stream: however busy the engine, the streams cost it two snapshots a second at most, and a
/// page is under a second behind (half a second of coalescing, then encoding, sending and its
/// render). It also samples the engine each tick, streams open or not, for the per-minute
/// chart (`WallboardMinutes`, one sample a second counts), which it adds to every snapshot.
final class WallboardFeed: @unchecked Sendable {
    // @unchecked: `streams` and `chart` are only touched under `lock`.
    private let lock = NSLock()
    private var streams: [UUID: AsyncStream<ByteBuffer>.Continuation] = [:]
    private var chart = WallboardMinutes()
    private let host: EngineHost

    /// Seconds between two snapshots sent when nothing changed (keeps proxies from closing the stream).
    static let heartbeatSeconds = 10
    /// Milliseconds between two looks at the engine.
    static let tickMilliseconds = 500

    /// A feed of `host`'s snapshots.
    init(host: EngineHost) { self.host = host }

    /// The wallboard now, with the chart (`GET /wallboard`).
    func snapshot() async -> WallboardSnapshot {
        var snapshot = await host.wallboard()
        snapshot.minutes = lock.withLock { chart.minutes }
        return snapshot
    }

    /// Takes one sample for the chart now (at most one a second counts); returns whether a new minute began.
    @discardableResult
    func sample() async -> Bool {
        let sample = await host.wallboardSample()
        let now = Date().timeIntervalSince1970
        return lock.withLock { chart.add(sample, at: now) }
    }

    /// A new stream of server-sent events; it ends when its client goes.
    func subscribe() -> AsyncStream<ByteBuffer> {
        // A slow client gets the newest snapshots, never a growing backlog.
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingNewest(2))
        let id = UUID()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = lock.withLock { self.streams.removeValue(forKey: id) }
        }
        lock.withLock { streams[id] = continuation }
        continuation.yield(ByteBuffer(string: "retry: 1000\n\n"))
        return stream
    }

    /// Sends snapshots until cancelled.
    func run() async {
        var last = -1
        var quietTicks = 0
        await sample()
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(Self.tickMilliseconds))
            } catch {
                break
            }
            let newMinute = await sample()
            guard lock.withLock({ !streams.isEmpty }) else {
                last = -1  // the next stream gets a snapshot at once
                continue
            }
            quietTicks += 1
            // A new minute changes the chart: a snapshot then, whatever the engine did.
            let heartbeat = quietTicks * Self.tickMilliseconds >= Self.heartbeatSeconds * 1000
            let (changes, snapshot) = await host.wallboard(unlessChanges: heartbeat || newMinute ? nil : last)
            last = changes
            guard var snapshot else { continue }
            quietTicks = 0
            snapshot.minutes = lock.withLock { chart.minutes }
            broadcast(snapshot)
        }
        lock.withLock { streams.values.forEach { $0.finish() } }
    }

    private func broadcast(_ snapshot: WallboardSnapshot) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(snapshot) else { return }
        let event = ByteBuffer(string: "event: snapshot\ndata: " + String(decoding: data, as: UTF8.self) + "\n\n")
        for stream in lock.withLock({ Array(streams.values) }) { stream.yield(event) }
    }
}
