/// Fixed bounds that keep reading a hostile file finite in time and memory.
package enum SyntaxLimits {
    /// Largest policy file read, in bytes (8 MiB): what lint serves in under 5 s and 1 GB
    /// whatever the file's shape (scripts/bench-lint.sh measures it), and several times the
    /// largest policy a person writes (10,000 capabilities and 1,000 rules are 1.4 MB).
    package static let maxFileBytes = 8 << 20
    /// Deepest nesting of mappings and lists (a policy needs about eight levels).
    package static let maxDepth = 64
    /// Longest scalar, in bytes (64 KiB).
    package static let maxScalarBytes = 64 << 10
    /// Nodes that alias expansion may add to a document.
    package static let maxAliasExpansion = 1_000_000
}
