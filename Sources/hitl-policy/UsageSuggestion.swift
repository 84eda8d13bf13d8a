import ArgumentParser
import HITLPolicy

/// "Did you mean" for a command line ArgumentParser refused: a mistyped subcommand
/// (`hitl-policy evl`) or option (`eval --polcy P`), named and matched by edit distance
/// against what the command really has (`Suggestion`, as unknown policy keys are).
enum UsageSuggestion {
    /// The error for `arguments` (without the program name) when one of them is an unknown
    /// subcommand or option: the message and the usage of the command it was meant for.
    /// Nil when every word is known (ArgumentParser's own message says what is wrong).
    static func message(for arguments: [String]) -> String? {
        guard let first = arguments.first else { return nil }
        let commands = HITLPolicyCommand.configuration.subcommands
        let names = commands.compactMap { $0.configuration.commandName } + ["help"]
        guard let command = commands.first(where: { $0.configuration.commandName == first }) else {
            if first.hasPrefix("-") { return unknownOption(in: arguments, of: HITLPolicyCommand.self,
                                                           names: options(of: HITLPolicyCommand.self) + ["--help", "--version", "--generate-completion-script"]) }
            let visible = commands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
            let hint = Suggestion.closest(to: first, in: names).map { "did you mean '\($0)'?" }
                ?? "the commands are: " + visible.joined(separator: ", ")
            return "Error: unknown command '\(first)'; \(hint)\n" + usage(HITLPolicyCommand.self)
        }
        return unknownOption(in: Array(arguments.dropFirst()), of: command, names: options(of: command))
    }

    /// The first `--name` (or `--name=value`) among `arguments` that `names` lacks.
    static func unknownOption(in arguments: [String], of command: ParsableCommand.Type, names: [String]) -> String? {
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.prefix { $0 != "=" })
            if names.contains(name) || name == "--help" { continue }
            let hint = Suggestion.closest(to: name, in: names).map { "; did you mean '\($0)'?" } ?? ""
            return "Error: unknown option '\(name)'\(hint)\n" + usage(command)
        }
        return nil
    }

    /// The long options a command declares, read from its help text (`--format`, ...).
    static func options(of command: ParsableCommand.Type) -> [String] {
        let help = HITLPolicyCommand.helpMessage(for: command, includeHidden: true, columns: 100_000)
        var out: [String] = []
        var word = ""
        for c in help + " " {
            if c.isLetter || c.isNumber || c == "-" { word.append(c); continue }
            if word.hasPrefix("--"), word.count > 2, !out.contains(word) { out.append(word) }
            word = ""
        }
        return out
    }

    /// `Usage: …` and where to read more, as ArgumentParser ends its own usage errors.
    static func usage(_ command: ParsableCommand.Type) -> String {
        let name = ObjectIdentifier(command) == ObjectIdentifier(HITLPolicyCommand.self) ? "" : " " + (command.configuration.commandName ?? "")
        // Continuation lines (diff's two forms) line up under the first, as ArgumentParser's.
        let line = HITLPolicyCommand.usageString(for: command).split(separator: "\n").joined(separator: "\n       ")
        return "Usage: \(line)\n  See 'hitl-policy\(name) --help' for more information."
    }
}
