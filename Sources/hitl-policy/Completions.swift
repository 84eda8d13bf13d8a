#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// Shell completions beyond what ArgumentParser derives (files for `--policy`, enum values
/// for `--format` come from the declarations themselves).
enum Completions {
    /// Policy files: YAML sources and compiled tables.
    static let policyFiles = CompletionKind.file(extensions: ["yaml", "yml", "json"])

    /// Git revisions for `diff --git`: HEAD, then branches, remote branches and tags, as
    /// `git for-each-ref` lists them in the current repository. The command line is fixed
    /// (nothing the user typed reaches the shell); outside a repository, without git, or
    /// on any failure it yields nothing. At most `maxRevisions`, so a huge repository
    /// cannot flood the shell.
    static let gitRevisions = CompletionKind.custom { _, _, prefix in
        revisions().filter { $0.hasPrefix(prefix) }
    }

    static let maxRevisions = 2_000

    static func revisions() -> [String] {
        guard let pipe = popen("git for-each-ref --format='%(refname:short)' refs/heads refs/remotes refs/tags 2>/dev/null", "r") else {
            return []
        }
        var out = ["HEAD"]
        var line = [CChar](repeating: 0, count: 1024)
        while out.count <= maxRevisions, fgets(&line, Int32(line.count), pipe) != nil {
            let name = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                .trimmingSuffix(while: { $0 == "\n" })
            if !name.isEmpty { out.append(name) }
        }
        // A failed git (not a repository) printed nothing: only HEAD would remain, which
        // is no revision there either.
        let status = pclose(pipe)
        return status == 0 ? out : []
    }
}

private extension String {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var s = self
        while let last = s.last, predicate(last) { s.removeLast() }
        return s
    }
}
