#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Terminal {
    /// Writes `text` to `path` whole or not at all: into a temporary file beside it, then
    /// renamed over it. On failure the temporary file is removed and the run fails (exit 2).
    static func writeFileAtomically(_ path: String, _ text: String) {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        var template = Array(((dir.isEmpty ? "" : dir + "/") + ".hitl-policy-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { fail("\(path): cannot write beside it (\(String(cString: strerror(errno))))") }
        let temp = String(cString: template.map { UInt8(bitPattern: $0) } + [])
        let written = writeAll(fd, text)
        fchmod(fd, 0o644)
        guard close(fd) == 0, written, rename(temp, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temp)
            fail("\(path): cannot write (\(why))")
        }
    }
}
