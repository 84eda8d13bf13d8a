import Foundation
import Testing

/// Paths inside the repository, found from this source file (tests run from any directory).
enum Repo {
    /// The repository root: this file is Tests/HITLPolicyTests/Support/Repo.swift.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relative)))
    }

    static func files(in folder: String, ext: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(folder).path)
            .filter { $0.hasSuffix("." + ext) }.sorted().map { "\(folder)/\($0)" }
    }

    /// The policies in `folder` (`*.yaml` without the `*.test.yaml` test files beside them).
    static func policies(in folder: String) throws -> [String] {
        try files(in: folder, ext: "yaml").filter { !$0.hasSuffix(".test.yaml") }
    }
}

/// Golden-file comparison: a mismatch fails with a unified diff; `RECORD=1` rewrites the
/// file and still fails, so a recorded change is always reviewed.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD"] == "1" }

    static func check(_ actual: String, against relative: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = Repo.url(relative)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected == actual { return }
        if recording {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(relative); re-run without RECORD=1", sourceLocation: sourceLocation)
            return
        }
        guard let expected else {
            Issue.record("golden file \(relative) is missing; run with RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        Issue.record("\(relative) differs from the output:\n\(unifiedDiff(expected, actual))", sourceLocation: sourceLocation)
    }

    static func unifiedDiff(_ a: String, _ b: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (x, y) = (dir.appendingPathComponent("expected"), dir.appendingPathComponent("actual"))
        try? a.write(to: x, atomically: true, encoding: .utf8)
        try? b.write(to: y, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["diff", "-u", x.path, y.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        guard (try? p.run()) != nil else { return "--- expected\n\(a)\n+++ actual\n\(b)" }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: out, as: UTF8.self)
    }
}
