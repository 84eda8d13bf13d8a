import Foundation
import Testing

/// The library's house targets (README, "Layout"): rooms depend one way, no room over 2,000
/// lines, at most 8 public types outside `API/`. `scripts/folder-graph.py --check` measures
/// them; a change that misses one fails here, with the script's report as the message.
@Suite struct HouseCLITests {
    @Test func houseTargetsHold() throws {
        let r = try CLI.shell("python3 scripts/folder-graph.py --check")
        #expect(r.status == 0, "scripts/folder-graph.py --check: \(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("house targets met"))
        #expect(r.stdout.contains("no cycles"))
    }

    /// README's "Layout" names every folder of the library, so a new room is described
    /// where a newcomer looks first.
    @Test func readmeLayoutListsEveryFolder() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let library = CLI.root.appendingPathComponent("Sources/HITLPolicy")
        let folders = try FileManager.default.contentsOfDirectory(atPath: library.path).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: library.appendingPathComponent($0).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        #expect(folders.count > 10)
        for folder in folders.sorted() {
            #expect(readme.contains("\n  \(folder)/"), "README's Layout does not list Sources/HITLPolicy/\(folder)/")
        }
    }
}
