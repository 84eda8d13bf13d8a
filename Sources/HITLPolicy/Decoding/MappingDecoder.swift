/// A decoder of a positioned YAML tree that reports into a diagnostic sink: the policy
/// decoder and the test file decoder share its mapping access and unknown-field checks.
protocol MappingDecoder {
    var sink: DiagnosticSink { get set }
}

extension PolicyDecoder: MappingDecoder {}

/// Mapping access and unknown-field checks.
extension MappingDecoder {
    /// The pairs of a mapping node, or a wrong-type diagnostic.
    mutating func mapping(_ node: YAMLNode, _ label: @autoclosure () -> String) -> [YAMLPair]? {
        if let pairs = node.pairs { return pairs }
        sink.emit(.wrongType, "\(label()) must be a mapping, not \(node.kindDescription)", at: node.location,
                  hint: "write it as 'key: value' lines indented under its name")
        return nil
    }

    /// The items of a list node, or a wrong-type diagnostic.
    mutating func sequence(_ node: YAMLNode, _ label: @autoclosure () -> String) -> [YAMLNode]? {
        if let items = node.items { return items }
        sink.emit(.wrongType, "\(label()) must be a list, not \(node.kindDescription)", at: node.location,
                  hint: "write each entry on its own line starting with '- '")
        return nil
    }

    /// The entries of a list of names, where one name alone stands for a list of one
    /// (`approvers: sre-oncall` is `approvers: [sre-oncall]`). A plain scalar with a comma is
    /// refused when `names` is set: most likely a list written without its brackets.
    mutating func oneOrMore(_ node: YAMLNode, _ what: String, names: Bool = true) -> [YAMLNode]? {
        guard let s = node.scalar, s.value != .null else { return sequence(node, what) }
        if names, s.style == .plain, s.text.contains(",") {
            let parts = s.text.split(separator: ",").map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
            sink.emit(.wrongType, "\(what): '\(s.text)' is one name with a comma in it", at: node.location,
                      hint: "write a list in brackets: [\(parts.filter { !$0.isEmpty }.joined(separator: ", "))]; quote the name if the comma is part of it")
            return nil
        }
        return [node]
    }

    /// The pair for `key` (keys are unique: duplicates were reported and dropped).
    func field(_ pairs: [YAMLPair], _ key: String) -> YAMLPair? {
        pairs.first { $0.key.sameBytes(as: key) }
    }

    /// In a flow mapping, `{over: 1,000}` is `over: 1` and a key `000` with no value: the
    /// number before such a key (three digits, no value, on the same line), if it is one.
    static func splitNumber(_ pairs: [YAMLPair], at k: Int) -> (text: String, location: SourceLocation)? {
        let p = pairs[k]
        guard k > 0, p.key.utf8.count == 3, p.key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              p.value.scalar?.value == .null,
              let before = pairs[k - 1].value.scalar, before.style == .plain, p.keyLocation.line == pairs[k - 1].value.location.line
        else { return nil }
        switch before.value {
        case .int(let t), .float(let t): return (t, pairs[k - 1].value.location)
        default: return nil
        }
    }

    /// An unknown key of `pairs` that looks like a misspelling of the missing `field`: the
    /// "missing field" finding is placed on it, so that it follows the unknown-field finding
    /// that names the typo instead of coming first.
    func misspelled(_ field: String, in pairs: [YAMLPair], known: [String]) -> YAMLPair? {
        pairs.first { p in
            !known.containsBytes(p.key) && !p.key.utf8.starts(with: "x-".utf8) && Suggestion.closest(to: p.key, in: [field]) != nil
        }
    }

    /// Reports every key that is not in `known` and does not start with `x-`, and an
    /// `x-lint` key where it silences nothing (`entity` false: not a policy's top level,
    /// tier, panel, long-form capability, band or compliance rule).
    mutating func checkFields(
        _ pairs: [YAMLPair], known: [String], in label: @autoclosure () -> String, code: DiagnosticCode = .unknownField, entity: Bool = false
    ) {
        if !entity, let directive = field(pairs, "x-lint") {
            sink.emit(.invalidSuppression, "'x-lint' in \(label()) silences nothing", at: directive.keyLocation,
                      hint: "'x-lint' works at the top level of a policy and on a tier, specialist panel, capability (long form), band or compliance rule; move it there")
        }
        for (k, p) in pairs.enumerated() where !known.containsBytes(p.key) && !p.key.utf8.starts(with: "x-".utf8) {
            if let number = Self.splitNumber(pairs, at: k) {
                sink.emit(code, "YAML read '\(number.text),\(p.key)' in \(label()) as two keys: '\(pairs[k - 1].key): \(number.text)' and '\(p.key)'",
                          at: number.location, hint: "write the number without a thousands separator: \(number.text)\(p.key)")
                continue
            }
            var hint = Suggestion.hint(for: p.key, in: known)
            if p.key == "<<" {
                hint = "merge keys ('<<') are YAML 1.1 and not part of the YAML 1.2 core schema; write the fields out"
            }
            let noun = code == .unknownCondition ? "condition" : "field"
            sink.emit(code, "unknown \(noun) '\(p.key)' in \(label())", at: p.keyLocation,
                      hint: hint + " (keys starting with 'x-' are ignored, for your own metadata)")
        }
    }
}
