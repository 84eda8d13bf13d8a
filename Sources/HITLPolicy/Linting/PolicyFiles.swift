#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of the tool itself (not a finding about a policy): exit status 2.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the path.
    public var description: String
    /// Creates an input error.
    public init(_ description: String) { self.description = description }
}

/// Finding policy files and reading them with a size bound.
public enum PolicyFiles {
    /// Expands files and folders into policy files: a folder contributes every `*.yaml` and
    /// `*.yml` below it (hidden folders skipped), sorted; a file given by name is taken as is.
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
        var out: [String] = []
        for path in paths {
            guard let isDirectory = kind(of: path) else {
                throw InputError("\(path): no such file or folder")
            }
            guard isDirectory else {
                out.append(path)
                continue
            }
            let found = policyFiles(under: path)
            if found.isEmpty { throw InputError("\(path): no *.yaml or *.yml files in this folder") }
            out += found
        }
        return out
    }

    static func policyFiles(under root: String) -> [String] {
        guard let names = FileManager.default.subpathsOfDirectory(atPathSafely: root) else { return [] }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return names
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            .map { prefix + $0 }
            .filter { kind(of: $0) == false }
            .sorted()
    }

    /// Whether anything exists at `path`.
    public static func exists(_ path: String) -> Bool { kind(of: path) != nil }

    /// True for a folder, false for anything else that exists, nil when nothing is there.
    static func kind(of path: String) -> Bool? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Reads at most `limit + 1` bytes of `path`, so a device or huge file cannot exhaust
    /// memory; callers treat more than `limit` bytes as too large.
    public static func read(_ path: String, limit: Int = SyntaxLimits.maxFileBytes) throws(InputError) -> [UInt8] {
        guard let f = fopen(path, "rb") else {
            throw InputError("\(path): cannot open (\(String(cString: strerror(errno))))")
        }
        defer { fclose(f) }
        var info = stat()
        let sized = fstat(fileno(f), &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        var capacity = sized ? min(Int(info.st_size), limit) + 1 : 1 << 16
        var out = [UInt8]()
        while true {
            let start = out.count
            out += [UInt8](repeating: 0, count: capacity - start)
            let n = out.withUnsafeMutableBufferPointer { b in b.baseAddress.map { fread($0 + start, 1, capacity - start, f) } ?? 0 }
            out.removeLast(capacity - start - n)
            if n < capacity - start {
                if ferror(f) != 0 { throw InputError("\(path): read error (\(String(cString: strerror(errno))))") }
                return out
            }
            if out.count > limit { return out }
            capacity = min(capacity * 2, limit + 1)
        }
    }
}

extension FileManager {
    /// `subpathsOfDirectory` without throwing; nil when the folder cannot be read.
    func subpathsOfDirectory(atPathSafely path: String) -> [String]? {
        try? subpathsOfDirectory(atPath: path)
    }
}
