import Foundation
import Testing

/// What `lint` and `test` read from a tree a pull request controls: a folder walk never
/// leaves the folder it was given, reports every entry it does not read (names that are not
/// UTF-8 and folders too deep included, which `--strict` fails on), and a test file's
/// `policy:` is a relative path to a regular file inside the folder being tested; what is not
/// a policy is never quoted.
@Suite("reading stays inside the tree")
struct TreeBoundaryCLITests {
    static let payments = CLI.root.appendingPathComponent("policies/payments.yaml")
    static let passing = "policy: p.yaml\ncases:\n  - name: unlisted is disabled\n    action: {capability: not_listed}\n    expect: {decision: disabled}\n"
    static let failing = "policy: p.yaml\ncases:\n  - name: wrong on purpose\n    action: {capability: not_listed}\n    expect: {decision: autonomous}\n"

    /// A fresh folder under the temporary folder; removed by `remove`.
    static func folder(_ label: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-tree-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `rm -rf`: FileManager cannot name entries that are not UTF-8, nor very deep ones.
    static func remove(_ dirs: URL...) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/rm")
        p.arguments = ["-rf"] + dirs.map(\.path)
        try? p.run()
        p.waitUntilExit()
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func link(_ name: String, to target: String, in dir: URL) throws {
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(name).path, withDestinationPath: target)
    }

