#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Independent computations on up to `workers` threads (the queues' capacity searches):
/// each result in its place, so the outcome does not depend on the threads.
enum ParallelMap {
    private final class Results<T>: @unchecked Sendable {
        var values: [T?]
        var next = 0
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        init(count: Int) {
            values = Array(repeating: nil, count: count)
            pthread_mutex_init(lock, nil)
        }
        deinit {
            pthread_mutex_destroy(lock)
            lock.deallocate()
        }
        /// The next index to compute, or nil when all are taken.
        func take() -> Int? {
            pthread_mutex_lock(lock)
            defer { pthread_mutex_unlock(lock) }
            guard next < values.count else { return nil }
            next += 1
            return next - 1
        }
        func put(_ k: Int, _ v: T) {
            pthread_mutex_lock(lock)
            values[k] = v
            pthread_mutex_unlock(lock)
        }
    }

    /// `body(k)` for each `k` in `0..<count`, on this thread and up to `workers - 1` more.
    static func map<T>(_ count: Int, workers: Int, _ body: @escaping (Int) -> T) -> [T] {
        let results = Results<T>(count: count)
        let work = {
            while let k = results.take() { results.put(k, body(k)) }
        }
        var threads: [pthread_t] = []
        for _ in 1..<max(1, min(workers, count)) {
            guard let t = PosixThread.start(work) else { break }
            threads.append(t)
        }
        work()
        for t in threads { pthread_join(t, nil) }
        return results.values.map { $0! }
    }
}
