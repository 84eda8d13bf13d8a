/// A review record of the log (SPEC §12, in §9's format): a person's answer to an approval
/// the gateway asked for.
extension DecisionRecord {
    /// How a review ended.
    package enum ReviewOutcome: String, Sendable {
        /// Approved as asked.
        case approved
        /// Refused (declined, dismissed, or answered `approve: false`).
        case rejected
        /// Nobody answered in time (or the answer could not be read).
        case expired
    }

    /// The review record's text (one JSON object, no `prev`): `{"time", "source", "session",
    /// "review": "pre", "outcome", "action", "requested", "decided"}`.
    package static func review(source: String, session: String?, outcome: ReviewOutcome, action: [UInt8],
                               requested: Timestamp, decided: Timestamp, arguments: Arguments) -> String {
        var out = envelope(time: decided, source: source, session: session)
        out.append(contentsOf: ",\"review\":\"pre\",\"outcome\":\"\(outcome.rawValue)\",\"action\":".utf8)
        appendAction(action, arguments: arguments, into: &out)
        out.append(contentsOf: ",\"requested\":\"\(requested.utcText)\",\"decided\":\"\(decided.utcText)\"}".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
