/// SARIF 2.1.0, as GitHub code scanning accepts it: every code as a rule of the driver,
/// results with `startLine`/`startColumn`, notes as related locations.
package enum SARIFReporter {
    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var columnKind = "unicodeCodePoints"
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name = ToolInfo.name
        var version = ToolInfo.version
        var semanticVersion = ToolInfo.version
        var informationUri = ToolInfo.informationURI
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var help: Text
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable { var level: String }
    struct Text: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var relatedLocations: [Location]?
        /// Only on a finding an `x-lint` key silenced: one `inSource` suppression.
        var suppressions: [Suppression]?
    }

    struct Suppression: Encodable {
        var kind = "inSource"
        var justification: String
        var location: Location
    }

    struct Location: Encodable {
        var id: Int?
        var physicalLocation: Physical
        var message: Text?
    }

    struct Physical: Encodable {
        var artifactLocation: Artifact
        var region: Region
    }

    struct Artifact: Encodable { var uri: String }
    struct Region: Encodable { var startLine: Int; var startColumn: Int }

    /// Renders the report as a SARIF log.
    package static func render(_ report: LintReport) -> String {
        let codes = DiagnosticCode.all
        let rules = codes.map { c in
            Rule(id: c.id, name: c.name, shortDescription: Text(text: c.summary),
                 help: Text(text: "\(c.summary). See diagnostics.md, section \(c.id), in the documentation installed with hitl-policy (share/doc/hitl-policy)."),
                 defaultConfiguration: Configuration(level: level(c.severity)))
        }
        let results = report.diagnostics.map { d in
            var message = d.message
            if let hint = d.hint { message += " Help: \(hint)" }
            let related = d.notes.enumerated().map { i, n in
                Location(id: i + 1, physicalLocation: physical(n.location), message: Text(text: n.message))
            }
            return Result(ruleId: d.code.id, ruleIndex: codes.firstIndex(of: d.code) ?? 0, level: level(d.severity),
                          message: Text(text: message),
                          locations: [Location(id: nil, physicalLocation: physical(d.location), message: nil)],
                          relatedLocations: related.isEmpty ? nil : related,
                          suppressions: d.suppressedBy.map { [Suppression(justification: "disabled by 'x-lint' in the policy",
                                                                          location: Location(id: nil, physicalLocation: physical($0), message: nil))] })
        }
        return JSONOutput.encode(Log(runs: [Run(tool: Tool(driver: Driver(rules: rules)), results: results)]))
    }

    static func level(_ s: Severity) -> String { s.rawValue }

    static func physical(_ l: SourceLocation) -> Physical {
        Physical(artifactLocation: Artifact(uri: uri(l.file)), region: Region(startLine: max(l.line, 1), startColumn: max(l.column, 1)))
    }

    /// A relative URI reference for a path: `./` dropped, reserved characters percent-encoded.
    static func uri(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        var out = ""
        for b in p.utf8 {
            let c = Character(Unicode.Scalar(b))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~/".contains(c)) { out.append(c) } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
