/// How `simulate` runs (SPEC §8): capacity what-ifs, working hours, the period of a log
/// without times, and the service level the capacity search aims for.
package struct SimulationOptions: Sendable {
    /// `--capacity TIER=N/day`: capacities by tier or panel name, replacing the policy's.
    package var capacities: [String: Capacity] = [:]
    /// `--hours`: when reviewers work (default: all day).
    package var clock: WorkingClock = .allDay
    /// `--period`: the span of a log without times, in seconds (default one day).
    package var periodSeconds = 86_400
    /// `--service-level`: the share of actions to decide within the SLA (default 0.9).
    package var serviceLevel = 0.9

    package init() {}
}
