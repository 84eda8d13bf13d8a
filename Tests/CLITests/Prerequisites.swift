import Foundation
import Testing

/// Tools some CLI tests run besides the binary. A test whose tool is missing fails saying
/// exactly what to install, instead of blaming the output it could not check.
enum Prerequisite: String {
    case git
    case jsonschema
    case rsvg

    /// The command that checks for the tool.
    var probe: [String] {
        switch self {
        case .git: ["git", "--version"]
        case .jsonschema: ["python3", "-c", "import jsonschema"]
        case .rsvg: ["rsvg-convert", "--version"]
        }
    }

    /// What to install, in the words README's install step uses.
    var install: String {
        switch self {
        case .git: "git (Debian/Ubuntu: apt-get install git)"
        case .jsonschema: "Python 3 with the jsonschema module (Debian/Ubuntu: apt-get install python3-jsonschema; elsewhere: python3 -m pip install jsonschema)"
        case .rsvg: "rsvg-convert, to render SVG charts (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg)"
        }
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// Throws, naming what to install, when the tool is missing (the test fails with it).
    func require() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = probe
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        var ok = false
        if (try? p.run()) != nil {
            p.waitUntilExit()
            ok = p.terminationStatus == 0
        }
        guard !ok else { return }
        throw Missing(description: "missing test prerequisite: this test needs \(install)")
    }
}

extension CLI {
    /// Runs git in `dir` with a fixed identity (for tests that make a repository); a failing
    /// git command is a test failure.
    static func git(_ args: [String], in dir: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + args
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "git \(args)")
    }
}

extension CLI {
    /// Renders an SVG chart to PNG with rsvg-convert (a missing rsvg-convert fails the test
    /// naming what to install) and checks it rendered: exit 0 and a PNG of some substance.
    static func expectRenders(_ svg: URL) throws {
        try Prerequisite.rsvg.require()
        let png = svg.deletingPathExtension().appendingPathExtension("png")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["rsvg-convert", "-o", png.path, svg.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.count > 10_000 && bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
