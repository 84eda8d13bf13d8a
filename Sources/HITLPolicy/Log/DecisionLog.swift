#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// The decision log: one JSON object per line, appended whole, each carrying `prev`, the
/// SHA-256 of the previous line's bytes (without its newline; the first record's is that of
/// the empty string), so that a record edited, removed or reordered breaks the chain.
///
/// Several processes may append to one log at once (an agent runtime starts a hook per tool
/// call, in parallel): each append takes an exclusive `flock` on the file, reads the last
/// line to chain to it, and writes the record with one `write` of the whole line. A record
/// that cannot be written is an error for the caller, which must then fail: an audit trail
/// with gaps is not one.
package struct DecisionLog {
    /// Longest record line read back (to chain to it, or by `verify`): an action line at the
    /// eval limit, its decision and the envelope.
    package static let maxRecord = 3 * (4 << 20)

    /// Why a record could not be appended.
    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    package let path: String

    package init(path: String) {
        self.path = path
    }

    /// Appends `record`, a JSON object's text without `prev` (`{…}`, no newline), adding
    /// `"prev":"sha256:…"` as its last member; returns the line written.
    @discardableResult
    package func append(_ record: String) throws(Failure) -> String {
        var body = Array(record.utf8)
        guard body.first == UInt8(ascii: "{"), body.last == UInt8(ascii: "}"), !body.contains(0x0A) else {
            throw Failure(message: "a log record is one JSON object on one line")
        }
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot open") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw Failure(message: "\(path): a decision log must be a regular file")
        }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure("cannot lock") }
        }
        defer { _ = flock(fd, LOCK_UN) }
        let prev = try lastLineDigest(fd)
        let empty = body.count == 2
        body.removeLast()
        body.append(contentsOf: Array((empty ? "\"prev\":\"" : ",\"prev\":\"").utf8) + Array(prev.utf8) + Array("\"}\n".utf8))
        try writeAll(fd, body)
        body.removeLast()
        return String(decoding: body, as: UTF8.self)
    }

    /// The digest of the file's last line, found by reading backwards from its end. A last
    /// line without a newline (a writer that died mid-record) is chained to as it is:
    /// `verify` reports it.
    private func lastLineDigest(_ fd: Int32) throws(Failure) -> String {
        let size = lseek(fd, 0, SEEK_END)
        guard size >= 0 else { throw failure("cannot read") }
        var end = Int(size)
        if end == 0 { return Digest.of([UInt8]()) }
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        // The last byte is normally the newline that ends the last line.
        if try readAt(fd, &buffer, offset: end - 1, count: 1) == 1, buffer[0] == 0x0A { end -= 1 }
        var start = end
        search: while start > 0 {
            let n = min(buffer.count, start)
            guard try readAt(fd, &buffer, offset: start - n, count: n) == n else { throw failure("cannot read") }
            if let k = buffer[0..<n].lastIndex(of: 0x0A) {
                start = start - n + k + 1
                break search
            }
            start -= n
            guard end - start <= Self.maxRecord else {
                throw Failure(message: "\(path): its last line is longer than \(Self.maxRecord) bytes; not a decision log")
            }
        }
        var hasher = SHA256()
        var k = start
        while k < end {
            let n = min(buffer.count, end - k)
            guard try readAt(fd, &buffer, offset: k, count: n) == n else { throw failure("cannot read") }
            hasher.update(data: buffer[0..<n])
            k += n
        }
        return Digest.text(hasher.finalize())
    }

    private func readAt(_ fd: Int32, _ buffer: inout [UInt8], offset: Int, count: Int) throws(Failure) -> Int {
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw failure("cannot read") }
            if n == 0 { break }
            done += n
        }
        return done
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(Failure) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw failure("cannot write") }
            done += n
        }
    }

    private func failure(_ what: String) -> Failure {
        Failure(message: "\(path): \(what) (\(String(cString: strerror(errno))))")
    }
}
