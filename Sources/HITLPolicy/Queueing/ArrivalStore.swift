#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One queue's arrivals in time order, kept off the heap: appended through a buffer of
/// `chunk` entries to an unlinked temporary file once there are more than that, and read
/// back a chunk at a time, as often as the replays need (the capacity search replays a
/// queue many times). So `simulate`'s memory is the per-queue buffers, whatever the log's
/// length. Without a temporary file (none can be made), the arrivals stay in memory.
final class ArrivalStore: @unchecked Sendable {
    /// Entries per chunk (64 KiB).
    static let defaultChunk = 4096

    let chunk: Int
    /// The unlinked temporary file, once made; -1 before (or when none could be made).
    private var fd: Int32 = -1
    /// Entries not yet written (or all of them, when kept in memory).
    private var pending: [QueueEntry] = []
    private var kept = false
    /// Entries written to the file.
    private var written = 0
    /// Entries appended, the first and last times, and their work.
    private(set) var count = 0
    private(set) var firstTime = 0.0
    private(set) var lastTime = 0.0
    private(set) var leastWork = Int32.max

    init(chunk: Int = ArrivalStore.defaultChunk) {
        self.chunk = max(chunk, 1)
        pending.reserveCapacity(self.chunk)
    }

    /// In memory, from entries sorted by time.
    convenience init(_ entries: [QueueEntry]) {
        self.init()
        kept = true
        pending = entries
        count = entries.count
        firstTime = entries.first?.time ?? 0
        lastTime = entries.last?.time ?? 0
        leastWork = entries.lazy.map(\.work).min() ?? Int32.max
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Appends an entry no earlier than the last.
    func append(_ e: QueueEntry) {
        if count == 0 { firstTime = e.time }
        lastTime = e.time
        leastWork = min(leastWork, e.work)
        count += 1
        pending.append(e)
        if !kept, pending.count >= chunk { flush() }
    }

    /// Writes the pending entries to the file (made now if need be).
    private func flush() {
        guard !pending.isEmpty, !kept else { return }
        if fd < 0, !open() {
            kept = true   // no temporary file: everything stays in memory
            return
        }
        let ok = pending.withUnsafeBytes { b -> Bool in
            var done = 0
            while done < b.count {
                let n = pwrite(fd, b.baseAddress! + done, b.count - done, off_t(written * MemoryLayout<QueueEntry>.stride + done))
                if n <= 0 {
                    if n < 0, errno == EINTR { continue }
                    return false
                }
                done += n
            }
            return true
        }
        guard ok else {
            // A full disk: read back what was written and keep the rest in memory.
            var all = entries(upTo: written)
            all.append(contentsOf: pending)
            pending = all
            close(fd)
            fd = -1
            written = 0
            kept = true
            return
        }
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    private func open() -> Bool {
        var dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        if dir.isEmpty { dir = "/tmp" }
        var template = Array((dir + "/hitl-policy-simulate-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard made >= 0 else { return false }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        fd = made
        return true
    }

    /// The first `n` written entries, read back whole (only after a failed write).
    private func entries(upTo n: Int) -> [QueueEntry] {
        var out = [QueueEntry](repeating: QueueEntry(time: 0, work: 0), count: n)
        var k = 0
        while k < n {
            let got = read(into: &out, from: k, at: k, max: min(chunk, n - k))
            if got == 0 { break }
            k += got
        }
        return Array(out.prefix(k))
    }

    /// Reads up to `max` written entries from entry `at` into `buffer` from index `into`.
    fileprivate func read(into buffer: inout [QueueEntry], from into: Int, at: Int, max: Int) -> Int {
        let stride = MemoryLayout<QueueEntry>.stride
        return buffer.withUnsafeMutableBytes { b -> Int in
            var done = 0
            let want = max * stride
            while done < want {
                let n = pread(fd, b.baseAddress! + into * stride + done, want - done, off_t(at * stride + done))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            return done / stride
        }
    }

    /// The entries in order, read back a chunk at a time (the store is complete: reading
    /// makes no more appends). Safe to read from several threads at once.
    func makeIterator() -> Iterator {
        Iterator(store: self)
    }

    /// Ends the appends: what is pending goes to the file (if there is one), so the store
    /// can be read, from several threads at once.
    func finish() {
        if !kept, fd >= 0 { flush() }
    }

    struct Iterator: IteratorProtocol {
        let store: ArrivalStore
        private var buffer: [QueueEntry] = []
        private var index = 0
        private var loaded = 0   // entries of the store loaded so far

        init(store: ArrivalStore) {
            self.store = store
        }

        @inline(__always)
        mutating func next() -> QueueEntry? {
            if index < buffer.count {
                index += 1
                return buffer[index - 1]
            }
            return refill()
        }

        @inline(never)
        private mutating func refill() -> QueueEntry? {
            let s = store
            if s.fd < 0 || s.kept {
                // In memory: hand out the pending array itself.
                guard loaded == 0, !s.pending.isEmpty else { return nil }
                buffer = s.pending
                loaded = buffer.count
                index = 1
                return buffer[0]
            }
            let n = min(s.chunk, s.written - loaded)
            guard n > 0 else { return nil }
            if buffer.count != s.chunk { buffer = [QueueEntry](repeating: QueueEntry(time: 0, work: 0), count: s.chunk) }
            let got = s.read(into: &buffer, from: 0, at: loaded, max: n)
            guard got > 0 else { return nil }
            if got < buffer.count { buffer.removeLast(buffer.count - got) }
            loaded += got
            index = 1
            return buffer[0]
        }
    }
}
