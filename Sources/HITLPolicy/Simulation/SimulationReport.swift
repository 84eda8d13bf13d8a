/// What `simulate` found (SPEC §8): routing, the period, and one entry per tier and panel.
package struct SimulationReport: Sendable {
    /// One tier's or panel's load, replay and capacity needed.
    package struct Queue: Sendable {
        /// Its name, kind, quorum, SLA and capacity as simulated.
        package var queue: SimulatedQueue
        /// Actions routed to it directly.
        package var actions: Int
        /// Reviews needed: (direct actions + escalated in) × quorum.
        package var reviews: Int
        package var escalatedIn: Int
        package var escalatedOut: Int
        package var rejectedOnTimeout: Int
        /// Reviews needed per day of the period.
        package var reviewsPerDay: Double
        /// Reviews per day over capacity per day; nil without a capacity.
        package var utilisation: Double?
        /// `ok`, `strained`, `overloaded` or `no-capacity`.
        package var status: String
        /// Share decided within the SLA in the replay (nil: no capacity, no SLA or no actions).
        package var serviceLevel: Double?
        /// Smallest capacity a day keeping `--service-level` within the SLA (nil: no SLA, no
        /// actions, or unreachable).
        package var capacityNeeded: Int?
        /// Wait percentiles and maximum, seconds (nil without a replay or without actions).
        package var waits: (p50: Double, p95: Double, max: Double)?
        /// Actions whose SLA passed before a decision (nil without a replay).
        package var slaBreaches: Int?
        /// The most actions waiting at once (nil without a replay).
        package var backlogMax: Int?
        /// The busiest clock hour (UTC) by reviews arriving: its start and its reviews.
        package var busiestHour: (start: String, reviews: Int)?
        /// Reviews arriving per hour from the period's first midnight, and actions waiting at
        /// each hour's start (what the chart draws; empty without times).
        package var reviewsByHour: [Int]
        package var backlogByHour: [Int]
    }

    /// The policy's name.
    package var policy: String
    /// The log's name.
    package var log: String
    /// Routing counts.
    package var routing: RoutingCounts
    /// Non-blank lines read; review records skipped; actions whose `time` was malformed
    /// (counted as invalid); actions without a time in a log with times (not replayed).
    package var lines = 0
    package var reviewRecords = 0
    package var badTimes = 0
    package var untimed = 0
    /// The first lines with a malformed time or another reading problem, as notes.
    package var notes: [String] = []
    /// Whether arrivals came from the log's times (else spread evenly over `--period`).
    package var timed: Bool
    /// Period start and end (RFC 3339 UTC; nil without times), and its length in days.
    package var start: String?
    package var end: String?
    package var days: Double
    /// The model's words: working hours, service level aimed at.
    package var clock: WorkingClock
    package var serviceLevelTarget: Double
    /// Per tier and panel, in table order.
    package var queues: [Queue]

    /// Whether any queue is overloaded (`--fail-on overload`).
    package var overloaded: Bool { queues.contains { $0.status == "overloaded" } }
}