    /// Creates a file whose name is raw bytes (not necessarily UTF-8) in `dir`.
    static func write(_ text: String, bytes name: [UInt8], in dir: String) {
        let path = (Array(dir.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        FileHandle(fileDescriptor: fd, closeOnDealloc: false).write(Data(text.utf8))
        close(fd)
    }

    /// Runs the tool, killed after 20 seconds (the old walk could run for ever).
    static func run(_ arguments: [String], in directory: URL? = nil, stdin: String? = nil,
                    environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(["-s", "KILL", "20", CLI.executable.path] + arguments, stdin: stdin, environment: environment,
                    directory: directory, executable: URL(fileURLWithPath: "/usr/bin/timeout"))
    }

    // MARK: - test --generate -o

    /// `-o` that names no file trapped in `relativePath` (SIGILL); now a usage error.
    @Test(arguments: [".", "", "./", "/", "policies/", "fixtures"])
    func generateOutputThatIsNoFile(output: String) throws {
        let policy = output == "/" ? Self.payments.path : "policies/payments.yaml"
        let r = try Self.run(["test", "--generate", policy, "-o", output])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("-o needs a file name"), "\(r.stderr)")
    }

    /// An absolute policy path is written as a relative one: test files name policies
    /// relative to themselves.
    @Test func generateWritesARelativePolicyPath() throws {
        let dir = try Self.folder("gen")
        defer { Self.remove(dir) }
        try FileManager.default.copyItem(at: Self.payments, to: dir.appendingPathComponent("p.yaml"))
        let out = dir.appendingPathComponent("tests/p.test.yaml")
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        let g = try Self.run(["test", "--generate", dir.appendingPathComponent("p.yaml").path, "-o", "tests/p.test.yaml"], in: dir)
        #expect(g.status == 0, "\(g.stderr)")
        #expect(try String(contentsOf: out, encoding: .utf8).contains("\npolicy: \"../p.yaml\"\n"))
        let t = try Self.run(["test", "tests/p.test.yaml"], in: dir)
        #expect(t.status == 0, "\(t.stdout)\(t.stderr)")
    }

    // MARK: - walks stay inside the folder given

    /// A link to a folder outside made lint print a secret from a file there.
    @Test func walkDoesNotFollowLinksOutside() throws {
        let dir = try Self.folder("walk"), outside = try Self.folder("outside")
        defer { Self.remove(dir, outside) }
        try FileManager.default.copyItem(at: Self.payments, to: dir.appendingPathComponent("good.yaml"))
        try Self.write("token: SECRET-abc123\n", "secret.yaml", in: outside)
        try Self.link("out", to: outside.path, in: dir)
        try Self.link("leak.yaml", to: outside.appendingPathComponent("secret.yaml").path, in: dir)
        try Self.link("environ.yaml", to: "/proc/self/environ", in: dir)
        // Inside the tree: a link to a file is read; a linked folder is read once, as itself.
        try Self.link("inside.yaml", to: "good.yaml", in: dir)
        try Self.write(try String(contentsOf: Self.payments, encoding: .utf8), "sub/two.yaml", in: dir)
        try Self.link("alias", to: "sub", in: dir)

        let r = try Self.run(["lint", "--strict", "--format", "json", dir.path], environment: ["CI_SECRET": "env-secret-42"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(!r.stdout.contains("SECRET-abc123") && !r.stdout.contains("env-secret-42"), "\(r.stdout)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["files"] as? [String] == ["good.yaml", "inside.yaml", "sub/two.yaml"].map { dir.path + "/" + $0 })
        let notes = try #require(json["diagnostics"] as? [[String: Any]]).filter { $0["code"] as? String == "HP111" }
        let byFile = Dictionary(notes.map { (($0["file"] as? String ?? "").replacingOccurrences(of: dir.path + "/", with: ""),
                                             "\($0["severity"] ?? "") \($0["message"] ?? "")") }, uniquingKeysWith: { $0 + " | " + $1 })
        #expect(Set(byFile.keys) == ["out", "leak.yaml", "environ.yaml"], "\(byFile)")
        #expect(byFile["out"] == "note skipped \(dir.path)/out: a symlink to \(outside.path), which leads outside \(dir.path): not followed")
        #expect(byFile["environ.yaml"]?.contains("a symlink to /proc/self/environ, which leads outside") == true, "\(byFile)")

        let text = try Self.run(["lint", dir.path], environment: ["CI_SECRET": "env-secret-42"])
        #expect(!text.stdout.contains("SECRET-abc123") && !text.stdout.contains("env-secret-42"), "\(text.stdout)")
    }

    /// `DIR/rootlink -> /` made lint walk the whole file system (and `/proc/self` too).
    @Test func walkDoesNotEnterTheFileSystem() throws {
        let dir = try Self.folder("root")
        defer { Self.remove(dir) }
        try FileManager.default.copyItem(at: Self.payments, to: dir.appendingPathComponent("good.yaml"))
        try Self.link("rootlink", to: "/", in: dir)
        try Self.link("self", to: "/proc/self", in: dir)
        let r = try Self.run(["lint", dir.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("note[HP111]: skipped \(dir.path)/rootlink: a symlink to /, which leads outside \(dir.path): not followed"), "\(r.stdout)")
        #expect(r.stdout.contains("skipped \(dir.path)/self: a symlink to /proc/self, which leads outside"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("1 file checked: 0 errors, 0 warnings, 3 notes\n"), "\(r.stdout)")
    }

    /// Symlinked folders that lead to the same folders many ways: each folder is read once,
    /// so 2^24 paths do not mean 2^24 reads.
    @Test func linkedFoldersAreReadOnce() throws {
        let dir = try Self.folder("dag")
        defer { Self.remove(dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("f24"), withIntermediateDirectories: true)
        for i in 0..<24 {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("f\(i)"), withIntermediateDirectories: true)
            try Self.link("f\(i)/a", to: "../f\(i + 1)", in: dir)
            try Self.link("f\(i)/b", to: "../f\(i + 1)", in: dir)
        }
        try FileManager.default.copyItem(at: Self.payments, to: dir.appendingPathComponent("f24/p.yaml"))
        let r = try Self.run(["lint", dir.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("1 file checked"), "\(r.stdout)")
    }

    /// `test` finds no test file outside the folder it was given: a link out is an error
    /// naming it (a test that was not run must not pass).
    @Test func testWalkStaysInside() throws {
        let dir = try Self.folder("testwalk"), outside = try Self.folder("testout")
        defer { Self.remove(dir, outside) }
        try FileManager.default.copyItem(at: Self.payments, to: dir.appendingPathComponent("p.yaml"))
        try Self.write(Self.passing, "t.test.yaml", in: dir)
        try FileManager.default.copyItem(at: Self.payments, to: outside.appendingPathComponent("p.yaml"))
        try Self.write(Self.passing, "evil.test.yaml", in: outside)
        try Self.link("out", to: outside.path, in: dir)
        let r = try Self.run(["test", dir.path])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(!r.stdout.contains("evil.test.yaml"), "\(r.stdout)")
        #expect(r.stdout.contains("not searched for test files: a symlink to \(outside.path), which leads outside \(dir.path)"), "\(r.stdout)")
    }

    // MARK: - names that are not UTF-8, folders too deep

    @Test func namesThatAreNotUTF8AreReported() throws {
        let dir = try Self.folder("bytes")
        defer { Self.remove(dir) }
        try FileManager.default.copyItem(at: Self.payments, to: dir.appendingPathComponent("good.yaml"))
        Self.write("version: 1\nname: evil\ncapabilities: {a: sometimes}\n", bytes: Array("evil".utf8) + [0xFF] + Array(".yaml".utf8), in: dir.path)
        #expect(mkdir((Array(dir.path.utf8) + Array("/sub".utf8) + [0xFE, 0]).map { CChar(bitPattern: $0) }, 0o755) == 0)
        Self.write("version: 1\n", bytes: Array("sub".utf8) + [0xFE] + Array("/p.yaml".utf8), in: dir.path)

        let strict = try Self.run(["lint", "--strict", dir.path])
        #expect(strict.status == 1, "\(strict.stdout)\(strict.stderr)")
        #expect(strict.stdout.contains("warning[HP111]: skipped \(dir.path)/evil\\xFF.yaml: a name that is not UTF-8"), "\(strict.stdout)")
        #expect(strict.stdout.contains("warning[HP111]: skipped \(dir.path)/sub\\xFE: a name that is not UTF-8"), "\(strict.stdout)")
        #expect(strict.stdout.contains("1 file checked: 0 errors, 2 warnings"), "\(strict.stdout)")
        let plain = try Self.run(["lint", dir.path])
        #expect(plain.status == 0, "\(plain.stdout)\(plain.stderr)")

        // `test`: a test file it cannot name is not run, and the run fails.
        try FileManager.default.moveItem(at: dir.appendingPathComponent("good.yaml"), to: dir.appendingPathComponent("p.yaml"))
        try Self.write(Self.passing, "ok.test.yaml", in: dir)
        Self.write(Self.failing, bytes: Array("bad".utf8) + [0xFF] + Array(".test.yaml".utf8), in: dir.path)
        let t = try Self.run(["test", dir.path])
        #expect(t.status == 2, "\(t.stdout)\(t.stderr)")
        #expect(t.stdout.contains("bad\\xFF.test.yaml"), "\(t.stdout)")
        #expect(t.stdout.contains("not run: a name that is not UTF-8"), "\(t.stdout)")
    }

    /// A policy 10,000 folders down was skipped with no word (and 2,100 down with a note that
    /// `--strict` passed).
    @Test func deepFoldersAreReported() throws {
        let dir = try Self.folder("deep")
        defer { Self.remove(dir) }
        try FileManager.default.copyItem(at: Self.payments, to: dir.appendingPathComponent("p.yaml"))
        try Self.write(Self.passing, "t.test.yaml", in: dir)
        var fd = open(dir.path, O_RDONLY | O_DIRECTORY)
        for _ in 0..<10_000 {
            #expect(mkdirat(fd, "d", 0o755) == 0)
            let next = openat(fd, "d", O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
        }
        for name in ["bad.yaml", "bad.test.yaml"] {
            let file = openat(fd, name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            FileHandle(fileDescriptor: file, closeOnDealloc: false).write(Data("version: 7\n".utf8))
            close(file)
        }
        close(fd)
        let strict = try Self.run(["lint", "--strict", dir.path])
        #expect(strict.status == 1, "\(strict.stdout.suffix(2000))\(strict.stderr)")
        #expect(strict.stdout.contains("warning[HP111]"), "\(strict.stdout.suffix(2000))")
        #expect(strict.stdout.contains("a folder more than 128 levels below \(dir.path): not walked"), "\(strict.stdout.suffix(2000))")
        #expect(try Self.run(["lint", dir.path]).status == 0)
        let t = try Self.run(["test", dir.path])
        #expect(t.status == 2, "\(t.stdout.suffix(2000))\(t.stderr)")
        #expect(t.stdout.contains("not searched for test files: a folder more than 128 levels below"), "\(t.stdout.suffix(2000))")
    }

    // MARK: - a test file's policy

    /// `policy:` naming a FIFO blocked for ever.
    @Test func policyThatIsAFIFO() throws {
        let dir = try Self.folder("fifo")
        defer { Self.remove(dir) }
        #expect(mkfifo(dir.appendingPathComponent("pipe.yaml").path, 0o644) == 0)
        try Self.write(Self.passing.replacingOccurrences(of: "p.yaml", with: "pipe.yaml"), "t.test.yaml", in: dir)
        let r = try Self.run(["test", "t.test.yaml"], in: dir)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("error[HP700]: the policy 'pipe.yaml' (pipe.yaml) is a FIFO (named pipe), not a regular file; not read"), "\(r.stdout)")
        let lint = try Self.run(["lint", "t.test.yaml"], in: dir)
        #expect(lint.status == 1, "\(lint.stdout)\(lint.stderr)")
        #expect(lint.stdout.contains("error[HP700]"), "\(lint.stdout)")
        let walked = try Self.run(["test", dir.path])
        #expect(walked.status == 2, "\(walked.stdout)\(walked.stderr)")
    }

    /// A test file could make CI print the environment, `/etc/passwd`, or a credentials file
    /// in the checkout (fixtures/tests/outside).
    @Test(arguments: [("environ", "is an absolute path"), ("passwd", "is outside the current folder"),
                      ("not-a-policy", "is not a policy file")])
    func policyOutsideOrNotAPolicyIsNotQuoted(fixture: String, says: String) throws {
        let r = try Self.run(["test", "fixtures/tests/outside/\(fixture).test.yaml"], environment: ["CI_SECRET": "env-secret-42"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("error[HP700]") && r.stdout.contains(says), "\(r.stdout)")
        for secret in ["env-secret-42", "root:x:0", "fixture-secret-7f3a9c", "DEPLOY_TOKEN"] {
            #expect(!r.stdout.contains(secret) && !r.stderr.contains(secret), "\(r.stdout)\(r.stderr)")
        }
        let lint = try Self.run(["lint", "fixtures/tests/outside/\(fixture).test.yaml"], environment: ["CI_SECRET": "env-secret-42"])
        #expect(lint.status == 1 && lint.stdout.contains("error[HP700]"), "\(lint.stdout)\(lint.stderr)")
    }

    /// A policy that is a symlink: to a file inside the tree it is read; to one outside it is
    /// refused, not read and not quoted.
    @Test func policyThatIsASymlink() throws {
        let dir = try Self.folder("plink")
        defer { Self.remove(dir) }
        try Self.write(try String(contentsOf: Self.payments, encoding: .utf8), "real/p.yaml", in: dir)
        try Self.link("p.yaml", to: "real/p.yaml", in: dir)
        try Self.write(Self.passing, "inside.test.yaml", in: dir)
        let ok = try Self.run(["test", "inside.test.yaml"], in: dir)
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")

        try Self.link("env.yaml", to: "/proc/self/environ", in: dir)
        try Self.link("etc", to: "/etc", in: dir)
        for (name, policy) in [("env", "env.yaml"), ("passwd", "etc/passwd")] {
            try Self.write(Self.passing.replacingOccurrences(of: "p.yaml", with: policy), "\(name).test.yaml", in: dir)
            let r = try Self.run(["test", "\(name).test.yaml"], in: dir, environment: ["CI_SECRET": "env-secret-42"])
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.contains("leads outside the current folder"), "\(r.stdout)")
            #expect(!r.stdout.contains("env-secret-42") && !r.stdout.contains("root:x:0"), "\(r.stdout)")
        }
    }

    /// Which folder a test file's policy must lie in: the folder walked; for a test file named
    /// by itself, the current folder when it lies there, else its own folder; for `-`, the
    /// current folder.
    @Test func theFolderBeingTested() throws {
        let dir = try Self.folder("which")
        defer { Self.remove(dir) }
        try FileManager.default.copyItem(at: Self.payments, to: dir.appendingPathComponent("p.yaml"))
        let up = Self.passing.replacingOccurrences(of: "p.yaml", with: "../p.yaml")
        try Self.write(up, "tests/t.test.yaml", in: dir)
        let sub = dir.appendingPathComponent("tests")

        #expect(try Self.run(["test", "tests/t.test.yaml"], in: dir).status == 0)
        #expect(try Self.run(["test", dir.path]).status == 0)
        // The folder walked is the tree: `..` leaves it.
        let walked = try Self.run(["test", "tests"], in: dir)
        #expect(walked.status == 2 && walked.stdout.contains("is outside tests, the folder being tested"), "\(walked.stdout)")
        let here = try Self.run(["test", "t.test.yaml"], in: sub)
        #expect(here.status == 2 && here.stdout.contains("is outside the current folder"), "\(here.stdout)")
        // Named from elsewhere: its own folder.
        let elsewhere = try Self.run(["test", sub.appendingPathComponent("t.test.yaml").path])
        #expect(elsewhere.status == 2 && elsewhere.stdout.contains("is outside the test file's folder"), "\(elsewhere.stdout)")
        #expect(try Self.run(["test", dir.appendingPathComponent("p.test.yaml").path]).status == 2)   // missing file
        try Self.write(Self.passing, "p.test.yaml", in: dir)
        #expect(try Self.run(["test", dir.appendingPathComponent("p.test.yaml").path]).status == 0)
        // Standard input: the current folder.
        #expect(try Self.run(["test", "-"], in: dir, stdin: Self.passing).status == 0)
        let stdin = try Self.run(["test", "-"], in: sub, stdin: up)
        #expect(stdin.status == 2 && stdin.stdout.contains("is outside the current folder"), "\(stdin.stdout)")
    }

    /// A shell glob (`lint policies/*.yaml`) names whatever a pull request put there: a path
    /// named inside the current folder that leads outside it through a symlink is not read,
    /// by any command.
    @Test func namedLinkOutsideIsNotRead() throws {
        let dir = try Self.folder("named")
        defer { Self.remove(dir) }
        try FileManager.default.copyItem(at: Self.payments, to: dir.appendingPathComponent("p.yaml"))
        try Self.link("env.yaml", to: "/proc/self/environ", in: dir)
        try Self.link("env.test.yaml", to: "/proc/self/environ", in: dir)
        try Self.link("etc", to: "/etc", in: dir)
        for args in [["lint", "p.yaml", "env.yaml"], ["eval", "--policy", "env.yaml", "-"], ["test", "env.test.yaml"],
                     ["compile", "env.yaml"], ["lint", "etc"], ["lint", "etc/passwd"]] {
            let r = try Self.run(args, in: dir, stdin: "{}\n", environment: ["CI_SECRET": "env-secret-42"])
            #expect(r.status == 2, "\(args): \(r.stdout)\(r.stderr)")
            #expect((r.stdout + r.stderr).contains("leads outside the current folder"), "\(args): \(r.stdout)\(r.stderr)")
            #expect(!(r.stdout + r.stderr).contains("env-secret-42") && !(r.stdout + r.stderr).contains("root:x:0"), "\(args)")
        }
        // A path spelled outside the current folder is the caller's own choice.
        let named = try Self.run(["lint", Self.payments.path], in: dir)
        #expect(named.status == 0, "\(named.stdout)\(named.stderr)")
    }
}
