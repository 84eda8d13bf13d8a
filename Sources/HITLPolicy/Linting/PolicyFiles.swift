#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding policy files and reading them with a size bound.
package enum PolicyFiles {
    /// A path to lint: a file to read, or one found in a folder and skipped.
    package enum Entry: Sendable, Hashable {
        /// Given by name (read whatever it is: `lint <(cat x.yaml)` passes a pipe).
        case given(String)
        /// Found in a folder: read only if it is a regular file.
        case found(String)
        /// Found in a folder and not read.
        case skipped(SkippedFile)

        /// The path, for sorting a folder's entries.
        var path: String {
            switch self {
            case .given(let p), .found(let p): p
            case .skipped(let s): s.path
            }
        }
    }

    /// Expands files and folders into policy files: a folder contributes every `*.yaml` and
    /// `*.yml` below it (hidden folders skipped), sorted; a file given by name (or `-`,
    /// standard input) is taken as is.
    package static func expand(_ paths: [String]) throws(InputError) -> [String] {
        try entries(paths).compactMap { entry in
            switch entry {
            case .given(let p), .found(let p): p
            case .skipped: nil
            }
        }
    }

    /// Expands files and folders, keeping what a folder walk skipped: anything but a regular
    /// file named `*.yaml`/`*.yml` (FIFOs, devices, sockets), symlinks that lead nowhere or
    /// into a loop, folders that cannot be read. Symlinked folders are followed once (a
    /// folder already on the walk is a loop). Only regular files are ever opened in a walk:
    /// a FIFO would block it forever.
    package static func entries(_ paths: [String]) throws(InputError) -> [Entry] {
        var out: [Entry] = []
        for path in paths {
            if path == "-" {
                out.append(.given(path))
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else { throw InputError(missing(path, errno)) }
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                out.append(.given(path))
                continue
            }
            var found: [Entry] = []
            var onWalk: Set<FileID> = [FileID(info)]
            walk(path.hasSuffix("/") ? path : path + "/", into: &found, onWalk: &onWalk)
            found.sort { $0.path < $1.path }
            guard found.contains(where: { if case .found = $0 { true } else { false } }) else {
                let skipped = found.compactMap { if case .skipped(let s) = $0 { s } else { nil } }
                let why = skipped.first.map { "; skipped \($0.path): \($0.reason)" + (skipped.count > 1 ? " and \(skipped.count - 1) more" : "") } ?? ""
                throw InputError("\(path): no *.yaml or *.yml files in this folder\(why)")
            }
            out += found
        }
        return out
    }

    /// A file's identity, for finding loops among symlinked folders.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(truncatingIfNeeded: info.st_dev)   // dev_t is signed on Darwin
            inode = UInt64(info.st_ino)
        }
    }

    private static func walk(_ folder: String, into out: inout [Entry], onWalk: inout Set<FileID>) {
        guard let dir = opendir(folder) else {
            out.append(.skipped(SkippedFile(path: folder, reason: "a folder that cannot be read (\(String(cString: strerror(errno))))")))
            return
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            names.append(name)
        }
        closedir(dir)
        for name in names.sorted() {
            let path = folder + name
            let isPolicy = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
            var link = stat()
            guard lstat(path, &link) == 0 else { continue }
            var info = link
            let isLink = (link.st_mode & S_IFMT) == S_IFLNK
            if isLink, stat(path, &info) != 0 {
                let error = errno
                // A broken link that is not a policy name is not something lint would read.
                guard isPolicy || error == ELOOP else { continue }
                out.append(.skipped(SkippedFile(path: path, reason: error == ELOOP ? "a symlink loop" : brokenLink(path, error))))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                let id = FileID(info)
                if onWalk.contains(id) {
                    out.append(.skipped(SkippedFile(path: path, reason: "a symlink loop (it leads back to a folder above it)")))
                    continue
                }
                onWalk.insert(id)
                walk(path + "/", into: &out, onWalk: &onWalk)
                onWalk.remove(id)
            case S_IFREG:
                if isPolicy { out.append(.found(path)) }
            case let kind:
                if isPolicy { out.append(.skipped(SkippedFile(path: path, reason: "\(describe(kind)), not a regular file"))) }
            }
        }
    }

    /// "a FIFO", "a socket", ... for a file type.
    static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a folder"
        default: "a special file"
        }
    }

    /// Why `path` cannot be reached, naming symlink loops and broken links as such.
    static func missing(_ path: String, _ error: Int32) -> String {
        if error == ELOOP { return "\(path): a symlink loop (too many levels of symbolic links)" }
        if error == ENOENT {
            var link = stat()
            if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK { return "\(path): \(brokenLink(path, error))" }
            return "\(path): no such file or folder"
        }
        return "\(path): \(String(cString: strerror(error)))"
    }

    /// "a symlink to TARGET, which does not exist" and the like.
    static func brokenLink(_ path: String, _ error: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        let target = n > 0 ? String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        if error == ENOENT { return "a symlink to \(target), which does not exist" }
        return "a symlink to \(target), which cannot be reached (\(String(cString: strerror(error))))"
    }

    /// How `-` (standard input, which every command that reads a policy accepts) is named in
    /// reports, messages and rule sources.
    package static let standardInput = "<stdin>"

    /// The name of `path` in reports: itself, or `standardInput` for `-`.
    package static func label(_ path: String) -> String { path == "-" ? standardInput : path }

    /// Whether anything exists at `path`.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Reads at most `limit + 1` bytes of `path`, so a device or huge file cannot exhaust
    /// memory; callers treat more than `limit` bytes as too large. `narrow`, when given, sees
    /// the first bytes (up to 64 KiB) and may lower the limit before the rest is read (a
    /// policy that is not a compiled table gets the YAML bound, so `/dev/zero` costs no more
    /// than that).
    package static func read(_ path: String, limit: Int = SyntaxLimits.maxFileBytes,
                            narrow: (([UInt8]) -> Int)? = nil) throws(InputError) -> [UInt8] {
        if path == "-" { return try read(STDIN_FILENO, path: standardInput, limit: limit, narrow: narrow) }
        let fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(cannotOpen(path, errno)) }
        defer { close(fd) }
        return try read(fd, path: path, limit: limit, narrow: narrow)
    }

    /// Reads a file found in a folder walk: nil (with the reason) unless it is a regular file
    /// when opened. Opened without blocking, so a FIFO put there after the walk cannot hang it.
    package static func readFound(_ path: String, limit: Int = SyntaxLimits.maxFileBytes) throws(InputError) -> Result<[UInt8], SkippedFile> {
        let fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let error = errno
            if error == ELOOP || error == ENOENT || error == ENXIO {
                return .failure(SkippedFile(path: path, reason: error == ELOOP ? "a symlink loop" : error == ENXIO ? "a FIFO or socket, not a regular file" : "removed while lint ran"))
            }
            throw InputError(cannotOpen(path, error))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError("\(path): \(String(cString: strerror(errno)))") }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else { return .failure(SkippedFile(path: path, reason: "\(describe(kind)), not a regular file")) }
        return .success(try read(fd, path: path, limit: limit, narrow: nil))
    }

    static func cannotOpen(_ path: String, _ error: Int32) -> String {
        if error == ELOOP || error == ENOENT { return missing(path, error) }
        return "\(path): cannot open (\(String(cString: strerror(error))))"
    }

    private static func read(_ fd: Int32, path: String, limit: Int, narrow: (([UInt8]) -> Int)?) throws(InputError) -> [UInt8] {
        var info = stat()
        let status = fstat(fd, &info)
        if status == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw InputError("\(path): is a folder, not a file") }
        let size: Int? = status == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        var limit = limit
        var narrowed = narrow == nil
        let prefix = 1 << 16
        var capacity = size.map { min($0, limit) + 1 } ?? prefix
        if !narrowed { capacity = min(capacity, prefix) }
        var out = [UInt8]()
        while true {
            let start = out.count
            // Grown in place (no temporary array): a 40 MB table is held once, not twice.
            out.reserveCapacity(capacity)
            out.append(contentsOf: repeatElement(0, count: capacity - start))
            var filled = start
            var end = false
            while filled < capacity {
                let n = out.withUnsafeMutableBufferPointer { b in b.baseAddress.map { systemRead(fd, $0 + filled, capacity - filled) } ?? 0 }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError("\(path): read error (\(String(cString: strerror(errno))))")
                }
                if n == 0 {
                    end = true
                    break
                }
                filled += n
            }
            out.removeLast(capacity - filled)
            if let narrow, !narrowed {
                narrowed = true
                limit = min(limit, narrow(out))
            }
            if end || out.count > limit { return out }
            let next = size.map { max(min($0, limit) + 1, capacity * 2) } ?? capacity * 2
            capacity = min(next, limit + 1)
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
