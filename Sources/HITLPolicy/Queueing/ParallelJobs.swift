#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Independent computations numbered `0..<count` (the queues' capacity searches), each
/// handed in when it can start and run on up to `workers - 1` threads of their own, the
/// caller's thread joining in at `results()`: each result in its place, so the outcome does
/// not depend on the threads.
final class ParallelJobs<T>: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let ready = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var values: [T?]
    private var queue: [(Int, () -> T)] = []
    private var closed = false
    private var threads: [pthread_t] = []

    init(count: Int, workers: Int) {
        values = Array(repeating: nil, count: count)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(ready, nil)
        for _ in 1..<max(1, min(workers, count)) {
            guard let t = PosixThread.start({ self.work(wait: true) }) else { break }
            threads.append(t)
        }
    }

    deinit {
        pthread_mutex_destroy(lock)
        pthread_cond_destroy(ready)
        lock.deallocate()
        ready.deallocate()
    }

    /// Hands in computation `k`.
    func submit(_ k: Int, _ body: @escaping () -> T) {
        pthread_mutex_lock(lock)
        queue.append((k, body))
        pthread_cond_signal(ready)
        pthread_mutex_unlock(lock)
    }

    /// Runs what is handed in; with `wait`, until `results` closes the queue.
    private func work(wait: Bool) {
        while true {
            pthread_mutex_lock(lock)
            while queue.isEmpty, wait, !closed { pthread_cond_wait(ready, lock) }
            guard !queue.isEmpty else {
                pthread_mutex_unlock(lock)
                return
            }
            let (k, body) = queue.removeFirst()
            pthread_mutex_unlock(lock)
            let v = body()
            pthread_mutex_lock(lock)
            values[k] = v
            pthread_mutex_unlock(lock)
        }
    }

    /// Every result, once all are handed in: this thread runs what is left too.
    func results() -> [T] {
        pthread_mutex_lock(lock)
        closed = true
        pthread_cond_broadcast(ready)
        pthread_mutex_unlock(lock)
        work(wait: false)
        for t in threads { pthread_join(t, nil) }
        threads.removeAll()
        return values.map { $0! }
    }
}
