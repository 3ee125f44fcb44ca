import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import XCTest

/// A shipped rule file with calling hours lifted: `serve` runs on the wall clock, and calling
/// hours would make a test depend on the time of day.
func rulesAtAnyHour(_ file: String = "rules/default.lua") throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8) + "\nLEADS = { hours = false }\n"
}

/// Waits until `condition` holds, looking every 20 ms; fails the test after `seconds` (a guard
/// against hanging, not a timing assertion).
func eventually(
    _ what: @autoclosure () -> String, seconds: Double = 15, file: StaticString = #filePath, line: UInt = #line,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    XCTFail("gave up waiting for \(what())", file: file, line: line)
    throw CancellationError()
}

/// Text a child process writes, collected as it comes.
final class OutputCollector: @unchecked Sendable {
    // @unchecked: `text` is only touched under `lock`.
    private let lock = NSLock()
    private var text = ""

    /// Collects everything written to `pipe`.
    init(_ pipe: Pipe) {
        pipe.fileHandleForReading.readabilityHandler = { [self] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
            } else {
                lock.withLock { text += String(decoding: data, as: UTF8.self) }
            }
        }
    }

    /// Everything so far.
    var output: String { lock.withLock { text } }
}

/// A real `dialer serve` process on a loopback port picked by the system.
final class ServedDialer: @unchecked Sendable {
    // @unchecked: the process is started once in init and only signalled afterwards.
    let process = Process()
    let stdout: OutputCollector
    let stderr: OutputCollector
    private(set) var port = 0

    /// The bearer token every test service uses.
    static let token = "test-token-3f9a"

    /// Starts `dialer serve` on `store` with `rules`, sending its webhook requests to `webhook`,
    /// with `environment` added to the test's own. With `mayDie`, a service that exits before it
    /// listens is no failure (`port` stays 0).
    init(
        store: String, rules: String, webhook: String, directory: String, extra: [String] = [], environment: [String: String] = [:],
        mayDie: Bool = false
    ) async throws {
        let tokenFile = directory + "/token"
        if !FileManager.default.fileExists(atPath: tokenFile) { try (Self.token + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8) }
        process.executableURL = dialerExecutable
        process.currentDirectoryURL = repositoryRoot
        process.arguments =
            [
                "serve", "--store", store, "--rules", rules, "--webhook", webhook, "--port", "0", "--token-file", tokenFile,
                "--webhook-attempts", "2", "--webhook-backoff", "0.05", "--webhook-timeout", "2", "--watch-interval", "0.1",
                "--log-level", "info",
            ] + extra
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        stdout = OutputCollector(out)
        stderr = OutputCollector(err)
        try process.run()
        try await eventually("`dialer serve` to listen; stderr:\n\(stderr.output)") { [self] in
            guard process.isRunning else { return true }
            return stdout.output.contains("listening on ")
        }
        if mayDie && !process.isRunning && !stdout.output.contains("listening on ") { return }
        let line = try XCTUnwrap(
            stdout.output.split(separator: "\n").first { $0.hasPrefix("listening on ") }, "not listening; stderr:\n\(stderr.output)")
        port = try XCTUnwrap(line.split(separator: ":").last.flatMap { Int($0) })
    }

    /// `http://127.0.0.1:PORT`.
    var base: String { "http://127.0.0.1:\(port)" }

    /// SIGTERM, then waits for the exit; returns the exit status.
    @discardableResult
    func terminate() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL, then waits: a crash.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) } }
}

/// A real webhook receiver in the test process: records every request telephony would get,
/// and answers 200 (or 500 to dial requests while `failDials` is set, or to the first try of
/// each dial request while `failFirstTries` is set).
final class WebhookReceiver: @unchecked Sendable {
    // @unchecked: every stored property but `task` and `port` is only touched under `lock`.
    private let lock = NSLock()
    private var received: [[String: Any]] = []
    private var failing = false
    private var failingFirst = false
    private var seen: Set<Int> = []
    private var task: Task<Void, any Error>?
    private var group: ServiceGroup?
    private(set) var port = 0

