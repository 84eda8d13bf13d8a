import Foundation
import HITLPolicy

/// A repository YAML file (hooks, the Action) read with the tool's own YAML reader, as
/// plain values: the tests need no PyYAML.
enum RepoYAML: Equatable {
    case string(String)
    case list([RepoYAML])
    case map([(String, RepoYAML)])

    static func == (a: RepoYAML, b: RepoYAML) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.map(let x), .map(let y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: false
        }
    }

    struct Unreadable: Error, CustomStringConvertible { var description: String }

    /// Reads `relative` (from the repository root); throws with the parser's diagnostics.
    static func load(_ relative: String) throws -> RepoYAML {
        let bytes = [UInt8](try Data(contentsOf: CLI.root.appendingPathComponent(relative)))
        let doc = YAMLParser.parse(bytes, file: relative)
        guard let root = doc.root, doc.diagnostics.isEmpty else {
            throw Unreadable(description: "\(relative): \(doc.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" })")
        }
        return convert(root)
    }

    static func convert(_ node: YAMLNode) -> RepoYAML {
        switch node.content {
        case .scalar(let s): .string(s.text)
        case .sequence(let items): .list(items.map(convert))
        case .mapping(let pairs): .map(pairs.map { ($0.key, convert($0.value)) })
        }
    }

    subscript(_ key: String) -> RepoYAML? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var list: [RepoYAML] { if case .list(let l) = self { l } else { [] } }
    var keys: [String] { if case .map(let p) = self { p.map(\.0) } else { [] } }
}
