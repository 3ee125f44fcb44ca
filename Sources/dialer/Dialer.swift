import ArgumentParser

@main
struct Dialer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dialer",
        abstract: "A power dialer whose reaction matrix lives in Lua rule files.",
        subcommands: [
            Replay.self, Check.self, Agents.self, Report.self, Soak.self, Leads.self, Bench.self, Simulate.self, Serve.self, WebhookEchoCommand.self,
        ]
    )
}
