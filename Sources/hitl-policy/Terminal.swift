#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HITLPolicy

/// Standard streams for the commands: direct `write(2)` on the descriptors (no C `FILE`
/// buffering to flush), and a quiet exit when the reader closes the pipe.
enum Terminal {
    /// A closed output pipe must end the program quietly, not kill it with SIGPIPE.
    static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
        reserveClosedStandardDescriptors()
    }

    /// A standard descriptor the shell closed (`>&-`) stays unusable: it is taken by
    /// `/dev/null` opened the wrong way round, so writes to standard output still fail
    /// (EBADF) instead of a policy file opened later landing on descriptor 1.
    static func reserveClosedStandardDescriptors() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
            let opened = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if opened >= 0, opened != fd {
                _ = dup2(opened, fd)
                _ = close(opened)
            }
        }
    }

    /// Writes a command's result to standard output. When it cannot be written the program
    /// ends with `status` (never a status that claims the result was delivered): quietly
    /// when the reader closed the pipe, with one error line for any other failure.
    static func write(_ s: String, exitOnFailure status: Int32) {
        if !writeAll(STDOUT_FILENO, s) { outputFailed(label: "standard output", status: status) }
    }

    /// Ends the program after a failed write of the result (`errno` says why): quietly for
    /// a closed pipe (EPIPE), else with one line naming `label` and the cause.
    static func outputFailed(label: String, status: Int32, error: Int32 = errno) -> Never {
        if error != EPIPE { writeError("hitl-policy: error: \(label): cannot write (\(String(cString: strerror(error))))\n") }
        exit(status)
    }

    /// Writes to standard error (failures ignored: there is nowhere left to report them).
    static func writeError(_ s: String) { _ = writeAll(STDERR_FILENO, s) }

    static func writeAll(_ fd: Int32, _ s: String) -> Bool {
        var s = s
        return s.withUTF8 { writeAll(fd, bytes: $0) }
    }

    /// Writes all bytes, retrying after interruptions; false when the write fails.
    static func writeAll(_ fd: Int32, bytes buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        var offset = 0
        while offset < buffer.count {
            let n = systemWrite(fd, base + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Reports a failure of the tool itself and exits 2.
    static func fail(_ message: String) -> Never {
        writeError("hitl-policy: error: \(message)\n")
        exit(2)
    }

    /// Exits with `status`.
    static func exit(_ status: Int32) -> Never { systemExit(status) }

    /// Colour on a terminal unless `NO_COLOR` is set (non-empty) or `TERM=dumb`.
    static var stdoutWantsColor: Bool {
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
        return isatty(STDOUT_FILENO) != 0
    }
}

// `Terminal.write` and `Terminal.exit` hide the C functions of the same names.
#if canImport(Glibc)
private let systemWrite = Glibc.write
private let systemExit = Glibc.exit
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
private let systemExit = Darwin.exit
#endif
