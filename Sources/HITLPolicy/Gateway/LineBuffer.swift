/// Splits bytes read from a stream into lines, holding at most `limit` bytes of an
/// unfinished line: a longer line is reported once as `tooLong` and its bytes are dropped
/// up to its newline, never kept (memory stays bounded whatever a peer sends).
struct LineBuffer {
    /// What `next` found.
    enum Item: Equatable {
        /// A line without its newline.
        case line([UInt8])
        /// A line longer than the limit (dropped).
        case tooLong
    }

    let limit: Int
    private var bytes: [UInt8] = []
    private var start = 0
    private var scanned = 0
    private var skipping = false

    init(limit: Int) {
        self.limit = limit
    }

    /// Adds bytes read.
    mutating func append(_ chunk: ArraySlice<UInt8>) {
        if start > 0, start == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            start = 0
            scanned = 0
        } else if start > 1 << 16 {
            bytes.removeFirst(start)
            scanned -= start
            start = 0
        }
        bytes.append(contentsOf: chunk)
    }

    /// The next complete line, `tooLong` once for a line past the limit, or nil for more input.
    mutating func next() -> Item? {
        while true {
            if let nl = bytes[scanned...].firstIndex(of: 0x0A) {
                let line = Array(bytes[start..<nl])
                start = nl + 1
                scanned = start
                if skipping { skipping = false; continue }
                return .line(line)
            }
            scanned = bytes.count
            if skipping {
                bytes.removeAll(keepingCapacity: true)
                start = 0
                scanned = 0
                return nil
            }
            guard bytes.count - start > limit else { return nil }
            skipping = true
            bytes.removeAll(keepingCapacity: false)
            start = 0
            scanned = 0
            return .tooLong
        }
    }
}
