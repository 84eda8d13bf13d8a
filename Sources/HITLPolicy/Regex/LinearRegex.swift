/// A regular expression matched in time linear in the text, as RE2 and Go match: the pattern
/// is compiled to a Thompson NFA and the matcher follows every NFA state at once, one text
/// position after another (no backtracking). A search costs at most
/// `instructionCount × (scalars in the text + 1)` steps, whatever the pattern and the text,
/// so `test --run '(a+)+$'` on a long case name cannot stall a run.
///
/// The syntax is a documented subset of the usual one (docs/testing.md), matched on Unicode
/// scalars: literals and `\`-escaped punctuation; `.` (any scalar but a line feed); classes
/// `[abc]`, `[^a-z]`, `\d \w \s \D \W \S` (ASCII); anchors `^` (start) and `$` (end of the
/// text); `* + ?` (a lazy `*?` is the same for a yes/no match) and `{m}`, `{m,}`, `{m,n}`
/// with counts up to 1,000; `|`; groups `( )`, `(?: )`, `(?<name> )`. What needs
/// backtracking or is not in the subset (back-references, look-around, possessive
/// quantifiers, inline flags, `\b`) is a `SyntaxError`, never a slow match.
package struct LinearRegex: Sendable {
    /// Why a pattern was refused; `offset` counts scalars from the pattern's start.
    package struct SyntaxError: Error, Sendable, CustomStringConvertible {
        /// What is wrong, in words.
        package var message: String
        /// Where, in scalars from the start of the pattern.
        package var offset: Int
        /// `message (at offset N)`.
        package var description: String { "\(message) (at offset \(offset))" }
    }

    /// Longest pattern, in scalars.
    package static let maxPatternScalars = 4_096
    /// Largest count in `{m,n}`.
    package static let maxRepeat = 1_000
    /// Most NFA instructions a pattern may compile to (bounds the cost per text scalar).
    package static let maxInstructions = 20_000
    /// Deepest nesting of groups.
    package static let maxGroupDepth = 100

    /// One NFA instruction.
    enum Instruction: Sendable, Equatable {
        /// Consume one scalar in the set.
        case scalar(ScalarSet)
        /// Continue at both targets.
        case split(Int, Int)
        /// Continue at the target.
        case jump(Int)
        /// Only at the start of the text.
        case atStart
        /// Only at the end of the text.
        case atEnd
        /// The pattern matched.
        case match
    }

    /// The compiled program; execution starts at instruction 0.
    let program: [Instruction]

    /// Number of NFA instructions (the factor of the search cost per text scalar).
    package var instructionCount: Int { program.count }

    /// Parses and compiles `pattern`.
    package init(_ pattern: String) throws(SyntaxError) {
        let scalars = Array(pattern.unicodeScalars)
        if scalars.count > Self.maxPatternScalars {
            throw SyntaxError(message: "the pattern is longer than \(Self.maxPatternScalars) characters", offset: Self.maxPatternScalars)
        }
        var parser = LinearRegexParser(scalars)
        let node = try parser.parse()
        var compiler = LinearRegexCompiler()
        try compiler.emit(node)
        compiler.program.append(.match)
        if compiler.program.count > Self.maxInstructions { throw compiler.tooLarge }
        program = compiler.program
    }

    /// Whether the pattern matches anywhere in `text` (as `String.contains(_:)` with a regex).
    package func matches(in text: String) -> Bool {
        var steps = 0
        return search(text, steps: &steps)
    }

    /// The search, counting in `steps` each instruction visited: never more than
    /// `instructionCount × (text.unicodeScalars.count + 1)`.
    package func search(_ text: String, steps: inout Int) -> Bool {
        let n = program.count
        // Two sparse sets of program counters: the threads at this position and the next.
        var current = SparseSet(capacity: n), next = SparseSet(capacity: n)
        var stack: [Int] = []
        stack.reserveCapacity(n)
        // Adds `pc` and everything reachable from it without consuming a scalar; true on `match`.
        func add(_ pc: Int, to set: inout SparseSet, atStart: Bool, atEnd: Bool) -> Bool {
            stack.append(pc)
            while let p = stack.popLast() {
                guard set.insert(p) else { continue }
                steps += 1
                switch program[p] {
                case .match: return true
                case .jump(let t): stack.append(t)
                case .split(let a, let b): stack.append(b); stack.append(a)
                case .atStart: if atStart { stack.append(p + 1) }
                case .atEnd: if atEnd { stack.append(p + 1) }
                case .scalar: break
                }
            }
            return false
        }
        var isFirst = true
        var iterator = text.unicodeScalars.makeIterator()
        var scalar = iterator.next()
        while true {
            // The search is unanchored: a new thread starts at every position.
            stack.removeAll(keepingCapacity: true)
            if add(0, to: &current, atStart: isFirst, atEnd: scalar == nil) { return true }
            guard let s = scalar else { return false }
            let following = iterator.next()
            next.clear()
            for k in 0..<current.count {
                let pc = current.dense[k]
                guard case .scalar(let set) = program[pc], set.contains(s) else { continue }
                stack.removeAll(keepingCapacity: true)
                if add(pc + 1, to: &next, atStart: false, atEnd: following == nil) { return true }
            }
            swap(&current, &next)
            scalar = following
            isFirst = false
        }
    }

    /// A set of small integers with O(1) insert, membership and clear (Briggs and Torczon).
    struct SparseSet {
        var dense: [Int]
        var sparse: [Int]
        var count = 0

        init(capacity: Int) {
            dense = Array(repeating: 0, count: capacity)
            sparse = Array(repeating: 0, count: capacity)
        }

        /// Inserts `x`; false when it was there.
        mutating func insert(_ x: Int) -> Bool {
            let i = sparse[x]
            if i < count, dense[i] == x { return false }
            dense[count] = x
            sparse[x] = count
            count += 1
            return true
        }

        mutating func clear() { count = 0 }
    }
}

/// A set of Unicode scalars as sorted, disjoint, non-adjacent closed ranges of values.
struct ScalarSet: Sendable, Equatable {
    var ranges: [ClosedRange<UInt32>]

    init(_ ranges: [ClosedRange<UInt32>]) {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for r in sorted {
            if let last = merged.last, r.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        self.ranges = merged
    }

    static func single(_ s: Unicode.Scalar) -> ScalarSet { ScalarSet([s.value...s.value]) }

    /// Every scalar value not in the set (surrogate values included: they never occur).
    var inverted: ScalarSet {
        var out: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in ranges {
            if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
            next = r.upperBound &+ 1
        }
        if next <= 0x10FFFF, ranges.last?.upperBound != 0x10FFFF { out.append(next...0x10FFFF) }
        return ScalarSet(out)
    }

    func contains(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        var low = 0, high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < v { low = mid + 1 } else { high = mid }
        }
        return low < ranges.count && ranges[low].contains(v)
    }

    static let digit = ScalarSet([0x30...0x39])
    static let word = ScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    static let space = ScalarSet([0x09...0x0D, 0x20...0x20])
    /// `.`: anything but a line feed.
    static let dot = ScalarSet.single("\n").inverted
}
