#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable read buffer over a file descriptor.
struct ChunkReader {
    static let chunk = 1 << 20

    let fd: Int32
    var buffer: [UInt8]
    var start = 0
    var end = 0
    var eof = false
    var error: String?

    /// A small file gets a buffer its size (plus room to see the end), a pipe 64 KiB:
    /// zeroing a whole chunk for one action costs more than the rest of the evaluation.
    init(fd: Int32) {
        self.fd = fd
        var st = stat()
        var size = Self.chunk
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            if st.st_size >= 0, Int(st.st_size) < Self.chunk { size = max(Int(st.st_size) + 1, 4096) }
        } else {
            size = 64 << 10   // a pipe delivers at most this much per read; the buffer grows for longer lines
            Self.widenPipe(fd)
        }
        buffer = [UInt8](repeating: 0, count: size)
    }

    var pending: Int { end - start }

    /// Asks for a 1 MiB pipe buffer (Linux's default is 64 KiB; 1 MiB is the most an
    /// unprivileged process may ask for): a writer such as `cat` then runs ahead by up to a
    /// megabyte instead of waking the reader every 64 KiB. Reads still return whatever is
    /// there, so an interactive writer's line is answered as before. Not a pipe, or refused:
    /// nothing changes.
    static func widenPipe(_ fd: Int32) {
        #if os(Linux)
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFIFO else { return }
        let setPipeSize: Int32 = 1031   // F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7)
        _ = fcntl(fd, setPipeSize, Int32(1 << 20))
        #endif
    }

    /// The index of the next newline in the pending bytes.
    func newline() -> Int? {
        buffer.withUnsafeBufferPointer { b -> Int? in
            guard start < end, let p = memchr(b.baseAddress! + start, 0x0A, end - start) else { return nil }
            return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Reads once more, keeping the buffer at most `limit` bytes (plus what is pending).
    mutating func fill(upTo limit: Int) {
        if start > 0 {
            let s = start, n = end - start
            buffer.withUnsafeMutableBufferPointer { b in _ = memmove(b.baseAddress!, b.baseAddress! + s, n) }
            end = n
            start = 0
        }
        if end == buffer.count {
            let grow = max(min(buffer.count, limit - buffer.count), Self.chunk - buffer.count, 4096)
            buffer += [UInt8](repeating: 0, count: grow)
        }
        let e = end
        let n = buffer.withUnsafeMutableBufferPointer { b in read(fd, b.baseAddress! + e, b.count - e) }
        if n > 0 { end += n }
        else if n == 0 { eof = true }
        else if errno != EINTR { error = String(cString: strerror(errno)); eof = true }
    }

    /// Where a batch of whole lines starting at `start` ends (just past a newline), and how
    /// many lines it holds: as many lines as fit in `limit` bytes, at most `maxLines` (short
    /// lines make long decisions, so output stays bounded too), or the first line alone when
    /// it is longer; nil when no newline is pending.
    func batchEnd(limit: Int, maxLines: Int) -> (end: Int, lines: Int)? {
        buffer.withUnsafeBufferPointer { b -> (end: Int, lines: Int)? in
            guard start < end, let base = b.baseAddress else { return nil }
            let stop = start + min(end - start, limit)
            var k = start, lines = 0
            while lines < maxLines, k < stop, let p = memchr(base + k, 0x0A, stop - k) {
                k = base.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
                lines += 1
            }
            if lines > 0 { return (k, lines) }
            return newline().map { ($0 + 1, 1) }
        }
    }

    /// Whether a read would return at once (with bytes, the end of input or an error):
    /// whether a pipe or terminal has more to give right now.
    func ready() -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let n = poll(&p, 1, 0)
            if n >= 0 || errno != EINTR { return n > 0 }   // a failed poll: flush, then read as before
        }
    }

    /// One line of JSON Lines input, as `nextLine` reads it.
    enum Line {
        /// The line's bytes in `buffer`, without the newline; valid until the next read.
        case line(Range<Int>)
        /// A line longer than the limit, skipped without being held.
        case tooLong
    }

    /// The next line, reading as needed (the last line needs no newline); nil at the end of
    /// the input, or after a read error (`error`). The JSON Lines reader of the commands that
    /// read actions line by line outside `ActionStream` (`diff --traffic`).
    mutating func nextLine(limit: Int) -> Line? {
        while true {
            if let nl = newline() {
                let r = start..<nl
                start = nl + 1
                return r.count > limit ? .tooLong : .line(r)
            }
            if pending > limit {
                skipLine()
                return .tooLong
            }
            if eof {
                guard pending > 0 else { return nil }
                let r = start..<end
                start = end
                return .line(r)
            }
            fill(upTo: limit + 1)
        }
    }

    /// Drops the rest of an over-long line, reading as needed, without holding it.
    mutating func skipLine() {
        while true {
            if let nl = newline() { start = nl + 1; return }
            start = 0
            end = 0
            if eof { return }
            let n = buffer.withUnsafeMutableBufferPointer { b in read(fd, b.baseAddress!, min(b.count, Self.chunk)) }
            if n > 0 { end = n }
            else if n == 0 { eof = true }
            else if errno != EINTR { error = String(cString: strerror(errno)); eof = true }
        }
    }

    func isBlank(_ r: Range<Int>) -> Bool { Self.isBlank(buffer[r]) }

    /// Whether bytes (several lines, perhaps) hold anything but white space.
    static func hasContent(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.contains { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A) }
    }

    /// Whether a line holds only spaces, tabs and carriage returns (no decision for it),
    /// after a byte order mark if it starts with one.
    static func isBlank(_ line: some Collection<UInt8>) -> Bool {
        line.dropFirst(ByteOrderMark.length(line)).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Whether the last byte of a line that is not white space is `}`.
    func endsWithBrace(_ r: Range<Int>) -> Bool {
        buffer[r].last { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) } == 0x7D
    }

    /// Whether the bytes begin a JSON value that ends beyond them.
    func endsInsideValue(_ r: Range<Int>) -> Bool {
        buffer.withUnsafeBufferPointer { b in InputHints.endsInsideValue(UnsafeBufferPointer(rebasing: b[r])) }
    }

    /// Whether the bytes are exactly one JSON object (white space around it allowed).
    func isSingleObject(_ r: Range<Int>) -> Bool {
        buffer.withUnsafeBufferPointer { b in
            var s = JSONScanner(ByteOrderMark.dropping(UnsafeBufferPointer(rebasing: b[r])))
            s.skipSpace()
            guard s.i < s.b.count, s.b[s.i] == 0x7B else { return false }
            do throws(JSONSyntaxError) {
                try s.skipValue()
                s.skipSpace()
                return s.i == s.b.count
            } catch {
                return false
            }
        }
    }
}
