/// A growable buffer of plain values, freed with its owner: reads are a pointer and an
/// index, with no reference count to touch.
struct FlatBuffer<Element>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    @inline(__always) subscript(_ k: Int) -> Element {
        get {
            precondition(k >= 0 && k < count, "FlatBuffer index out of range")
            return base.unsafelyUnwrapped[k]
        }
    }

    mutating func append(_ x: Element) {
        reserve(count + 1)
        (base.unsafelyUnwrapped + count).initialize(to: x)
        count += 1
    }

    mutating func append(contentsOf xs: UnsafeBufferPointer<Element>) {
        guard let from = xs.baseAddress, !xs.isEmpty else { return }
        reserve(count + xs.count)
        (base.unsafelyUnwrapped + count).initialize(from: from, count: xs.count)
        count += xs.count
    }

    /// Removes the elements, keeping the memory.
    mutating func removeAll() {
        base?.deinitialize(count: count)
        count = 0
    }

    /// Elements `r` (valid until the next append).
    @inline(__always) func slice(_ r: Range<Int32>) -> UnsafeBufferPointer<Element> {
        precondition(r.lowerBound >= 0 && Int(r.upperBound) <= count, "FlatBuffer range out of bounds")
        return UnsafeBufferPointer(start: base.map { $0 + Int(r.lowerBound) }, count: r.count)
    }

    private mutating func reserve(_ n: Int) {
        guard n > capacity else { return }
        let grown = max(n, capacity * 2, 64)
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: grown)
        if let base {
            fresh.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = fresh
        capacity = grown
    }

    deinit {
        base?.deinitialize(count: count)
        base?.deallocate()
    }
}
