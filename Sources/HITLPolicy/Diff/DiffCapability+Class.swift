extension DiffCapability {
    /// The compiler's kind for this set of names (the public `Kind` mirrors it case for case).
    var classKind: CapabilityClass.Kind {
        switch kind {
        case .exact: .exact
        case .prefix: .prefix
        case .other: .other
        }
    }
}
