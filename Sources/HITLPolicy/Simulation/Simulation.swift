/// `simulate`: reads a log once, deciding each action with the policy, keeps the routing
/// counts and per queue each approval's arrival (sixteen bytes, in a temporary file once
/// there are more than a few thousand), then replays the queues (SPEC §8). Lines out of time
/// order are put in order within a window of `SortWindow.defaultLimit` approvals per queue;
/// an approval further out of order stops the run with an error naming its line.
package enum Simulation {
    /// Why a simulation could not run.
    package struct Failure: Error, Sendable {
        package var message: String
    }

    /// At most this many notes about single lines are kept (the rest are counted).
    static let maxNotes = 20

    /// Reads every line into `traffic`: batches of lines are read by `workers` threads (each
    /// with its own decider) and counted here in line order, so the result is the same
    /// whatever the number of threads; with one worker, or when threads cannot start, all on
    /// this thread. At most two batches per thread are in flight: memory stays flat.
    static func read(_ reader: inout ChunkReader, into traffic: inout Traffic, policy: CompiledPolicy, workers: Int) {
        let deciders = (0..<max(workers, 1)).map { _ in policy.takeDecider() }
        defer { for d in deciders { policy.give(d) } }
        let readers = deciders.map { SimulationReader(decider: $0, queues: traffic.names, currency: traffic.currency) }
        let pool = workers > 1 ? EvaluationPool<SimulationBatch>(workers: readers) : nil
        defer { pool?.shutdown() }
        let batches = (0..<(2 * readers.count)).map { _ in SimulationBatch() }
        var next = 0, inFlight = 0
        func collect() {
            let batch = batches[(next - inFlight + batches.count) % batches.count]
            pool?.wait(for: batch)
            traffic.add(batch, policy: policy)
            inFlight -= 1
        }
        func submit() {
            let batch = batches[next]
            if let p = pool { p.submit(batch) } else {
                batch.run(with: readers[0])
                batch.done = true
            }
            next = (next + 1) % batches.count
            inFlight += 1
            if inFlight == batches.count { collect() }
            batches[next].reset()
        }
        batches[0].reset()
        var number = 0
        while let line = reader.nextLine(limit: ActionStream.maxLine) {
            number += 1
            let batch = batches[next]
            guard case .line(let r) = line else {
                batch.appendTooLong(number: number)
                if batch.isFull { submit() }
                continue
            }
            let added = reader.buffer.withUnsafeBufferPointer { b -> Bool in
                let line = UnsafeBufferPointer(rebasing: b[r])
                // A line that starts an object is not blank: no need to look further.
                guard line.first == 0x7B || !ChunkReader.isBlank(line) else { return false }
                batch.append(line, number: number)
                return true
            }
            if added, batch.isFull { submit() }
        }
        if !batches[next].spans.isEmpty { submit() }
        while inFlight > 0 { collect() }
    }

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
        read(&reader, into: &traffic, policy: policy, workers: ActionStream.availableWorkers)
        if let e = reader.error { return .failure(Failure(message: "\(log): \(e)")) }
        if let failure = traffic.failure { return .failure(Failure(message: "\(log): \(failure)")) }
        traffic.finish()
        return .success(traffic.report(table: table, log: log, options: options))
    }
}
