import Foundation
import Testing

/// `eval` as a stream: answers through a live pipe whatever came before, statuses that never
/// claim more than was written, and bounded output from the worker threads.
@Suite("eval streams")
struct EvalStreamCLITests {
    static let policy = "policies/payments.yaml"
    static let disabled = "{\"capability\":\"close_account\"}"
    static let autonomous = "{\"capability\":\"lookup_order\",\"confidence\":0.99,\"reversible\":true,\"tags\":[]}"

    static func shell(_ script: String) throws -> CLI.Result { try CLI.shell(script) }

    /// Reads from `fd` until `lines` newlines arrived or `seconds` passed.
    static func read(lines: Int, from fd: Int32, seconds: Double) -> String {
        var got: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while got.filter({ $0 == 0x0A }).count < lines {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { break }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            got += buffer[0..<n]
        }
        return String(decoding: got, as: UTF8.self)
    }

    /// Issue 14.8: a first line that ends inside a JSON value does not hold back the
    /// decisions for the lines after it while the pipe stays open.
    @Test(arguments: ["{\"capability\":", "{", "[1,"])
    func incompleteFirstLineDoesNotHoldBackAPipe(_ first: String) throws {
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = ["eval", "--policy", Self.policy]
        p.currentDirectoryURL = CLI.root
        let inp = Pipe(), out = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        inp.fileHandleForWriting.write(Data((first + "\n{\"id\":\"second\",\"capability\":\"lookup_order\"}\n").utf8))
        let got = Self.read(lines: 2, from: out.fileHandleForReading.fileDescriptor, seconds: 10)
        let lines = got.split(separator: "\n")
        #expect(lines.count == 2, "\(got)")
        #expect(lines.first?.contains("\"line\":1,\"decision\":\"invalid\"") == true, "\(got)")
        #expect(lines.last?.contains("\"id\":\"second\"") == true, "\(got)")
        try inp.fileHandleForWriting.close()
    }

    /// Issue 14.5: when standard output is closed or full, `--exit-code` reports the decisions
    /// made (never 0 for a disabled action), and without it the status is 2: quiet for a
    /// closed pipe, with a message for any other write failure.
    @Test func failedWritesNeverReportSuccess() throws {
        let run = "printf '%s\\n' '\(Self.disabled)' | \"$0\" eval --policy \(Self.policy)"
        for redirect in [">&-", ">/dev/full"] {
            let coded = try Self.shell("\(run) --exit-code \(redirect)")
            #expect(coded.status == 4, "\(redirect): \(coded.stderr)")
            let plain = try Self.shell("\(run) \(redirect)")
            #expect(plain.status == 2, "\(redirect)")
            #expect(plain.stderr.contains("hitl-policy: error: standard output:"), "\(redirect): \(plain.stderr)")
        }
        // An autonomous action whose decision could not be written is no go-ahead: 2, never 0
        // (JSON and text formats, full and closed output).
        for format in ["json", "text"] {
            for redirect in [">/dev/full", ">&-"] {
                let auto = try Self.shell("printf '%s\\n' '\(Self.autonomous)' | \"$0\" eval --policy \(Self.policy) --format \(format) --exit-code \(redirect)")
                #expect(auto.status == 2, "\(format) \(redirect): \(auto.stderr)")
            }
        }
        // The worker threads: a large file to a full device.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("many.jsonl")
        try Data(String(repeating: Self.autonomous + "\n", count: 30_000).appending(Self.disabled + "\n").utf8).write(to: file)
        let threaded = try Self.shell("\"$0\" eval --policy \(Self.policy) --jobs 3 --exit-code '\(file.path)' >/dev/full")
        #expect(threaded.status == 4 || threaded.status == 5, "\(threaded.stderr)")
        let threadedPlain = try Self.shell("\"$0\" eval --policy \(Self.policy) --jobs 3 '\(file.path)' >/dev/full")
        #expect(threadedPlain.status == 2)
    }

    /// Issue 14.5: a reader that closes the pipe early ends the program quietly, with a
    /// status that does not claim the later actions were autonomous.
    @Test(arguments: [false, true])
    func earlyClosingReader(_ exitCode: Bool) throws {
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = ["eval", "--policy", Self.policy] + (exitCode ? ["--exit-code"] : [])
        p.currentDirectoryURL = CLI.root
        let inp = Pipe(), out = Pipe(), err = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = err
        signal(SIGPIPE, SIG_IGN)
        try p.run()
        inp.fileHandleForWriting.write(Data((Self.autonomous + "\n").utf8))
        let first = Self.read(lines: 1, from: out.fileHandleForReading.fileDescriptor, seconds: 10)
        #expect(first.contains("\"decision\":\"autonomous\""))
        try out.fileHandleForReading.close()
        for _ in 0..<200 { try? inp.fileHandleForWriting.write(contentsOf: Data((Self.disabled + "\n").utf8)) }
        try? inp.fileHandleForWriting.close()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit)
        #expect(exitCode ? [4, 5].contains(p.terminationStatus) : p.terminationStatus == 2, "\(p.terminationStatus)")
        #expect(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).isEmpty)
    }

    /// Issue 14.6: 20,000 short lines whose amounts are huge (`1e99999` euros, converted
    /// exactly) used to render 100,000 digits into every band's detail and hold whole batches
    /// of that: gigabytes. Under a 1.5 GB address-space limit the worker threads must finish.
    @Test(arguments: [false, true])
    func hugeAmountsStayInBoundedMemory(_ explain: Bool) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("huge.jsonl")
        let line = "{\"capability\":\"refund\",\"amount\":{\"value\":1e99999,\"currency\":\"EUR\"}}\n"
        try Data(String(repeating: line, count: 20_000).utf8).write(to: file)
        let r = try Self.shell("ulimit -v 1500000; exec \"$0\" eval --policy \(Self.policy) --jobs 4 \(explain ? "--explain " : "")'\(file.path)' >/dev/null")
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
    }

    /// Issue 14.6: lines whose decisions are far longer than the lines (explain on a large
    /// policy row, huge numbers) are handed over in bounded pieces by the workers, and the
    /// output is still byte for byte what one thread writes.
    @Test func threadsWithLongDecisionsDecideLikeOneThread() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = ""
        for k in 0..<9_000 {
            switch k % 5 {
            case 0: text += "{\"capability\":\"refund\",\"amount\":{\"value\":1e99999,\"currency\":\"EUR\"}}\n"
            case 1: text += "{\"id\":\(k),\"capability\":\"refund\",\"confidence\":1e-99999}\n"
            case 2: text += "{\"capability\":\"refund\"}\n"
            case 3: text += "\n"
            default: text += "{\"capability\":\"refund\",\"amount\":\(k)}\n"
            }
            if k == 4_000 { text += "{\"capability\":\"refund\",\"pad\":\"" + String(repeating: "p", count: 300_000) + "\"}\n" }
        }
        let file = dir.appendingPathComponent("long.jsonl")
        try Data(text.utf8).write(to: file)
        let one = try CLI.run(["eval", "--policy", Self.policy, "--explain", "--jobs", "1", file.path])
        let many = try CLI.run(["eval", "--policy", Self.policy, "--explain", "--jobs", "4", file.path])
        #expect(one.status == 0 && many.status == 0)
        #expect(one.stdout.utf8.count > 8_000_000)
        #expect(one.stdout == many.stdout)
        #expect(many.stdout.split(separator: "\n").count == 9_000 - 9_000 / 5 + 1)
    }
}