    /// Starts listening on a free loopback port.
    init() async throws {
        let router = Router()
        router.post("/hook") { [self] request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 16)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
            let fail = lock.withLock {
                received.append(json)
                guard json["type"] as? String == "dial" else { return false }
                let first = (json["dial_id"] as? Int).map { seen.insert($0).inserted } ?? false
                return failing || (failingFirst && first)
            }
            return Response(status: fail ? .internalServerError : .ok)
        }
        let ports = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical  // its cancellation at the end of a test is no news
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { ports.continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        // Run in a service group so that `stop` can shut down gracefully: cancelling the server
        // while it still holds accepted connections trips NIO's "Deinited NIOAsyncWriter
        // without calling finish()" assertion (swift-server/swift-http-server#137).
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        self.group = group
        task = Task { try await group.run() }
        for await port in ports.stream {
            self.port = port
            break
        }
    }

    /// Where `dialer serve` sends its requests.
    var url: String { "http://127.0.0.1:\(port)/hook" }

    /// Whether dial requests are answered 500.
    var failDials: Bool {
        get { lock.withLock { failing } }
        set { lock.withLock { failing = newValue } }
    }

    /// Whether the first try of each dial request is answered 500.
    var failFirstTries: Bool {
        get { lock.withLock { failingFirst } }
        set { lock.withLock { failingFirst = newValue } }
    }

    /// Every request so far, in arrival order.
    var requests: [[String: Any]] { lock.withLock { received } }

    /// Dial requests so far.
    var dials: [[String: Any]] { requests.filter { $0["type"] as? String == "dial" } }

    /// Hang-up requests so far.
    var hangUps: [[String: Any]] { requests.filter { $0["type"] as? String == "hang_up" } }

    /// Stops the receiver gracefully: no new connections, the open ones finish, then it returns.
    func stop() async {
        await group?.triggerGracefulShutdown()
        _ = await task?.result
    }
}

/// A reply from the service: status and parsed JSON (or text).
struct Reply {
    var status: Int
    var text: String
    var headers: HTTPHeaders = [:]

    /// The body as a JSON object.
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }

    /// The ids of the dials an event reply's steps placed.
    var dialIDs: [Int] {
        (json["steps"] as? [[String: Any]] ?? []).flatMap { ($0["dials"] as? [[String: Any]] ?? []).compactMap { $0["dial_id"] as? Int } }
    }
}

/// Talks to a `ServedDialer` over HTTP.
struct ServiceClient {
    let base: String
    var token: String? = ServedDialer.token

    /// Sends a request with a raw body (or none); throws if no answer came within `timeout`.
    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, token: String?? = nil, timeout: TimeAmount = .seconds(10)) async throws
        -> Reply
    {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let bearer = token ?? self.token { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let data = try await response.body.collect(upTo: 1 << 22)
        return Reply(status: Int(response.status.code), text: String(buffer: data), headers: response.headers)
    }

    /// POSTs JSON and expects `status`.
    @discardableResult
    func post(_ path: String, _ body: String, expect status: Int = 200, file: StaticString = #filePath, line: UInt = #line) async throws -> Reply {
        let reply = try await send(.POST, path, body: body)
        XCTAssertEqual(reply.status, status, "POST \(path) \(body): \(reply.text)", file: file, line: line)
        return reply
    }

    /// GETs and expects 200.
    func get(_ path: String, file: StaticString = #filePath, line: UInt = #line) async throws -> Reply {
        let reply = try await send(.GET, path)
        XCTAssertEqual(reply.status, 200, "GET \(path): \(reply.text)", file: file, line: line)
        return reply
    }

    /// `GET /agents/{id}` as JSON.
    func agent(_ id: String) async throws -> [String: Any] { try await get("/agents/\(id)").json }
}
