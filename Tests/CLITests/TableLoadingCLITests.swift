import Foundation
import Testing

/// Loading `--policy` stays within a small multiple of the file's size: junk that names the
/// table format is refused at its first key, and a device that never ends is read only up
/// to YAML's bound. Each run has its address space capped (`ulimit -v`), so a loader that
/// builds a tree of the whole file fails.
@Suite("loading a compiled table")
struct TableLoadingCLITests {
    /// Runs the tool under `ulimit -v` (KiB), with standard input from /dev/null.
    static func capped(_ arguments: [String], kilobytes: Int = 600_000) throws -> CLI.Result {
        let quoted = ([CLI.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -v \(kilobytes); exec \(quoted) </dev/null"]
        p.currentDirectoryURL = CLI.root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        return CLI.finish(p, out: out, err: err)
    }

    /// The cap itself leaves room for a normal run.
    @Test func capAllowsANormalRun() throws {
        let r = try Self.capped(["eval", "--policy", "policies/payments.yaml", "fixtures/actions/payments.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func junkNamingTheFormatIsRefusedCheaply() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("junk-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        // 48 MB: one long array of small numbers (the costliest shape for a JSON tree), then the marker.
        var bytes = Array("{\"nodes\":[".utf8)
        bytes.reserveCapacity(48_000_100)
        while bytes.count < 48_000_000 { bytes += Array("0,1,2,3,4,5,6,7,".utf8) }
        bytes += Array("0],\"format\":\"hitl-policy-table\"}\n".utf8)
        try Data(bytes).write(to: file)
        for command in [["eval", "--policy", file.path], ["diff", file.path, file.path]] {
            let r = try Self.capped(command)
            #expect(r.status == 2 || r.status == 1, "\(command[0]): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("not a valid compiled table (wrong type at nodes[0]: expected an object)"), "\(command[0]): \(r.stderr)")
        }
    }

    @Test func endlessDeviceStopsAtTheYAMLBound() throws {
        let r = try Self.capped(["eval", "--policy", "/dev/zero"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr == "hitl-policy: error: /dev/zero: larger than 8388608 bytes\n", "\(r.stderr)")
    }
}
