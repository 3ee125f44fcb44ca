import ArgumentParser
import DialerServer
import Logging

struct WebhookEchoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook-echo",
        abstract: "A tiny webhook receiver to try `dialer serve` with: prints every request body on a line and answers 200.",
        discussion: "The first line is 'listening on http://HOST:PORT'. Ctrl-C stops it."
    )

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one.") var port = 9090

    func run() async throws {
        let host = self.host
        var logger = Logger(label: "webhook-echo")
        logger.logLevel = .warning
        try await WebhookEcho.run(host: host, port: port, logger: logger, onListening: { say("listening on http://\(host):\($0)") }) { say($0) }
    }
}
