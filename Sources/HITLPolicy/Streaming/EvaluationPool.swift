#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work a pool's threads take in turn: a batch run with the taking thread's own worker.
protocol PoolBatch: AnyObject {
    /// What each thread brings to a batch (its own evaluator, or sink).
    associatedtype Worker
    /// Does the batch's work with `worker`.
    func run(with worker: Worker)
    /// Set under the pool's lock when the batch is done.
    var done: Bool { get set }
}

/// Worker threads, each with its own worker (an evaluator or sink over one shared table), doing
/// batches handed to them in order. The caller collects batches in the order it submitted
/// them, so output order is input order.
final class EvaluationPool<Batch: PoolBatch>: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let workReady = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let batchDone = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [Batch] = []
    private var stopping = false
    private var threads: [pthread_t] = []
    private let evaluators: [Batch.Worker]

    /// Starts a thread per worker; nil when threads cannot be created (the caller then
    /// works on its own thread).
    init?(workers: [Batch.Worker]) {
        pthread_mutex_init(lock, nil)
        pthread_cond_init(workReady, nil)
        pthread_cond_init(batchDone, nil)
        evaluators = workers
        for k in 0..<workers.count {
            // The closure holds the pool strongly until the worker returns (as its context did).
            guard let thread = PosixThread.start({ self.work(k) }) else {
                shutdown()
                return nil
            }
            threads.append(thread)
        }
    }

    deinit {
        pthread_mutex_destroy(lock)
        pthread_cond_destroy(workReady)
        pthread_cond_destroy(batchDone)
        lock.deallocate()
        workReady.deallocate()
        batchDone.deallocate()
    }

    private func work(_ worker: Int) {
        let evaluator = evaluators[worker]
        while true {
            pthread_mutex_lock(lock)
            while queue.isEmpty && !stopping { pthread_cond_wait(workReady, lock) }
            if queue.isEmpty {
                pthread_mutex_unlock(lock)
                return
            }
            let batch = queue.removeFirst()
            pthread_mutex_unlock(lock)
            batch.run(with: evaluator)
            pthread_mutex_lock(lock)
            batch.done = true
            pthread_cond_broadcast(batchDone)
            pthread_mutex_unlock(lock)
        }
    }

    /// Hands a batch to the workers; `first` puts it ahead of the queue (the rest of the
    /// batch the collector is waiting for).
    func submit(_ batch: Batch, first: Bool = false) {
        pthread_mutex_lock(lock)
        batch.done = false
        if first { queue.insert(batch, at: 0) } else { queue.append(batch) }
        pthread_cond_signal(workReady)
        pthread_mutex_unlock(lock)
    }

    /// Waits until a submitted batch is decided.
    func wait(for batch: Batch) {
        pthread_mutex_lock(lock)
        while !batch.done { pthread_cond_wait(batchDone, lock) }
        pthread_mutex_unlock(lock)
    }

    /// Lets the workers finish what is queued, then ends them.
    func shutdown() {
        pthread_mutex_lock(lock)
        stopping = true
        pthread_cond_broadcast(workReady)
        pthread_mutex_unlock(lock)
        for t in threads { pthread_join(t, nil) }
        threads.removeAll()
    }
}
