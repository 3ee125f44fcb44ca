import ArgumentParser
import Foundation

@main
struct Dialer: AsyncParsableCommand {
    /// The release, as `dialer --version` prints it.
    static let version = "1.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dialer",
        abstract: "A power dialer whose reaction matrix lives in Lua rule files.",
        version: version,
        subcommands: [
            Replay.self, Capture.self, Check.self, Agents.self, Report.self, Soak.self, Leads.self, Bench.self, Simulate.self,
            BacktestCommand.self, Serve.self,
            WebhookEchoCommand.self,
        ]
    )

    /// A mistyped subcommand gets the nearest one suggested, as a mistyped option does.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let suggestion = SubcommandSuggestion(for: first, among: subcommandNames) {
            FileHandle.standardError.write(Data("\(suggestion)\nUsage: dialer <subcommand>\n  See 'dialer --help' for more information.\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        await main(NegativeNumberArguments.joined(arguments))
    }

    /// The names a first argument may be: every subcommand and `help`.
    static var subcommandNames: [String] { configuration.subcommands.map { $0._commandName } + ["help"] }
}
