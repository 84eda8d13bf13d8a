#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
import Synchronization   // `Atomic` (on Apple platforms only from macOS 15; the package supports 13)
#endif

/// A policy ready to decide actions: immutable, `Sendable`, and safe to share between
/// threads and tasks (each concurrent `decide` borrows its own evaluator from a pool).
///
/// ```swift
/// let loaded = CompiledPolicy.load(path: "policies/payments.yaml")
/// guard let policy = loaded.policy else { /* loaded.diagnostics, loaded.failure */ }
/// let decision = policy.decide(Action(capability: "refund", amount: Action.Amount("42.50")))
/// ```
public final class CompiledPolicy: Sendable {
    let table: DecisionTable
    private let pool: DeciderPool

    /// Prepares a table that passed `DecisionTable.validate()` (or came from the compiler).
    /// A table without decision diagrams (compiled for `PolicyDiff` alone) is refused: its
    /// walks would start from roots that do not exist.
    init(table: DecisionTable) throws(Undecidable) {
        if let problem = Self.undecidable(table) { throw Undecidable(message: problem) }
        self.table = table
        pool = DeciderPool(table: table)
    }

    /// Why a table cannot decide actions: nil when every walk starts at a node or leaf.
    static func undecidable(_ t: DecisionTable) -> String? {
        func resolves(_ ref: Int32) -> Bool { ref >= 0 ? Int(ref) < t.nodes.count : Int(-(Int64(ref) + 1)) < t.outcomes.count }
        if t.outcomes.isEmpty || !resolves(t.globalRoot) || t.classes.contains(where: { !resolves($0.root) }) {
            return "the table has no decision diagrams (it was compiled without them), so it cannot decide actions"
        }
        return nil
    }

    /// A table that cannot decide actions.
    struct Undecidable: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The policy's `name`.
    public var name: String { table.policy }
    /// `sha256:` and the hex SHA-256 of the policy source, as decisions report it.
    public var digest: String { table.policyDigest }

    /// Decides one action, exactly as `eval` decides its JSON line.
    public func decide(_ action: Action) -> Decision {
        let decider = pool.take()
        let decision = decider.decide(action)
        pool.give(decider)   // handed back, not retained again
        return decision
    }

    /// A decider of its own for one thread (`simulate`'s readers), to be handed back with
    /// `give`.
    func takeDecider() -> Decider { pool.take() }

    /// Hands back a decider from `takeDecider`.
    func give(_ decider: Decider) { pool.give(decider) }

    /// The compiled table artifact (`hitl-policy compile` output): deterministic bytes.
    public var artifact: [UInt8] { PolicyCompilation.artifactBytes(table) }

    /// Loads a policy from YAML source or a compiled table (told apart by content), as
    /// `eval --policy` does. `file` names the source in diagnostics and rule sources.
    public static func load(bytes: [UInt8], file: String) -> LoadedPolicy {
        if !PolicyCompilation.looksLikeTable(bytes), bytes.count > SyntaxLimits.maxFileBytes {
            return LoadedPolicy(policy: nil, diagnostics: [], failure: "\(file): larger than \(SyntaxLimits.maxFileBytes) bytes")
        }
        return LoadedPolicy(PolicyCompilation.load(bytes, file: file))
    }

    /// Compiles YAML policy source only (a table is refused as not YAML).
    public static func compile(yaml bytes: [UInt8], file: String) -> LoadedPolicy {
        LoadedPolicy(PolicyCompilation.compile(bytes, file: file))
    }

    /// Reads and loads a policy file: YAML source or a compiled table.
    public static func load(path: String) -> LoadedPolicy {
        let bytes: [UInt8]
        do {
            bytes = try PolicyFiles.readPolicy(path)
        } catch {
            return LoadedPolicy(policy: nil, diagnostics: [], failure: error.description)
        }
        return load(bytes: bytes, file: path)
    }
}

/// What loading a policy produced: the compiled policy, or why there is none. Nothing is
/// printed; diagnostics are values.
public struct LoadedPolicy: Sendable {
    /// The policy, when it loaded without errors.
    public var policy: CompiledPolicy?
    /// Lint findings of YAML source (warnings too, when it loaded), sorted by location.
    public var diagnostics: [Diagnostic]
    /// Why there is no policy when that is not a diagnostic: an unreadable file, a bad
    /// compiled table, a policy too large to compile.
    public var failure: String?

    /// True when there is no policy.
    public var failed: Bool { policy == nil }

    init(policy: CompiledPolicy?, diagnostics: [Diagnostic], failure: String?) {
        self.policy = policy
        self.diagnostics = diagnostics
        self.failure = failure
    }

    init(_ r: PolicyCompilation.Result) {
        var policy: CompiledPolicy?, refusal: String?
        if let table = r.table {
            do { policy = try CompiledPolicy(table: table) } catch { refusal = error.message }
        }
        self.init(policy: policy, diagnostics: r.diagnostics,
                  failure: r.failure ?? refusal ?? (r.table == nil && !r.diagnostics.contains { $0.severity == .error } ? "invalid policy" : nil))
    }
}

/// Evaluators for concurrent `decide` calls: taken under a lock, used by one thread,
/// given back. All of them share one flattened diagram.
final class DeciderPool: @unchecked Sendable {
    private let table: DecisionTable
    private let flat: FlatDiagram
    // Guarded by `lock`: no dynamic exclusivity checks on top.
    @exclusivity(unchecked) private var free: [Decider] = []
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    #if os(Linux)
    /// One evaluator kept outside the lock (a +1 reference, or nil): taken with one atomic
    /// exchange and given back with one compare-and-swap, so one thread deciding at a time
    /// (the common case) never takes the lock.
    private let hot = Atomic<UnsafeMutableRawPointer?>(nil)
    #endif
    /// Evaluators kept between calls (more may exist while many threads decide at once).
    static let kept = 64

    init(table: DecisionTable) {
        self.table = table
        flat = FlatDiagram(table)
        pthread_mutex_init(lock, nil)
        free.append(Decider(table: table, flat: flat))
    }

    deinit {
        #if os(Linux)
        if let p = hot.exchange(nil, ordering: .acquiring) { Unmanaged<Decider>.fromOpaque(p).release() }
        #endif
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    func take() -> Decider {
        #if os(Linux)
        if let p = hot.exchange(nil, ordering: .acquiring) { return Unmanaged<Decider>.fromOpaque(p).takeRetainedValue() }
        #endif
        pthread_mutex_lock(lock)
        let d = free.popLast()
        pthread_mutex_unlock(lock)
        return d ?? Decider(table: table, flat: flat)
    }

    func give(_ d: consuming Decider) {
        #if os(Linux)
        let p = Unmanaged.passRetained(d).toOpaque()
        if hot.compareExchange(expected: nil, desired: p, ordering: .releasing).exchanged { return }
        Unmanaged<Decider>.fromOpaque(p).release()   // the slot is taken: into the list
        #endif
        pthread_mutex_lock(lock)
        if free.count < Self.kept { free.append(d) }
        pthread_mutex_unlock(lock)
    }
}
