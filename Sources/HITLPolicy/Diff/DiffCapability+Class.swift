extension DiffCapability {
    /// The compiler's kind for this set of names (the public `Kind` mirrors it case for case).
    var classKind: CapabilityClass.Kind {
        switch kind {
        case .exact: .exact
        case .prefix: .prefix
        case .other: .other
        }
    }

    /// The diff's name for a table's capability class.
    init(_ c: CapabilityClass) {
        switch c.kind {
        case .exact: self.init(kind: .exact, name: c.name)
        case .prefix: self.init(kind: .prefix, name: c.name)
        case .other: self.init(kind: .other, name: "")
        }
    }
}
