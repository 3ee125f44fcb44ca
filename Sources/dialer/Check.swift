import ArgumentParser
import DialerCore
import DialerLua
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check rule files: syntax, statuses, events, missing cells, settings.",
        discussion: "Every problem is printed as file:line: message. Exit codes: 0 all good, 2 a problem, 64 bad usage."
    )

    @Argument(help: "Rule files to check.")
    var files: [String]

    func run() throws {
        var bad = false
        for file in files {
            do {
                let rules = try LuaRuleSet(file: file)
                let handlers = MatrixCell.all.filter(rules.hasHandler).count
                let settings = rules.settings.filter { $0.name != LuaRuleSet.leadSettingsGlobal }.map { "\($0.name) = \($0.value)" }.joined(
                    separator: ", ")
                print("\(file): ok (\(MatrixCell.count) cells: \(handlers) handlers, \(MatrixCell.count - handlers) ignore; \(settings))")
                print("  LEADS\(rules.definesLeadSettings ? "" : " (not set: the defaults)") = \(rules.leadSettings)")
            } catch {
                bad = true
                printError(error.description)
            }
        }
        if bad { throw ExitCode(2) }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
