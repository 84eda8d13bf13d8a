/// What `PolicyRewriter.apply` produced: the new policy text and what went into it.
///
/// `text` is the original with `edits` applied, and nothing else: every byte outside the
/// edits' ranges is the original's. When nothing could be applied, `text` is the original
/// and `edits` is empty.
package struct PolicyRewrite: Sendable {
    /// The policy with the applied changes.
    package var text: String
    /// The changes made, in the order asked.
    package var applied: [StageChange]
    /// The changes not made, in the order asked, each with its reason.
    package var skipped: [SkippedChange]
    /// The edits that turn the original into `text`: sorted, non-overlapping, ranges in
    /// UTF-8 byte offsets of the original.
    package var edits: [TextEdit]
}
