/// Fixed bounds that keep reading a hostile file finite in time and memory.
public enum SyntaxLimits {
    /// Largest policy file read, in bytes (32 MiB).
    public static let maxFileBytes = 32 << 20
    /// Deepest nesting of mappings and lists (a policy needs about eight levels).
    public static let maxDepth = 64
    /// Longest scalar, in bytes (64 KiB).
    public static let maxScalarBytes = 64 << 10
    /// Nodes that alias expansion may add to a document.
    public static let maxAliasExpansion = 1_000_000
}
