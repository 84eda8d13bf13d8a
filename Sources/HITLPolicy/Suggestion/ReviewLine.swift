/// One line of a review log as `suggest` reads it (SPEC §9, §12): a review record, a §12
/// decision record (not a review: counted and skipped), or a line that cannot be used, with
/// the reason in words.
enum ReviewLine {
    /// A review: the action (compact JSON), how and when it was reviewed, and the outcome.
    case review(Review)
    /// A decision record of a decision log.
    case decisionRecord
    /// A line that is no usable record: what is wrong with it.
    case bad(String)

    /// One human review of one action.
    struct Review {
        /// `pre` (approval before the action) or `post` (review after an autonomous one).
        enum Kind: String { case pre, post }
        /// How it ended.
        enum Outcome: String, CaseIterable { case approved, modified, rejected, expired }

        var action: [UInt8]
        var kind: Kind
        var outcome: Outcome
        var reviewer: String?
        var requested: Timestamp?
        var decided: Timestamp?
        /// The text the duplicate check compares (action, kind, times, reviewer); nil when
        /// the record has neither time, so that nothing tells a repeat from a second review.
        var identity: [UInt8]?
    }

    /// The longest time to decision a review may record, in seconds (about 292 years): the
    /// most whose nanoseconds still fit the 64 bits `suggest` keeps each one in (times run
    /// from year 0000 to 9999, so a record can say more; such a record is bad).
    static let longestWait: Int64 = Int64.max / 1_000_000_000 - 1

    /// Reads a line (without its byte order mark).
    static func read(_ line: [UInt8]) -> ReviewLine {
        line.withUnsafeBufferPointer { b -> ReviewLine in
            let top: RawJSON
            do throws(JSONSyntaxError) {
                top = try RawJSON.parse(b)
            } catch {
                return .bad("not JSON (\(error.message) at byte \(error.offset + 1))")
            }
            guard case .object(let members) = top.node else {
                return .bad("a review record is a JSON object, not \(top.typeName(top.node))")
            }
            func member(_ name: String) -> RawJSON.Node? {
                members.first { top.text($0.key) == name }?.value
            }
            func isNull(_ n: RawJSON.Node?) -> Bool {
                if case .scalar(0x6E, _, _)? = n { return true }
                return n == nil
            }
            let outcomeNode = member("outcome"), reviewNode = member("review")
            if outcomeNode == nil, reviewNode == nil {
                if member("decision") != nil, member("action") != nil { return .decisionRecord }
                if member("capability") != nil || member("tool") != nil {
                    return .bad("an action, not a review record: a review record has `action`, `review` and `outcome` (docs/suggest.md)")
                }
                return .bad("not a review record: it has no `outcome` and no `review` (write e.g. {\"action\": {…}, \"review\": \"pre\", \"outcome\": \"approved\"})")
            }
            guard let actionNode = member("action"), case .object = actionNode else {
                let found = member("action").map { "is \(top.typeName($0))" } ?? "is missing"
                return .bad("the review record's `action` \(found): it must be the action object that was reviewed")
            }
            guard let kindText = string(reviewNode, top), let kind = Review.Kind(rawValue: kindText) else {
                return .bad("`review` \(shown(reviewNode, top)): write \"pre\" (approval before the action) or \"post\" (review after it)")
            }
            guard let outcomeText = string(outcomeNode, top), let outcome = Review.Outcome(rawValue: outcomeText) else {
                return .bad("`outcome` \(shown(outcomeNode, top)): write one of approved, modified, rejected, expired")
            }
            var times: [Timestamp?] = []
            for name in ["requested", "decided"] {
                let node = member(name)
                if isNull(node) { times.append(nil); continue }
                guard let text = string(node, top), let t = Timestamp(Array(text.utf8)) else {
                    return .bad("`\(name)` \(node.map { top.shown($0) } ?? ""): not an RFC 3339 timestamp (write e.g. 2026-11-20T14:03:07Z)")
                }
                times.append(t)
            }
            if let r = times[0], let d = times[1], d < r {
                return .bad("`decided` (\(d.utcText)) is before `requested` (\(r.utcText))")
            }
            if let r = times[0], let d = times[1], d.seconds - r.seconds > longestWait {
                return .bad("`decided` (\(d.utcText)) is more than 292 years after `requested` (\(r.utcText)): not a time to decision")
            }
            var reviewer: String?
            let reviewerNode = member("reviewer")
            if !isNull(reviewerNode) {
                guard let text = string(reviewerNode, top) else {
                    return .bad("`reviewer` \(shown(reviewerNode, top)): write the reviewer's name or id as a string")
                }
                reviewer = text
            }
            var action: [UInt8] = []
            top.write(actionNode, into: &action)
            var identity: [UInt8]?
            if times[0] != nil || times[1] != nil {
                var id = action
                for part in [kind.rawValue, times[0]?.utcText ?? "", times[1]?.utcText ?? "", reviewer ?? ""] {
                    id.append(0)
                    id.append(contentsOf: part.utf8)
                }
                identity = id
            }
            return .review(Review(action: action, kind: kind, outcome: outcome, reviewer: reviewer,
                                  requested: times[0], decided: times[1], identity: identity))
        }
    }

    private static func string(_ node: RawJSON.Node?, _ top: RawJSON) -> String? {
        guard case .scalar(0x22, _, let content?)? = node else { return nil }
        return top.string(content)
    }

    private static func shown(_ node: RawJSON.Node?, _ top: RawJSON) -> String {
        guard let node else { return "is missing" }
        return "is " + top.shown(node)
    }
}
