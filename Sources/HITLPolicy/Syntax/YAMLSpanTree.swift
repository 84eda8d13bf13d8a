import CYAML

/// A YAML file read for editing (`suggest --write`): every node with the UTF-8 byte range it
/// was written in, its style and its anchor, so that a rewrite can replace exactly the bytes
/// of one value and keep every other byte of the file.
///
/// A second reader beside `YAMLParser`, on purpose: `eval` starts through `YAMLParser` and
/// pays nothing for byte ranges it never uses; only the rewriter builds this tree, and only
/// of a file `YAMLParser` has already accepted (so the limits on size and depth hold).
package struct YAMLSpanTree: Sendable {
    /// One node.
    package struct Node: Sendable {
        /// What the node is.
        package enum Kind: Sendable, Hashable { case scalar, mapping, sequence, alias }

        /// What the node is.
        package var kind: Kind
        /// A collection written in flow style (`{…}`, `[…]`).
        package var flow = false
        /// A scalar's text after unescaping; an alias's anchor name.
        package var text = ""
        /// A scalar's style.
        package var style = ScalarStyle.plain
        /// The byte offset where the node starts, with its anchor and tag.
        package var start: Int
        /// The byte offset just after its last token (a block collection: after its last
        /// child; a block scalar: after its last line break).
        package var end: Int
        /// Its anchor (`&name`), if any.
        package var anchor: String?
        /// A tag was written on it.
        package var tagged = false
        /// An alias later refers to this node.
        package var aliased = false
        /// A mapping: key, value, key, value, …; a sequence: its items (node indices).
        package var children: [Int] = []
        /// An alias: the node it refers to.
        package var target: Int?
        /// The collection it lies in (nil for the root).
        package var parent: Int?
    }

    /// Every node, in the order written.
    package var nodes: [Node] = []
    /// The root node.
    package var root: Int?
    /// Why the file could not be read, when it could not.
    package var problem: String?

    /// A mapping's (key, value) pairs.
    package func pairs(_ mapping: Int) -> [(key: Int, value: Int)] {
        let c = nodes[mapping].children
        return stride(from: 0, to: c.count - 1, by: 2).map { (c[$0], c[$0 + 1]) }
    }

    /// The pair of `mapping` whose key's text has the bytes of `key`.
    package func pair(_ mapping: Int, _ key: String) -> (key: Int, value: Int)? {
        guard nodes[mapping].kind == .mapping else { return nil }
        return pairs(mapping).first { nodes[$0.key].text.utf8.elementsEqual(key.utf8) }
    }

    /// `node` and the collections it lies in, innermost first.
    package func lineage(_ node: Int) -> [Int] {
        var out = [node]
        var n = node
        while let p = nodes[n].parent {
            out.append(p)
            n = p
        }
        return out
    }

    /// `node` and every node inside it.
    package func subtree(_ node: Int) -> [Int] {
        var out: [Int] = []
        var stack = [node]
        while let n = stack.popLast() {
            out.append(n)
            stack.append(contentsOf: nodes[n].children)
        }
        return out
    }

    /// Reads `bytes`. Never traps; a file libyaml refuses gives `problem` and no root.
    package static func read(_ bytes: [UInt8]) -> YAMLSpanTree {
        var reader = SpanReader(bytes: bytes)
        if bytes.count > SyntaxLimits.maxFileBytes {
            reader.tree.problem = "the file is larger than \(SyntaxLimits.maxFileBytes) bytes"
            return reader.tree
        }
        bytes.withUnsafeBufferPointer { reader.run($0) }
        return reader.tree
    }
}

/// libyaml events → `YAMLSpanTree`.
private struct SpanReader {
    let bytes: [UInt8]
    var tree = YAMLSpanTree()
    var stack: [Int] = []
    var anchors: [String: Int] = [:]
    var offsets: MarkOffsets

