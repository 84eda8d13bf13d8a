import Foundation
@testable import HITLPolicy

extension DiffTraffic {
    /// `count` over a log given as bytes (written to a temporary file).
    static func count(log bytes: [UInt8], report: DiffReport, old: DecisionTable, new: DecisionTable) throws -> DiffTraffic {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hitl-traffic-\(UUID().uuidString).jsonl")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        return count(fd: fd, log: "log", report: report, old: old, new: new)
    }
}
