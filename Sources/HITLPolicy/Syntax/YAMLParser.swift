import CYAML

/// Reads one YAML file into a positioned node tree through libyaml's event API.
///
/// The tree is built with an explicit stack (no recursion), so nesting depth, alias
/// expansion and scalar size are checked as events arrive and a hostile file stops early
/// with a diagnostic instead of exhausting the stack or memory.
package enum YAMLParser {
    /// Parses `bytes` (the contents of `file`). Never traps on any input.
    package static func parse(_ bytes: [UInt8], file: String) -> YAMLDocument {
        if bytes.count > SyntaxLimits.maxFileBytes {
            let d = Diagnostic(
                .fileTooLarge,
                "the file is larger than \(SyntaxLimits.maxFileBytes) bytes, the limit for a policy",
                at: SourceLocation(file: file, line: 1, column: 1),
                hint: "split the policy, or remove generated content that does not belong in it")
            return YAMLDocument(root: nil, diagnostics: [d])
        }
        if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return YAMLDocument(root: nil, diagnostics: [emptyDiagnostic(file)])
        }
        var builder = TreeBuilder(file: file, bytes: bytes)
        bytes.withUnsafeBufferPointer { buffer in
            builder.run(buffer)
        }
        if builder.root == nil && !builder.sink.hasErrors {
            builder.sink.emit(emptyDiagnostic(file))
        }
        return YAMLDocument(root: builder.root, diagnostics: builder.sink.diagnostics)
    }

    static func emptyDiagnostic(_ file: String) -> Diagnostic {
        Diagnostic(
            .emptyDocument, "the file holds no YAML document",
            at: SourceLocation(file: file, line: 1, column: 1),
            hint: "a policy starts with 'version: 1' and 'name: ...'")
    }
}

/// Turns libyaml events into `YAMLNode`s.
private struct TreeBuilder {
    /// An open collection. Frames are reference types so appending to a large mapping or
    /// list mutates it in place (an enum payload would be copied on every append).
    final class Frame {
        let isMapping: Bool
        let location: SourceLocation
        let anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: (text: String, location: SourceLocation, keep: Bool)?
        /// Keys by bytes (no normalisation), built once the mapping outgrows a linear scan.
        var seen: [ByteName: SourceLocation] = [:]
        var weight = 1

        init(isMapping: Bool, location: SourceLocation, anchor: String?) {
            self.isMapping = isMapping
            self.location = location
            self.anchor = anchor
        }

        /// Where `key` (compared as bytes) was first written in this mapping; when it was not,
        /// a large mapping records it at `location` in the same lookup. Most mappings hold a
        /// handful of keys: those are scanned, so no dictionary is built for them.
        func claim(key: String, at location: SourceLocation) -> SourceLocation? {
            if pairs.count < Self.scanLimit {
                return pairs.first { $0.key.sameBytes(as: key) }?.keyLocation
            }
            if seen.isEmpty {
                seen.reserveCapacity(pairs.count * 2)
                for p in pairs where seen[ByteName(p.key)] == nil { seen[ByteName(p.key)] = p.keyLocation }
            }
            var first: SourceLocation?
            Self.record(&seen[ByteName(key)], location, first: &first)
            return first
        }

        /// Keeps a recorded location (reporting it) or records `location`.
        private static func record(_ slot: inout SourceLocation?, _ location: SourceLocation, first: inout SourceLocation?) {
            if let known = slot { first = known } else { slot = location }
        }

        static let scanLimit = 12

        var node: YAMLNode {
            YAMLNode(content: isMapping ? .mapping(pairs) : .sequence(items), location: location, weight: weight)
        }
    }

