import Foundation
import Testing

/// `lint` on folders holding things that are not regular files: a folder walk opens only
/// regular files and says, in a note, what it skipped and why; a path named on the command
/// line is read whatever it is (a pipe from `<(...)` included), and a loop or a broken link
/// there is an I/O error that says so.
@Suite("special files")
struct SpecialFilesCLITests {
    /// A folder with one good policy and every kind of entry a walk must not open.
    static func makeFolder() throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("hitl-special-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try fm.copyItem(at: CLI.root.appendingPathComponent("policies/payments.yaml"), to: dir.appendingPathComponent("good.yaml"))
        #expect(mkfifo(dir.appendingPathComponent("fifo.yaml").path, 0o644) == 0)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("dangling.yaml").path, withDestinationPath: "missing.yaml")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("loop.yaml").path, withDestinationPath: "loop.yaml")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        return dir
    }

    /// Runs the tool, killed after `seconds` (the old walk blocked forever on a FIFO).
    static func run(_ arguments: [String], seconds: Int = 20) throws -> CLI.Result {
        try CLI.run(["-s", "KILL", String(seconds), CLI.executable.path] + arguments, executable: URL(fileURLWithPath: "/usr/bin/timeout"))
    }

    @Test func folderWalkSkipsWhatIsNotARegularFile() throws {
        let dir = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run(["lint", "--strict", "--format", "json", dir.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["files"] as? [String] == [dir.path + "/good.yaml"])
        let notes = try #require(json["diagnostics"] as? [[String: Any]]).filter { $0["code"] as? String == "HP111" }
        let byFile = Dictionary(notes.map { (($0["file"] as? String ?? "").replacingOccurrences(of: dir.path + "/", with: ""),
                                             "\($0["code"] ?? "") \($0["severity"] ?? "") \($0["message"] ?? "")") },
                                uniquingKeysWith: { $0 + " | " + $1 })
        #expect(byFile["fifo.yaml"]?.hasPrefix("HP111 note") == true)
        #expect(byFile["fifo.yaml"]?.contains("a FIFO (named pipe), not a regular file") == true, "\(byFile)")
        #expect(byFile["dangling.yaml"]?.contains("a symlink to missing.yaml, which does not exist") == true, "\(byFile)")
        #expect(byFile["loop.yaml"]?.contains("a symlink loop") == true, "\(byFile)")
        #expect(byFile["sub/up"]?.contains("a symlink loop") == true, "\(byFile)")
        #expect(byFile.count == 4, "\(byFile)")
        let text = try Self.run(["lint", dir.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("note[HP111]: skipped \(dir.path)/fifo.yaml: a FIFO (named pipe), not a regular file"))
        // Four skipped entries and payments' own HP608 note.
        #expect(text.stdout.hasSuffix("1 file checked: 0 errors, 0 warnings, 5 notes\n"), "\(text.stdout)")
        let sarif = try Self.run(["lint", "--format", "sarif", dir.path])
        #expect(sarif.stdout.contains("HP111"))
    }

    @Test func namedLoopsAndBrokenLinksSaySo() throws {
        let dir = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let loop = try Self.run(["lint", dir.appendingPathComponent("loop.yaml").path])
        #expect(loop.status == 2)
        #expect(loop.stderr.contains("loop.yaml: a symlink loop"), "\(loop.stderr)")
        let dangling = try Self.run(["lint", dir.appendingPathComponent("dangling.yaml").path])
        #expect(dangling.status == 2)
        #expect(dangling.stderr.contains("dangling.yaml: a symlink to missing.yaml, which does not exist"), "\(dangling.stderr)")
    }

    /// A folder whose only entries are skipped has nothing to check: exit 2, saying why.
    @Test func folderWithOnlySkippedEntries() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-fifo-only-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(mkfifo(dir.appendingPathComponent("p.yaml").path, 0o644) == 0)
        let r = try Self.run(["lint", dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no *.yaml or *.yml files in this folder; skipped \(dir.path)/p.yaml: a FIFO"), "\(r.stderr)")
    }

    /// Process substitution passes a pipe (`/dev/fd/N`): named explicitly, it is read.
    @Test func namedPipeIsRead() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "'\(CLI.executable.path)' lint --strict <(cat policies/payments.yaml)"]
        p.currentDirectoryURL = CLI.root
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(String(decoding: data, as: UTF8.self))")
        #expect(String(decoding: data, as: UTF8.self).contains("1 file checked: 0 errors, 0 warnings"))
    }
}
