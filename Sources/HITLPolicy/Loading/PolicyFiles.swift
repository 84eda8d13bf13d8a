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
        /// Found in a walk of a folder: read only if it is a regular file inside that folder.
        case found(String, FileTree)
        /// Found in a folder and not read.
        case skipped(SkippedFile)

        /// The path, for sorting a folder's entries.
        var path: String {
            switch self {
            case .given(let p), .found(let p, _): p
            case .skipped(let s): s.path
            }
        }
    }

    /// Expands files and folders into policy files: a folder contributes every `*.yaml` and
    /// `*.yml` below it (hidden folders skipped), sorted; a file given by name (or `-`,
    /// standard input) is taken as is.
    package static func expand(_ paths: [String]) throws(InputFailure) -> [String] {
        try entries(paths).compactMap { entry in
            switch entry {
            case .given(let p), .found(let p, _): p
            case .skipped: nil
            }
        }
    }

    /// Most folder levels a walk descends below the folder it was given; a folder deeper
    /// than that is reported (as could not be checked), not walked.
    package static let maxWalkDepth = 128

    /// Expands files and folders, keeping what a folder walk skipped. A walk never leaves
    /// the folder it was given: a symlink that leads outside it is reported and not followed.
    /// It opens only regular files (a FIFO would block it forever) and reads each folder once
    /// (a symlinked folder inside the tree is walked only when the walk does not reach that
    /// folder under its own name). Skipped and reported, as by design: anything but a regular
    /// file named `*.yaml`/`*.yml` (FIFOs, devices, sockets), symlinks that lead nowhere,
    /// into a loop or outside the folder. Skipped and reported as could not be checked
    /// (`SkippedFile.couldNotCheck`): names that are not UTF-8, folders that cannot be read
    /// or lie more than `maxWalkDepth` levels down, entries that cannot be examined.
    package static func entries(_ paths: [String]) throws(InputFailure) -> [Entry] {
        var out: [Entry] = []
        for path in paths {
            if path == "-" {
                out.append(.given(path))
                continue
            }
            if let refusal = leadsOutside(path) { throw InputFailure(refusal) }
            var info = stat()
            guard stat(path, &info) == 0 else { throw InputFailure(missing(path, errno)) }
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                out.append(.given(path))
                continue
            }
            var walk = Walk(tree: try FileTree(folder: path), root: FileID(info))
            walk.run(path.hasSuffix("/") ? path : path + "/")
            var found = walk.out
            found.sort { $0.path < $1.path }
            guard found.contains(where: { if case .found = $0 { true } else { false } }) else {
                let skipped = found.compactMap { if case .skipped(let s) = $0 { s } else { nil } }
                let why = skipped.first.map { "; skipped \($0.path): \($0.reason)" + (skipped.count > 1 ? " and \(skipped.count - 1) more" : "") } ?? ""
                throw InputFailure("\(path): no *.yaml or *.yml files in this folder\(why)")
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

    /// One folder walk: the folders under the root first, then symlinked folders that lead
    /// somewhere the walk has not been (so each folder is read once, under its own name when
    /// it has one, and links cannot multiply the work).
    private struct Walk {
        let tree: FileTree
        var out: [Entry] = []
        /// Every folder read so far.
        var visited: Set<FileID>
        /// Symlinked folders inside the tree, to walk when the plain walk is done.
        var links: [(path: String, id: FileID, above: Set<FileID>, depth: Int)] = []

        private let rootID: FileID
        private var linkIndex = 0

        init(tree: FileTree, root: FileID) {
            self.tree = tree
            visited = [root]
            rootID = root
        }

        mutating func run(_ root: String) {
            folder(root, depth: 0, above: [rootID])
            while linkIndex < links.count {
                let link = links[linkIndex]
                linkIndex += 1
                guard visited.insert(link.id).inserted else { continue }
                descend(link.path, depth: link.depth, above: link.above.union([link.id]))
            }
        }

        /// Walks the folder at `path` (no trailing slash), `depth` levels below the root.
        mutating func descend(_ path: String, depth: Int, above: Set<FileID>) {
            guard depth <= PolicyFiles.maxWalkDepth else {
                skip(path, "a folder more than \(PolicyFiles.maxWalkDepth) levels below \(tree.name): not walked", couldNotCheck: true, folder: true)
                return
            }
            folder(path + "/", depth: depth, above: above)
        }

        mutating func skip(_ path: String, _ reason: String, couldNotCheck: Bool = false, folder: Bool = false) {
            out.append(.skipped(SkippedFile(path: path, reason: reason, couldNotCheck: couldNotCheck, isFolder: folder)))
        }

        /// `folder` ends in `/`.
        mutating func folder(_ folder: String, depth: Int, above: Set<FileID>) {
            guard let dir = opendir(folder) else {
                skip(folder, "a folder that cannot be read (\(String(cString: strerror(errno))))", couldNotCheck: true, folder: true)
                return
            }
            var names: [[UInt8]] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                // Hidden entries (`.`, `..`, `.git`, ...) are never walked.
                if name.first == UInt8(ascii: ".") { continue }
                names.append(name)
            }
            closedir(dir)
            names.sort { $0.lexicographicallyPrecedes($1) }
            for name in names { self.entry(name, in: folder, depth: depth, above: above) }
        }

        mutating func entry(_ bytes: [UInt8], in folder: String, depth: Int, above: Set<FileID>) {
            let isPolicy = bytes.suffix(5).elementsEqual(".yaml".utf8) || bytes.suffix(4).elementsEqual(".yml".utf8)
            guard let name = String(validating: bytes, as: UTF8.self) else {
                // Paths are text everywhere in reports: a name that is not UTF-8 is named
                // with its bytes escaped and reported, never dropped in silence.
                let path = folder + PolicyFiles.escaped(bytes)
                if isPolicy || isFolder(Array(folder.utf8) + bytes) {
                    skip(path, "a name that is not UTF-8, which hitl-policy cannot name in its reports: rename it to have it checked",
                         couldNotCheck: true, folder: !isPolicy)
                }
                return
            }
            let path = folder + name
            var link = stat()
            guard lstat(path, &link) == 0 else {
                let error = errno
                if error == ENOENT { return }   // removed while the walk ran
                skip(path, "cannot be examined (\(String(cString: strerror(error))))", couldNotCheck: true)
                return
            }
            if (link.st_mode & S_IFMT) == S_IFLNK {
                symlink(path, isPolicy: isPolicy, depth: depth, above: above)
                return
            }
            switch link.st_mode & S_IFMT {
            case S_IFDIR:
                // Not new: the same folder mounted twice; it has been read.
                guard visited.insert(FileID(link)).inserted else { return }
                descend(path, depth: depth + 1, above: above.union([FileID(link)]))
            case S_IFREG:
                if isPolicy { out.append(.found(path, tree)) }
            case let kind:
                if isPolicy { skip(path, "\(PolicyFiles.describe(kind)), not a regular file") }
            }
        }

        /// A symlink: followed only to a place inside the tree.
        mutating func symlink(_ path: String, isPolicy: Bool, depth: Int, above: Set<FileID>) {
            switch tree.locate(path) {
            case .loop:
                skip(path, "a symlink loop", folder: !isPolicy)
            case .missing:
                // A broken link that is not a policy name is not something lint would read.
                if isPolicy { skip(path, PolicyFiles.brokenLink(path, ENOENT)) }
            case .unreachable(let why):
                if isPolicy { skip(path, "a symlink to \(PolicyFiles.linkText(path)), which cannot be reached (\(why))") }
            case .outside:
                var target = stat()
                let isFolder = stat(path, &target) == 0 && (target.st_mode & S_IFMT) == S_IFDIR
                if isPolicy || isFolder {
                    skip(path, "a symlink to \(PolicyFiles.linkText(path)), which leads outside \(tree.name): not followed", folder: isFolder)
                }
            case .inside:
                var target = stat()
                guard stat(path, &target) == 0 else {
                    if isPolicy { skip(path, PolicyFiles.brokenLink(path, errno)) }
                    return
                }
                switch target.st_mode & S_IFMT {
                case S_IFDIR:
                    let id = FileID(target)
                    if above.contains(id) {
                        skip(path, "a symlink loop (it leads back to a folder above it)", folder: true)
                    } else if !visited.contains(id) {
                        links.append((path, id, above, depth + 1))
                    }
                case S_IFREG:
                    if isPolicy { out.append(.found(path, tree)) }
                case let kind:
                    if isPolicy { skip(path, "\(PolicyFiles.describe(kind)), not a regular file") }
                }
            }
        }

        /// Whether the entry at these bytes (no NUL) is a folder or a symlink to one.
        func isFolder(_ path: [UInt8]) -> Bool {
            var info = stat()
            let c = (path + [0]).map { CChar(bitPattern: $0) }
            return stat(c, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }
    }

    /// A name as reports show it: UTF-8 as it is, any other byte as `\xHH`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var rest = bytes[...]
        while !rest.isEmpty {
            // The longest valid UTF-8 run, then one byte escaped.
            var end = rest.endIndex
            while end > rest.startIndex, String(validating: rest[rest.startIndex..<end], as: UTF8.self) == nil { end -= 1 }
            if end > rest.startIndex {
                out += String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
                rest = rest[end...]
            } else {
                let b = rest.removeFirst()
                let hex = Array("0123456789ABCDEF".utf8)
                out += "\\x" + String(decoding: [hex[Int(b >> 4)], hex[Int(b & 15)]], as: UTF8.self)
            }
        }
        return out
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
        if error == ENOENT { return "a symlink to \(linkText(path)), which does not exist" }
        return "a symlink to \(linkText(path)), which cannot be reached (\(String(cString: strerror(error))))"
    }

    /// What the symlink at `path` says, for messages (bytes that are not UTF-8 escaped).
    static func linkText(_ path: String) -> String {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = buffer.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { readlink(path, $0, b.count - 1) }
        }
        return n > 0 ? escaped(Array(buffer.prefix(n))) : "?"
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

    /// Most bytes a compiled table may have: tables may be larger than policy source, which
    /// `SyntaxLimits.maxFileBytes` bounds. The one table bound every reader of a policy uses.
    package static let maxTableBytes = 512 << 20

    /// The bound for a policy file whose first bytes are `prefix`: `maxTableBytes` for what
    /// may be a compiled table (see `PolicyCompilation.mayBeTable`), YAML's bound for anything
    /// else, so `--policy /dev/zero` costs no more than YAML's bound.
    package static func policyLimit(prefix: [UInt8]) -> Int {
        PolicyCompilation.mayBeTable(prefix: prefix) ? maxTableBytes : SyntaxLimits.maxFileBytes
    }

    /// Reads a policy file, YAML source or a compiled table, with `policyLimit`'s bound
    /// (YAML's bound alone when `allowTable` is false).
    package static func readPolicy(_ path: String, allowTable: Bool = true) throws(InputFailure) -> [UInt8] {
        try read(path, limit: allowTable ? maxTableBytes : SyntaxLimits.maxFileBytes, narrow: policyLimit)
    }

    /// Reads at most `limit + 1` bytes of `path`, so a device or huge file cannot exhaust
    /// memory; callers treat more than `limit` bytes as too large. `narrow`, when given, sees
    /// the first bytes (up to 64 KiB) and may lower the limit before the rest is read (a
    /// policy that is not a compiled table gets the YAML bound, so `/dev/zero` costs no more
    /// than that). A path named inside the current folder that leads outside it through a
    /// symlink is refused (see `leadsOutside`).
    package static func read(_ path: String, limit: Int = SyntaxLimits.maxFileBytes,
                            narrow: (([UInt8]) -> Int)? = nil) throws(InputFailure) -> [UInt8] {
        if path == "-" { return try read(STDIN_FILENO, path: standardInput, limit: limit, narrow: narrow) }
        if let refusal = leadsOutside(path) { throw InputFailure(refusal) }
        let fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw InputFailure(cannotOpen(path, errno)) }
        defer { close(fd) }
        return try read(fd, path: path, limit: limit, narrow: narrow)
    }

    /// Why a file that must lie inside a tree was not read.
    package enum Refusal: Error, Sendable, Equatable {
        /// It does not exist (or was removed).
        case missing
        /// It leads outside the tree (by its spelling, or through a symlink).
        case outside
        /// A symlink loop.
        case loop
        /// Not a regular file: "a FIFO (named pipe)", "a folder", ...
        case notRegular(String)
        /// It could not be reached or opened: why.
        case unreadable(String)
    }

    /// Reads `path` (relative to the current folder, or absolute) only if it leads to a
    /// regular file inside `tree`: every symlink on the way is resolved and checked first, the
    /// file is opened by its resolved path (refusing a symlink put there since) and without
    /// blocking (a FIFO is refused, not waited on), and read with the size bound of `read`.
    /// Used for files a walk found and for the policy a test file names.
    package static func readInside(_ path: String, tree: FileTree, limit: Int = SyntaxLimits.maxFileBytes,
                                   narrow: (([UInt8]) -> Int)? = nil) throws(InputFailure) -> Result<[UInt8], Refusal> {
        let real: String
        switch tree.locate(path) {
        case .inside(let r): real = r
        case .outside: return .failure(.outside)
        case .missing: return .failure(.missing)
        case .loop: return .failure(.loop)
        case .unreachable(let why): return .failure(.unreadable(why))
        }
        let fd = open(real, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else {
            let error = errno
            switch error {
            case ENOENT: return .failure(.missing)
            case ELOOP: return .failure(.outside)   // a symlink put in its place since
            case ENXIO: return .failure(.notRegular("a FIFO or socket"))
            default: return .failure(.unreadable("cannot open (\(String(cString: strerror(error))))"))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else { return .failure(.notRegular(describe(kind))) }
        return .success(try read(fd, path: path, limit: limit, narrow: narrow))
    }

    /// Why a path named on the command line is not read, or nil: one spelled inside the
    /// current folder (the checkout a CI job runs in) that leads outside it through a symlink.
    /// A shell glob such as `policies/*.yaml` names whatever a pull request put there, so a
    /// link `p.yaml -> /proc/self/environ` must not be followed; a path spelled outside the
    /// current folder (`/dev/fd/63` from `<(...)`, `/tmp/p.yaml`) is the caller's own choice.
    static func leadsOutside(_ path: String) -> String? {
        guard let here = try? FileTree.current(), here.spells(path), case .outside = here.locate(path) else { return nil }
        return "\(path): leads outside \(here.name) through a symlink; not read (name the file it leads to, to read it)"
    }

    /// Reads a file a folder walk found in `tree`: nil (with the reason) unless it is still a
    /// regular file inside the tree when opened; an error when it cannot be opened.
    package static func readFound(_ path: String, tree: FileTree, limit: Int = SyntaxLimits.maxFileBytes) throws(InputFailure) -> Result<[UInt8], SkippedFile> {
        switch try readInside(path, tree: tree, limit: limit) {
        case .success(let bytes): return .success(bytes)
        case .failure(.missing): return .failure(SkippedFile(path: path, reason: "removed while the folder was read"))
        case .failure(.outside): return .failure(SkippedFile(path: path, reason: "it now leads outside \(tree.name): not read"))
        case .failure(.loop): return .failure(SkippedFile(path: path, reason: "a symlink loop"))
        case .failure(.notRegular(let kind)): return .failure(SkippedFile(path: path, reason: "\(kind), not a regular file"))
        case .failure(.unreadable(let why)): throw InputFailure("\(path): \(why)")
        }
    }

    static func cannotOpen(_ path: String, _ error: Int32) -> String {
        if error == ELOOP || error == ENOENT { return missing(path, error) }
        return "\(path): cannot open (\(String(cString: strerror(error))))"
    }

    private static func read(_ fd: Int32, path: String, limit: Int, narrow: (([UInt8]) -> Int)?) throws(InputFailure) -> [UInt8] {
        var info = stat()
        let status = fstat(fd, &info)
        if status == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw InputFailure("\(path): is a folder, not a file") }
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
                    throw InputFailure("\(path): read error (\(String(cString: strerror(errno))))")
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
