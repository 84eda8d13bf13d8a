/// How many approvals a tier or panel needs.
package enum Quorum: Hashable, Sendable, CustomStringConvertible {
    case count(Int)
    /// Every listed approver.
    case all

    /// The number of approvals required given `approvers` listed.
    package func required(of approvers: Int) -> Int {
        switch self {
        case .count(let n): n
        case .all: approvers
        }
    }

    package var description: String {
        switch self {
        case .count(let n): String(n)
        case .all: "all"
        }
    }
}

/// Whether an approver is a rung of the ladder or a specialist panel: the `kind` of a
/// compiled table's approver and of a decision's approval (`Decision.Approval.Kind` is its
/// public form).
package enum ApproverKind: String, Sendable, Hashable, CaseIterable {
    /// A rung of the ladder (`tiers`).
    case tier
    /// An expert panel (`specialists`).
    case specialist
}

/// A rung of the approver ladder (`tiers`, lowest authority first).
package struct Tier: Sendable, Hashable {
    /// The tier's name (shares a namespace with specialists).
    package var name: String
    /// Principals or groups, opaque strings.
    package var approvers: [String]
    /// Approvals needed.
    package var quorum: Quorum
    /// Its own SLA, if set.
    package var sla: PolicyDuration?
    /// Whether `sla` was written (even if invalid), so no "missing SLA" warning follows.
    package var slaWritten = false
    /// Reviews it can complete per period, if set (ignored by `eval`).
    package var capacity: Capacity?
    /// Its own timeout handling, if set.
    package var onTimeout: TimeoutAction?
    /// Free text.
    package var description: String?
    /// Where the tier's entry starts.
    package var location: SourceLocation
    /// Where `on_timeout` was written, if it was.
    package var onTimeoutLocation: SourceLocation?
}

/// An expert panel (unranked); approvals from it are added to, never replace, a tier's.
package struct Specialist: Sendable, Hashable {
    /// The panel's name.
    package var name: String
    /// Principals or groups.
    package var approvers: [String]
    /// Approvals needed.
    package var quorum: Quorum
    /// Its own SLA, if set.
    package var sla: PolicyDuration?
    /// Whether `sla` was written (even if invalid).
    package var slaWritten = false
    /// Reviews it can complete per period, if set (ignored by `eval`).
    package var capacity: Capacity?
    /// Free text.
    package var description: String?
    /// Where the panel's key is.
    package var location: SourceLocation
}

/// An approver written `@name` (or `@org/name`) is a group: any number of people, so a
/// quorum may ask for more approvals than the approvers listed. Anything else is one
/// principal, an opaque string.
package enum ApproverGroup {
    /// The grammar of a group, for messages and the editor schema.
    package static let grammar = "'@' and a name of letters, digits, '.', '_' and '-', optionally '/' and a second such name (@finance-managers, @acme/finance)"
    /// The editor schema's pattern for one approver string: a principal (not starting with
    /// `@`) or a well-formed group.
    package static let schemaPattern = "^([^@]|@[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)?$)"

    /// Whether an approver string is written as a group (starts with `@`).
    package static func isGroup(_ approver: String) -> Bool {
        approver.utf8.first == UInt8(ascii: "@")
    }

    /// Whether a group string follows the grammar: `@` then one or two names of
    /// `[A-Za-z0-9._-]+` joined by `/`.
    package static func isWellFormed(_ group: String) -> Bool {
        let bytes = group.utf8
        guard bytes.first == UInt8(ascii: "@") else { return false }
        var segments = 1, length = 0
        for b in bytes.dropFirst() {
            if b == UInt8(ascii: "/") {
                guard length > 0, segments == 1 else { return false }
                segments += 1
                length = 0
            } else if PolicyGrammar.isNameByte(b) {   // the policy name grammar
                length += 1
            } else {
                return false
            }
        }
        return length > 0
    }

    /// Whether any of `approvers` is a group.
    package static func anyGroup(_ approvers: [String]) -> Bool {
        approvers.contains(where: isGroup)
    }
}
