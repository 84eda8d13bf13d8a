/// Reads the artifact's `tools` member (see `TableArtifactWriter.tool`).
extension TableArtifactReader {
    static let toolKeys: [StaticString] = ["amount", "attributes", "blast_radius", "capability", "confidence", "pattern",
                                           "reversible", "source", "tags"]
    static let toolAmountKeys: [StaticString] = ["currency", "minor_units", "value"]
    static let toolAttributeKeys: [StaticString] = ["name", "path"]
    static let toolCountKeys: [StaticString] = ["count", "path"]
    static let toolFlagKeys: [StaticString] = ["constant", "path"]

    static func tool(_ r: inout TableArtifactScanner) throws(Failure) -> ToolEntry {
        var pattern: CapabilityPattern?, source: String?
        var amount: ToolAmount?, attributes: [ToolAttribute] = [], blast: ToolCount?, capability: String?
        var confidence: ArgumentPath?, reversible: ToolFlag?, tags: ArgumentPath?
        try r.object(toolKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            switch k {
            case 0: amount = try toolAmount(&r)
            case 1: attributes = try r.array { (r: inout TableArtifactScanner) throws(Failure) in try toolAttribute(&r) }
            case 2:
                var count: ArgumentPath?, path: ArgumentPath?
                let seen = try r.object(toolCountKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
                    if k == 0 { count = try argumentPath(&r) } else { path = try argumentPath(&r) }
                }
                guard seen.nonzeroBitCount == 1 else { throw r.fail("a tool's blast_radius has one of count and path") }
                blast = count.map(ToolCount.count) ?? path.map(ToolCount.value)
            case 3:
                capability = try r.string()
                if capability?.isEmpty == true { throw r.fail("a tool's capability is empty") }
            case 4: confidence = try argumentPath(&r)
            case 5:
                let text = try r.string()
                guard case .success(let p) = CapabilityPattern.parse(text) else { throw r.fail("a tool's pattern is not a name or trailing-* pattern") }
                pattern = p
            case 6:
                var constant: Bool?, path: ArgumentPath?
                let seen = try r.object(toolFlagKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
                    if k == 0 { constant = try r.bool() } else { path = try argumentPath(&r) }
                }
                guard seen.nonzeroBitCount == 1 else { throw r.fail("a tool's reversible has one of constant and path") }
                reversible = constant.map(ToolFlag.constant) ?? path.map(ToolFlag.path)
            case 7: source = try r.string()
            default: tags = try argumentPath(&r)
            }
        }
        guard let pattern else { throw r.missing("pattern") }
        guard let source else { throw r.missing("source") }
        var e = ToolEntry(pattern: pattern, source: source)
        e.amount = amount
        e.attributes = attributes
        e.blastRadius = blast
        e.capability = capability
        e.confidence = confidence
        e.reversible = reversible
        e.tags = tags
        return e
    }

    private static func argumentPath(_ r: inout TableArtifactScanner) throws(Failure) -> ArgumentPath {
        let text = try r.string()
        guard let p = ArgumentPath(text) else { throw r.fail("a tool's argument path '\(text.prefix(64))' is not a dotted path") }
        return p
    }

    private static func toolAmount(_ r: inout TableArtifactScanner) throws(Failure) -> ToolAmount {
        var value: ArgumentPath?, currency: ArgumentPath?, minor: Bool?
        try r.object(toolAmountKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            switch k {
            case 0: currency = try argumentPath(&r)
            case 1: minor = try r.bool()
            default: value = try argumentPath(&r)
            }
        }
        guard let value else { throw r.missing("value") }
        guard let minor else { throw r.missing("minor_units") }
        return ToolAmount(value: value, currency: currency, minorUnits: minor)
    }

    private static func toolAttribute(_ r: inout TableArtifactScanner) throws(Failure) -> ToolAttribute {
        var name: String?, path: ArgumentPath?
        try r.object(toolAttributeKeys) { (r: inout TableArtifactScanner, k: Int) throws(Failure) in
            if k == 0 { name = try r.string() } else { path = try argumentPath(&r) }
        }
        guard let name, ArgumentPath(name) != nil else { throw r.missing("name") }
        guard let path else { throw r.missing("path") }
        return ToolAttribute(name: name, path: path)
    }
}