    init(bytes: [UInt8]) {
        self.bytes = bytes
        offsets = MarkOffsets(bytes)
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else {
            tree.problem = "the file is empty"
            return
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            tree.problem = "libyaml could not be initialised"
            return
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, base, buffer.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
                tree.problem = "YAML syntax error: \(problem)"
                tree.root = nil
                return
            }
            let done = event.type == YAML_STREAM_END_EVENT
            let ok = handle(event)
            yaml_event_delete(&event)
            if done || !ok { return }
        }
    }

    /// Handles one event; false stops the reading.
    mutating func handle(_ event: yaml_event_t) -> Bool {
        let start = offsets.byte(Int(event.start_mark.index))
        let end = offsets.byte(Int(event.end_mark.index))
        switch event.type {
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            var node = YAMLSpanTree.Node(kind: .scalar, start: start, end: end)
            node.text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: node.style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: node.style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: node.style = .literal
            case YAML_FOLDED_SCALAR_STYLE: node.style = .folded
            default: node.style = .plain
            }
            node.anchor = Self.string(s.anchor)
            node.tagged = s.tag != nil
            add(node)
        case YAML_ALIAS_EVENT:
            var node = YAMLSpanTree.Node(kind: .alias, start: start, end: end)
            node.text = Self.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[node.text] else {
                tree.problem = "alias '*\(node.text)' refers to no anchor defined before it"
                return false
            }
            node.target = target
            tree.nodes[target].aliased = true
            add(node)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let mapping = event.type == YAML_MAPPING_START_EVENT
            var node = YAMLSpanTree.Node(kind: mapping ? .mapping : .sequence, start: start, end: end)
            if mapping {
                let m = event.data.mapping_start
                node.flow = m.style == YAML_FLOW_MAPPING_STYLE
                node.anchor = Self.string(m.anchor)
                node.tagged = m.tag != nil
            } else {
                let q = event.data.sequence_start
                node.flow = q.style == YAML_FLOW_SEQUENCE_STYLE
                node.anchor = Self.string(q.anchor)
                node.tagged = q.tag != nil
            }
            if stack.count >= SyntaxLimits.maxDepth {
                tree.problem = "nesting deeper than \(SyntaxLimits.maxDepth) levels"
                tree.root = nil
                return false
            }
            stack.append(add(node))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let open = stack.popLast() else { return true }
            let node = tree.nodes[open]
            // A block collection's end event lies at the next token (after trailing comments
            // and blank lines): its own end is its last child's.
            tree.nodes[open].end = node.flow ? end : (node.children.last.map { tree.nodes[$0].end } ?? node.start)
            if let anchor = node.anchor { anchors[anchor] = open }
        default:
            break
        }
        return true
    }

    /// Appends a node under the open collection; scalars and aliases are complete here.
    @discardableResult
    mutating func add(_ node: YAMLSpanTree.Node) -> Int {
        var node = node
        node.parent = stack.last
        let index = tree.nodes.count
        tree.nodes.append(node)
        if let parent = stack.last {
            tree.nodes[parent].children.append(index)
        } else if tree.root == nil {
            tree.root = index
        }
        if node.kind == .scalar, let anchor = node.anchor { anchors[anchor] = index }
        return index
    }

    static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: UnsafePointer(p))
    }
}

/// libyaml's marks count characters (Unicode scalars) after the byte order mark; this turns
/// them into byte offsets of the file, walking a cursor (marks arrive almost in order).
private struct MarkOffsets {
    let bytes: [UInt8]
    let bom: Int
    let ascii: Bool
    var character = 0
    var byte: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        ascii = !bytes.dropFirst(bom).contains { $0 >= 0x80 }
        byte = bom
    }

    mutating func byte(_ index: Int) -> Int {
        if ascii { return min(bom + index, bytes.count) }
        while character < index && byte < bytes.count {
            byte += 1
            while byte < bytes.count && bytes[byte] & 0xC0 == 0x80 { byte += 1 }
            character += 1
        }
        while character > index && byte > bom {
            byte -= 1
            while byte > bom && bytes[byte] & 0xC0 == 0x80 { byte -= 1 }
            character -= 1
        }
        return byte
    }
}
