/// One action entering a tier's or panel's queue: when (seconds from the replay's origin)
/// and how many reviews it needs there (the quorum). Sixteen bytes: the replay keeps these,
/// not the log's lines.
package struct QueueEntry: Sendable, Equatable {
    /// Arrival in the queue, seconds from the origin.
    package var time: Double
    /// Reviews needed (the queue's quorum).
    package var work: Int32
    /// Whether it was escalated into this queue from the tier below.
    package var escalated: Bool

    package init(time: Double, work: Int32, escalated: Bool = false) {
        self.time = time
        self.work = work
        self.escalated = escalated
    }
}
