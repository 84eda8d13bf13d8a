/// `{shell: [PREFIX, ...]}` attribute conditions (SPEC §11).
extension PolicyDecoder {
    /// Whether an attribute's mapping value is meant as a shell condition: it has a `shell`
    /// key, or a key one typo away from it (reported as unknown, with the suggestion). Any
    /// other mapping is a value of the wrong type, as it always was.
    static func meansShell(_ pairs: [YAMLPair]) -> Bool {
        pairs.contains { $0.key.sameBytes(as: "shell") || (!$0.key.hasPrefix("x-") && Suggestion.closest(to: $0.key, in: ["shell"]) != nil) }
    }

    /// The prefixes of `path: {shell: [...]}` (the pair's value is a mapping); nil after
    /// reporting what is wrong: an unknown key, no `shell` key, an empty list, a prefix the
    /// splitter refuses, or the same prefix twice (compared by words, after quote removal).
    mutating func shellCondition(_ pair: YAMLPair, of what: String) -> [ShellPrefix]? {
        let name = "the shell condition on attribute '\(pair.key)' of \(what)"
        guard let pairs = mapping(pair.value, name) else { return nil }
        checkFields(pairs, known: PolicyFields.shell.names, in: name)
        guard let list = field(pairs, "shell") else {
            sink.emit(.missingField, "attribute '\(pair.key)' of \(what) is compared with a mapping that has no 'shell'",
                      at: misspelled("shell", in: pairs, known: PolicyFields.shell.names)?.keyLocation ?? pair.value.location,
                      hint: "write '\(pair.key): {shell: [\"git push --force\"]}' to match commands, or '\(pair.key).field: value' to test a nested field")
            return nil
        }
        guard let items = list.value.items else {
            sink.emit(.wrongType, "'shell' of \(name) must be a list of command prefixes, not \(list.value.kindDescription)",
                      at: list.value.location, hint: "write 'shell: [\"\(list.value.scalar?.text ?? "git push --force")\"]'")
            return nil
        }
        if items.isEmpty {
            sink.emit(.emptyList, "'shell' of \(name) lists no prefixes", at: list.value.location,
                      hint: "list at least one command prefix, e.g. 'shell: [\"git push --force\"]'")
            return nil
        }
        var out: [ShellPrefix] = []
        var ok = true
        var seen: [[String]: SourceLocation] = [:]
        for item in items {
            guard let s = item.scalar, case .string(let text) = s.value else {
                sink.emit(.wrongType, "each prefix of \(name) must be a string, not \(item.kindDescription)", at: item.location,
                          hint: "quote it: \"\(item.scalar?.text ?? "git push")\"")
                ok = false
                continue
            }
            switch ShellCommandLine.prefixWords(text) {
            case .failure(let e):
                sink.emit(.invalidValue, "shell prefix '\(text)' of \(name) cannot be used: \(e.message)", at: item.location,
                          hint: "write the words one simple command begins with, e.g. 'git push --force'")
                ok = false
            case .success(let words):
                if let first = seen[words] {
                    sink.emit(.invalidValue, "shell prefix '\(text)' of \(name) is listed twice (as words: \(ShellPrefix.canonical(words)))",
                              at: item.location, hint: "remove one copy", notes: [DiagnosticNote("first listed here", at: first)])
                    ok = false
                } else {
                    seen[words] = item.location
                    out.append(ShellPrefix(text: text, words: words, location: item.location))
                }
            }
        }
        return ok ? out : nil
    }
}
