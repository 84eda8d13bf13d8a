/// `simulate`: reads a log once, deciding each action with the policy, keeps per queue only
/// each approval's arrival (sixteen bytes) and the routing counts, then replays the queues
/// (SPEC §8). Lines out of time order are fine: each queue's arrivals are sorted before the
/// replay, so the log need not be sorted at all.
package enum Simulation {
    /// Why a simulation could not run.
    package struct Failure: Error, Sendable {
        package var message: String
    }

    /// At most this many notes about single lines are kept (the rest are counted).
    static let maxNotes = 20

    /// Reads the JSON Lines at `fd` (`log` names it) and simulates `table` on them.
    package static func run(table: DecisionTable, fd: Int32, log: String, options: SimulationOptions) -> Result<SimulationReport, Failure> {
        let policy: CompiledPolicy
        do throws(CompiledPolicy.Undecidable) {
            policy = try CompiledPolicy(table: table)
        } catch {
            return .failure(Failure(message: error.message))
        }
        var traffic = Traffic(table: table)
        var reader = ChunkReader(fd: fd)
        var number = 0
        while let next = reader.nextLine(limit: ActionStream.maxLine) {
            number += 1
            guard case .line(let r) = next else {
                traffic.tooLong(line: number)
                continue
            }
            guard !reader.isBlank(r) else { continue }
            let body = reader.buffer[r]
            traffic.add(Array(body.dropFirst(ByteOrderMark.length(body))), line: number, policy: policy)
        }
        if let e = reader.error { return .failure(Failure(message: "\(log): \(e)")) }
        return .success(traffic.report(table: table, log: log, options: options))
    }
}
