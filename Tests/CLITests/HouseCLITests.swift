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
}
