/// How a scalar was written. Only plain scalars are typed by the core schema; quoted and
/// block scalars are always strings.
package enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar's value under the YAML 1.2 core schema.
package enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A decimal, octal (`0o17`) or hexadecimal (`0x10`) integer, kept as written.
    case int(String)
    /// A float literal kept as written (`1.5`, `1e999`, `.inf`, `.nan`).
    case float(String)
    case string(String)
}

/// A scalar with its source text and resolved value.
package struct YAMLScalar: Sendable, Hashable {
    /// The scalar's text after YAML unescaping/folding.
    package var text: String
    /// How it was written.
    package var style: ScalarStyle
    /// The core-schema value.
    package var value: ScalarValue
}

/// One key/value pair of a mapping. Keys are always scalars in a policy.
package struct YAMLPair: Sendable {
    /// The key's text.
    package var key: String
    /// Where the key starts.
    package var keyLocation: SourceLocation
    /// The value.
    package var value: YAMLNode
}

/// A node of the positioned YAML tree: every key and every value knows where it was written.
package struct YAMLNode: Sendable {
    /// What the node holds.
    package enum Content: Sendable {
        case scalar(YAMLScalar)
        case mapping([YAMLPair])
        case sequence([YAMLNode])
    }

    /// The node's content.
    package var content: Content
    /// Where the node starts (for an alias: where the alias was written).
    package var location: SourceLocation
    /// Nodes in this subtree, counting alias expansions (used for the alias budget).
    var weight: Int

    /// The scalar, if this node is one.
    package var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The mapping's pairs, if this node is a mapping.
    package var pairs: [YAMLPair]? {
        if case .mapping(let p) = content { return p }
        return nil
    }

    /// The sequence's items, if this node is a sequence.
    package var items: [YAMLNode]? {
        if case .sequence(let i) = content { return i }
        return nil
    }

    /// The last place written inside this node (its own start for a scalar): with the place
    /// it starts, the span that a finding about something inside it falls in. Walks the
    /// subtree with an explicit stack.
    package var lastLocation: SourceLocation {
        var last = location
        var stack: [YAMLNode] = [self]
        while let node = stack.popLast() {
            if last < node.location { last = node.location }
            switch node.content {
            case .scalar: break
            case .mapping(let pairs):
                for p in pairs {
                    if last < p.keyLocation { last = p.keyLocation }
                    stack.append(p.value)
                }
            case .sequence(let items): stack.append(contentsOf: items)
            }
        }
        return last
    }

    /// A short description of the node's kind for messages ("a mapping", "the string 'x'").
    package var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s):
            switch s.value {
            case .null: return "null"
            case .bool(let b): return "the boolean \(b)"
            case .int(let t): return "the integer \(t)"
            case .float(let t): return "the number \(t)"
            case .string(let t): return "the string '\(t.count > 40 ? String(t.prefix(40)) + "…" : t)'"
            }
        }
    }
}

/// A parsed YAML file: its root node (nil for an empty file) and the syntax diagnostics.
package struct YAMLDocument: Sendable {
    /// The root node, or nil when the file holds no document or could not be parsed.
    package var root: YAMLNode?
    /// Problems found while reading the YAML itself.
    package var diagnostics: [Diagnostic]
}