    let file: String
    let bytes: [UInt8]
    var sink = DiagnosticSink()
    var stack: [Frame] = []
    var anchors: [ByteName: YAMLNode] = [:]
    var expanded = 0
    var documents = 0
    var root: YAMLNode?
    var stopped = false

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            fail(.yamlSyntax, "libyaml could not be initialised", at: location(line: 0, column: 0))
            return
        }
        defer { yaml_parser_delete(&parser) }
        guard let base = buffer.baseAddress else { return }
        yaml_parser_set_input_string(&parser, base, buffer.count)
        var event = yaml_event_t()
        while !stopped {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                reportParserError(parser)
                return
            }
            let done = event.type == YAML_STREAM_END_EVENT
            handle(event)
            yaml_event_delete(&event)
            if done { return }
        }
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + 1, column: column + 1)
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        location(line: Int(mark.line), column: Int(mark.column))
    }

    mutating func fail(_ code: DiagnosticCode, _ message: String, at loc: SourceLocation, hint: String? = nil) {
        sink.emit(code, message, at: loc, hint: hint)
        stopped = true
    }

    // MARK: Events

    mutating func handle(_ event: yaml_event_t) {
        let loc = location(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                fail(.multipleDocuments, "a policy file holds one YAML document; a second one starts here",
                     at: loc, hint: "put each policy in its own file, or remove the '---' separator")
            }
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            if s.length > SyntaxLimits.maxScalarBytes {
                fail(.scalarTooLong,
                     "scalar is \(s.length) bytes; the limit is \(SyntaxLimits.maxScalarBytes) bytes",
                     at: loc, hint: "shorten the value; long texts belong in a linked document")
                return
            }
            let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
            let style: ScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let tag = string(s.tag)
            guard let value = ScalarResolver.resolve(text, style: style, tag: tag) else {
                fail(.unsupportedTag, "unsupported or mismatched tag '\(tag ?? "")' on '\(text)'", at: loc,
                     hint: "remove the tag; hitl-policy types plain scalars by the YAML 1.2 core schema")
                return
            }
            let node = YAMLNode(content: .scalar(YAMLScalar(text: text, style: style, value: value)), location: loc, weight: 1)
            complete(node, anchor: string(s.anchor))
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            guard let target = anchors[ByteName(name)] else {
                fail(.yamlSyntax, "alias '*\(name)' refers to no anchor defined before it", at: loc,
                     hint: "define '&\(name)' on a node above this alias")
                return
            }
            expanded += target.weight
            if expanded > SyntaxLimits.maxAliasExpansion {
                fail(.aliasBudget,
                     "alias expansion exceeds \(SyntaxLimits.maxAliasExpansion) nodes (an alias bomb?)",
                     at: loc, hint: "write the repeated content out, or alias smaller pieces")
                return
            }
            complete(target, anchor: nil)
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            if !checkCollectionTag(string(s.tag), expected: "tag:yaml.org,2002:seq", at: loc) { return }
            push(Frame(isMapping: false, location: loc, anchor: string(s.anchor)), at: loc)
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            if !checkCollectionTag(string(m.tag), expected: "tag:yaml.org,2002:map", at: loc) { return }
            push(Frame(isMapping: true, location: loc, anchor: string(m.anchor)), at: loc)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            complete(frame.node, anchor: frame.anchor)
        default:
            break
        }
    }

    mutating func checkCollectionTag(_ tag: String?, expected: String, at loc: SourceLocation) -> Bool {
        guard let tag, tag != expected, tag != "!" else { return true }
        fail(.unsupportedTag, "unsupported tag '\(tag)'", at: loc,
             hint: "remove the tag; policies use plain mappings and lists")
        return false
    }

    mutating func push(_ frame: Frame, at loc: SourceLocation) {
        if stack.count >= SyntaxLimits.maxDepth {
            fail(.nestingTooDeep, "nesting deeper than \(SyntaxLimits.maxDepth) levels", at: loc,
                 hint: "a policy needs only a few levels; flatten the structure")
            return
        }
        stack.append(frame)
    }

    /// Attaches a finished node to its parent (or makes it the root).
    mutating func complete(_ node: YAMLNode, anchor: String?) {
        if let anchor { anchors[ByteName(anchor)] = node }
        guard let top = stack.last else {
            if root == nil { root = node }
            return
        }
        guard top.isMapping else {
            top.items.append(node)
            top.weight += node.weight
            return
        }
        if let key = top.pendingKey {
            if key.keep {
                // A large mapping recorded the key when it was read (`claim`).
                top.pairs.append(YAMLPair(key: key.text, keyLocation: key.location, value: node))
            }
            top.weight += node.weight
            top.pendingKey = nil
        } else if let scalar = node.scalar {
            if let first = top.claim(key: scalar.text, at: node.location) {
                sink.emit(.duplicateKey, "duplicate key '\(scalar.text)'", at: node.location,
                          hint: "remove one of the two, or merge them",
                          notes: [DiagnosticNote("first defined here", at: first)])
                top.pendingKey = (scalar.text, node.location, false)
            } else {
                top.pendingKey = (scalar.text, node.location, true)
            }
            top.weight += 1
        } else {
            sink.emit(.nonScalarKey, "a key must be a plain name, not \(node.kindDescription)",
                      at: node.location, hint: "write the key as a string")
            top.pendingKey = ("", node.location, false)
        }
    }

    func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: UnsafePointer(p))
    }

    // MARK: libyaml errors

    mutating func reportParserError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let context = parser.context.map { String(cString: $0) }
        switch parser.error {
        case YAML_READER_ERROR:
            let loc = locationOfByte(Int(parser.problem_offset))
            var message = "the file is not valid UTF-8 text: \(problem)"
            if parser.problem_value >= 0 {
                message += " (byte 0x\(String(parser.problem_value, radix: 16, uppercase: true)))"
            }
            fail(.invalidEncoding, message, at: loc,
                 hint: "save the file as UTF-8 text (a binary file is neither a policy nor a test file)")
        case YAML_MEMORY_ERROR:
            fail(.yamlSyntax, "libyaml ran out of memory", at: location(line: 0, column: 0))
        default:
            var loc = location(parser.problem_mark)
            var message = "YAML syntax error: \(problem)"
            if let context { message += " \(context)" }
            var hint = "check the indentation and punctuation near this place"
            let found = byte(at: Int(parser.problem_mark.index))
            if found == 0x09 {
                hint = "YAML does not allow tabs for indentation; indent with spaces"
            } else if let b = found, b == UInt8(ascii: "@") || b == UInt8(ascii: "`") {
                // Reserved indicators: a group approver (`@name`) must be quoted.
                hint = "YAML does not let '\(Character(Unicode.Scalar(b)))' start an unquoted value; quote it, as in \"@finance-managers\""
            }
            var notes: [DiagnosticNote] = []
            // libyaml reports where it gave up, often lines later (at the end of the file for
            // an unclosed '['); the place the unfinished construct was opened is the one to fix.
            if let context,
               let opened = Self.openedConstructs.first(where: { context.hasPrefix($0.context) && problem.hasPrefix($0.problem) }),
               parser.context_mark.index < parser.problem_mark.index {
                loc = location(parser.context_mark)
                message = "YAML syntax error: \(opened.summary) (\(problem) \(context))"
                hint = opened.hint
                notes = [DiagnosticNote("the parser gave up here", at: location(parser.problem_mark))]
            }
            sink.emit(.yamlSyntax, message, at: loc, hint: hint, notes: notes)
            stopped = true
        }
    }

    /// libyaml contexts (and the start of their problem) whose mark is where an unfinished
    /// construct began.
    static let openedConstructs: [(context: String, problem: String, summary: String, hint: String)] = [
        ("while parsing a flow sequence", "did not find expected ',' or ']'", "the '[' opened here is never closed",
         "close the list with ']' on this line, or write each entry on its own line starting with '- '"),
        ("while parsing a flow mapping", "did not find expected ',' or '}'", "the '{' opened here is never closed",
         "close the mapping with '}' on this line, or write each 'key: value' on its own line"),
        ("while scanning a quoted scalar", "", "the quote opened here is never closed",
         "end the value with the same quote character it starts with"),
        ("while scanning a simple key", "could not find expected ':'", "this line is not 'key: value'",
         "put ':' and a space after the key, or remove the line if it is left over"),
    ]

    func byte(at index: Int) -> UInt8? {
        index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    /// Line and column (in scalars, counting lead bytes) of a byte offset.
    func locationOfByte(_ offset: Int) -> SourceLocation {
        var line = 0
        var column = 0
        var i = 0
        let end = min(max(offset, 0), bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 0
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return location(line: line, column: column)
    }
}
