import Foundation
import Testing

/// `--version` and scripts/package.sh (run by scripts/build-release.sh): the tarball and the
/// Debian package hold the binary, the man page, the completions and the licence. The
/// test packages the already-built test binary (a release build is too slow for a test);
/// .ci/run installs that .deb with `dpkg -i` and runs it.
@Suite("Packaging")
struct PackagingCLITests {
    @Test func versionNamesTheCommitOrSaysItWasNotRecorded() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        // A plain build says so; scripts/build-release.sh's names the commit.
        #expect(r.stdout.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+ \((commit [0-9a-f]{7,40}(-dirty)?|development build; commit not recorded)\)\n/) != nil,
                "\(r.stdout)")
    }

    /// The build script records the commit in the file it restores afterwards: the line it
    /// rewrites must stay as the script expects it.
    @Test func buildScriptCanStampTheCommit() throws {
        let source = try String(contentsOf: CLI.root.appendingPathComponent("Sources/hitl-policy/BuildCommit.swift"), encoding: .utf8)
        #expect(source.contains("\nlet buildCommit = \"\"\n"))
        let script = try String(contentsOf: CLI.root.appendingPathComponent("scripts/build-release.sh"), encoding: .utf8)
        #expect(script.contains(#"s/^let buildCommit = \"\"$/let buildCommit = \"$commit\"/"#))
    }

    @Test func tarballAndDebianPackage() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-package-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try Self.sh(["scripts/package.sh", CLI.executable.path, dir.path])
        #expect(made.status == 0, "\(made.err)")
        let paths = made.out.split(separator: "\n").map(String.init)
        let version = try CLI.run(["--version"]).stdout.split(separator: " ").first.map(String.init) ?? "?"

        let tarball = try #require(paths.first { $0.hasSuffix(".tar.gz") })
        let listing = try Self.sh(["tar", "tzf", tarball]).out.split(separator: "\n").map(String.init)
        for file in ["bin/hitl-policy", "share/man/man1/hitl-policy.1", "share/bash-completion/completions/hitl-policy",
                     "share/zsh/vendor-completions/_hitl-policy", "share/fish/vendor_completions.d/hitl-policy.fish", "LICENSE",
                     "share/doc/hitl-policy/language.md", "share/doc/hitl-policy/diagnostics.md"] {
            #expect(listing.contains("hitl-policy-\(version)/\(file)"), "tarball lacks \(file)")
        }

        guard Self.have("dpkg-deb") else { return }   // package.sh makes no .deb without it
        let deb = try #require(paths.first { $0.hasSuffix(".deb") })
        let depends = try Self.sh(["dpkg-deb", "-f", deb, "Depends"]).out
        #expect(depends.contains("libyaml-0-2"), "\(depends)")
        #expect(try Self.sh(["dpkg-deb", "-f", deb, "Version"]).out == version + "\n")
        let contents = try Self.sh(["dpkg-deb", "-c", deb]).out
        for file in ["./usr/bin/hitl-policy", "./usr/share/man/man1/hitl-policy.1.gz", "./usr/share/bash-completion/completions/hitl-policy",
                     "./usr/share/zsh/vendor-completions/_hitl-policy", "./usr/share/fish/vendor_completions.d/hitl-policy.fish",
                     "./usr/share/doc/hitl-policy/copyright", "./usr/share/doc/hitl-policy/language.md",
                     "./usr/share/doc/hitl-policy/diagnostics.md"] {
            #expect(contents.contains(" \(file)\n"), "the .deb lacks \(file)")
        }
        // The packaged binary runs.
        let root = dir.appendingPathComponent("root")
        #expect(try Self.sh(["dpkg-deb", "-x", deb, root.path]).status == 0)
        let run = try CLI.run(["lint", "policies"], executable: root.appendingPathComponent("usr/bin/hitl-policy"))
        #expect(run.status == 0, "\(run.stderr)")
    }

    static func have(_ tool: String) -> Bool {
        (try? sh(["sh", "-c", "command -v \(tool)"]).status) == 0
    }

    static func sh(_ argv: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        p.currentDirectoryURL = CLI.root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let r = try { try p.run(); return CLI.finish(p, out: out, err: err) }()
        return (r.status, r.stdout, r.stderr)
    }
}
