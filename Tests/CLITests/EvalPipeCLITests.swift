import Foundation
import Testing

/// Issue 10: `eval` on a pipe decides input that arrives in bulk with the worker threads,
/// like a file, and still answers an interactive writer line by line.
@Suite("eval on pipes")
struct EvalPipeCLITests {
    static let policy = "policies/payments.yaml"

    /// Mixed input: fixture actions, blank and bad lines, a line over the 4 MiB limit, a
    /// last line without a newline; about 7 MiB.
    static func mixedInput() throws -> String {
        let fixture = try String(contentsOf: CLI.root.appendingPathComponent("fixtures/actions/payments.jsonl"), encoding: .utf8)
        let lines = fixture.split(separator: "\n").map(String.init)
        var text = ""
        for k in 0..<12_000 {
            switch k % 97 {
            case 5: text += "\n"
            case 7: text += "   \r\n"
            case 11: text += "{\"capability\": \"refund\", oops}\n"
            case 13: text += "{\"capability\":\"refund\",\"amount\":\(k)}\n"
            default: text += lines[k % lines.count] + "\n"
            }
            if k == 6_000 { text += "{\"id\":\"" + String(repeating: "x", count: 5 << 20) + "\"}\n" }
        }
        return text + "{\"capability\":\"refund\",\"amount\":1}"
    }

    /// Runs `script` with `sh -c` in the repository root, `$0` being the built binary; its
    /// exit status.
    static func shell(_ script: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script, CLI.executable.path]
        p.currentDirectoryURL = CLI.root
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// The same bytes through `cat` as from the file, with worker threads, `--explain` and
    /// `--exit-code`: same decisions, same order, same line numbers, same status.
    @Test(arguments: [[], ["--explain"]])
    func bulkPipeDecidesLikeAFile(_ options: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("many.jsonl")
        try Data(Self.mixedInput().utf8).write(to: file)
        let flags = (options + ["--exit-code"]).joined(separator: " ")
        let fromFile = try Self.shell("\"$0\" eval --policy \(Self.policy) \(flags) --jobs 1 '\(file.path)' >'\(dir.path)/file.out'")
        let piped = try Self.shell("cat '\(file.path)' | \"$0\" eval --policy \(Self.policy) \(flags) --jobs 3 - >'\(dir.path)/pipe.out'")
        let stdin = try Self.shell("cat '\(file.path)' | \"$0\" eval --policy \(Self.policy) \(flags) --jobs 2 >'\(dir.path)/stdin.out'")
        #expect(fromFile == 5 && piped == 5 && stdin == 5)   // some lines are invalid
        let expected = try Data(contentsOf: dir.appendingPathComponent("file.out"))
        #expect(expected.count > 1_000_000)
        #expect(try Data(contentsOf: dir.appendingPathComponent("pipe.out")) == expected)
        #expect(try Data(contentsOf: dir.appendingPathComponent("stdin.out")) == expected)
    }

    /// Reads decision lines from `fd` until `count` arrived or `seconds` passed.
    static func readLines(_ count: Int, from fd: Int32, seconds: Double) -> [Substring] {
        var got: [UInt8] = []
        var newlines = 0
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while newlines < count {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { break }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            newlines += buffer[0..<n].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            got += buffer[0..<n]
        }
        return String(decoding: got, as: UTF8.self).split(separator: "\n")
    }

    /// An agent writes one action and waits for its decision, with threads allowed; then a
    /// burst of 30,000 actions is answered in full while the pipe stays open, in order, and
    /// the writer still gets each later answer before writing the next action.
    @Test func interactivePipeAnswersEveryLineBeforeTheNext() throws {
        let p = Process()
        p.executableURL = CLI.executable
        p.arguments = ["eval", "--policy", Self.policy, "--jobs", "4"]
        p.currentDirectoryURL = CLI.root
        let inp = Pipe(), out = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        signal(SIGPIPE, SIG_IGN)
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        let reader = out.fileHandleForReading.fileDescriptor
        func action(_ id: String) -> String { "{\"id\":\"\(id)\",\"capability\":\"refund\",\"amount\":\(id.count)}\n" }
        func ask(_ id: String) throws {
            try inp.fileHandleForWriting.write(contentsOf: Data(action(id).utf8))
            let got = Self.readLines(1, from: reader, seconds: 10)
            #expect(got.count == 1 && got.first?.contains("\"id\":\"\(id)\"") == true, "\(id): \(got)")
        }
        for k in 0..<20 { try ask("one-\(k)") }
        // The burst is written from another thread: the answers must be read meanwhile.
        let burst = Data((0..<30_000).map { action("b-\($0)") }.joined().utf8)
        let writer = inp.fileHandleForWriting
        let written = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? writer.write(contentsOf: burst)
            written.signal()
        }
        let answers = Self.readLines(30_000, from: reader, seconds: 60)
        written.wait()
        #expect(answers.count == 30_000)
        #expect(answers.enumerated().allSatisfy { $0.element.hasPrefix("{\"id\":\"b-\($0.offset)\"") })
        for k in 0..<20 { try ask("after-\(k)") }
        try inp.fileHandleForWriting.close()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }
}
