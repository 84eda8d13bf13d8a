/// The one writer of decision lines (SPEC §4). `eval`'s templates and `Decision.json` both
/// render through it; band details are handed to the caller, which splices in the action's
/// number (a decision) or marks where it goes (a template).
enum DecisionJSON {
    /// Appends a decided line's head: `{"id":` and the id's JSON text (or `{"line":` and the
    /// line number), then `,"capability":`. The capability and the row follow.
    @inline(__always)
    static func appendHead<ID: Collection<UInt8>>(id: ID?, line: Int, into out: inout [UInt8]) {
        out.append(0x7B)
        if let id {
            out.appendStatic("\"id\":")
            out.append(contentsOf: id)
        } else {
            out.appendStatic("\"line\":")
            out.appendInt(line)
        }
        out.appendStatic(",\"capability\":")
    }

    /// Appends the row part, from `"decision":` to the closing `}` and newline. `band`
    /// writes a band detail's text (inside its quotes).
    static func appendRow(_ row: DecisionRow, into b: inout [UInt8],
                          band: (NumericField, _ after: String, _ missing: String, inout [UInt8]) -> Void) {
        b.append("\"decision\":")
        b.appendJSONString(row.outcome.description)
        b.append(",\"review\":")
        b.append(row.review ? "true" : "false")
        b.append(",\"approvals\":[")
        for (k, a) in row.approvals.enumerated() {
            if k > 0 { b.append(0x2C) }
            appendApproval(a, into: &b)
        }
        b.append("],\"reasons\":[")
        for (k, r) in row.reasons.enumerated() {
            if k > 0 { b.append(0x2C) }
            b.append("{\"rule\":")
            b.appendJSONString(r.rule)
            b.append(",\"effect\":")
            b.appendJSONString(r.effect)
            switch r.detail {
            case .band(let f, let after, let missing)?:
                b.append(",\"detail\":\"")
                band(f, after, missing, &b)
                b.append(0x22)
            case .text(let t)?:
                b.append(",\"detail\":")
                b.appendJSONString(t)
            case nil: break
            }
            if let reference = r.reference {
                b.append(",\"reference\":")
                b.appendJSONString(reference)
            }
            b.append(",\"source\":")
            b.appendJSONString(r.source)
            b.append(0x7D)
        }
        b.append("],\"assumed\":[")
        for (k, a) in row.assumed.enumerated() {
            if k > 0 { b.append(0x2C) }
            b.append("{\"field\":")
            b.appendJSONString(a.field)
            b.append(",\"assumed\":")
            switch a.assumed {
            case .text(let t): b.appendJSONString(t)
            case .bool(let v): b.append(v ? "true" : "false")
            case .emptyList: b.append("[]")
            }
            b.append(0x7D)
        }
        b.append("],\"policy\":")
        b.appendJSONString(row.policy)
        b.append(",\"policy_digest\":")
        b.appendJSONString(row.policyDigest)
        b.append("}\n")
    }

    /// One `approvals` entry.
    static func appendApproval(_ a: RowApproval, into b: inout [UInt8]) {
        b.append("{\"name\":")
        b.appendJSONString(a.name)
        b.append(",\"kind\":")
        b.appendJSONString(a.kind.rawValue)
        b.append(",\"approvers\":")
        b.appendJSONStringArray(a.approvers)
        b.append(",\"quorum\":")
        b.appendInt(a.quorum)
        if let sla = a.sla, let seconds = a.slaSeconds {
            b.append(",\"sla\":")
            b.appendJSONString(sla)
            b.append(",\"sla_seconds\":")
            b.appendInt(seconds)
        }
        b.append(",\"on_timeout\":")
        b.appendJSONString(a.onTimeout.rawValue)
        if let e = a.escalatesTo {
            b.append(",\"escalates_to\":")
            b.appendJSONString(e)
        }
        b.append(0x7D)
    }

    /// An `invalid` decision line: `id` and `capability` as JSON text when the action got
    /// far enough to have them.
    static func appendInvalid(id: [UInt8]?, line: Int, capability: [UInt8]?, errors: [FieldError],
                              policy: String, policyDigest: String, into out: inout [UInt8]) {
        out.append(0x7B)
        if let id {
            out.appendStatic("\"id\":")
            out.append(contentsOf: id)
            out.append(0x2C)
        }
        out.append("\"line\":")
        out.appendInt(line)
        if let capability {
            out.append(",\"capability\":")
            out.append(contentsOf: capability)
        }
        out.append(",\"decision\":\"invalid\",\"review\":false,\"approvals\":[],\"errors\":[")
        for (k, e) in errors.enumerated() {
            if k > 0 { out.append(0x2C) }
            out.append(0x7B)
            if let f = e.field {
                out.append("\"field\":")
                out.appendJSONString(f)
                out.append(0x2C)
            }
            out.append("\"message\":")
            out.appendJSONString(e.message)
            out.append(0x7D)
        }
        out.append("],\"policy\":")
        out.appendJSONString(policy)
        out.append(",\"policy_digest\":")
        out.appendJSONString(policyDigest)
        out.append("}\n")
    }
}
