/// The artifact's `tools` member: the policy's `tools:` entries (written only when there are
/// some, so tables of policies without them are unchanged). Paths are written dotted.
extension TableArtifactWriter {
    mutating func tool(_ e: ToolEntry) {
        var first = true
        func key(_ w: inout TableArtifactWriter, _ name: StaticString) {
            w.raw(first ? "{" : ",")
            first = false
            w.string(String(describing: name))
            w.raw(":")
        }
        if let a = e.amount {
            key(&self, "amount")
            raw("{")
            if let c = a.currency {
                raw("\"currency\":")
                string(c.description)
                raw(",")
            }
            raw("\"minor_units\":")
            bool(a.minorUnits)
            raw(",\"value\":")
            string(a.value.description)
            raw("}")
        }
        if !e.attributes.isEmpty {
            key(&self, "attributes")
            array(e.attributes) { w, a in
                w.raw("{\"name\":")
                w.string(a.name)
                w.raw(",\"path\":")
                w.string(a.path.description)
                w.raw("}")
            }
        }
        if let b = e.blastRadius {
            key(&self, "blast_radius")
            switch b {
            case .count(let p): raw("{\"count\":"); string(p.description); raw("}")
            case .value(let p): raw("{\"path\":"); string(p.description); raw("}")
            }
        }
        if let c = e.capability {
            key(&self, "capability")
            string(c)
        }
        if let c = e.confidence {
            key(&self, "confidence")
            string(c.description)
        }
        key(&self, "pattern")
        string(e.pattern.description)
        if let r = e.reversible {
            key(&self, "reversible")
            switch r {
            case .constant(let b): raw("{\"constant\":"); bool(b); raw("}")
            case .path(let p): raw("{\"path\":"); string(p.description); raw("}")
            }
        }
        key(&self, "source")
        string(e.source)
        if let t = e.tags {
            key(&self, "tags")
            string(t.description)
        }
        raw("}")
    }
}
