/// Joins a negative number to the long option before it: `--agents -3` becomes `--agents=-3`.
///
/// The argument parser reads `-3` as an unknown short option and answers `--agents -3` with
/// "Missing value for '--agents <agents>'", which hides the real mistake. Joined, the value
/// reaches the command's own validation, which names the range (as `--agents 0` gets).
enum NegativeNumberArguments {
    /// `arguments` with every negative number that follows a long option joined to it; nothing
    /// after a `--` terminator is touched.
    static func joined(_ arguments: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(arguments.count)
        for (index, argument) in arguments.enumerated() {
            if argument == "--" {
                result.append(contentsOf: arguments[index...])
                break
            }
            if let option = result.last, isLongOption(option), isNegativeNumber(argument) {
                result[result.count - 1] = option + "=" + argument
            } else {
                result.append(argument)
            }
        }
        return result
    }

    /// `--name` without a value of its own.
    private static func isLongOption(_ argument: String) -> Bool {
        argument.hasPrefix("--") && argument.count > 2 && !argument.contains("=")
    }

    /// `-3`, `-0.5`, `-1e3`: a minus sign, then a number.
    private static func isNegativeNumber(_ argument: String) -> Bool {
        guard argument.hasPrefix("-"), let second = argument.dropFirst().first, second.isNumber || second == "." else { return false }
        return Double(argument) != nil
    }
}
