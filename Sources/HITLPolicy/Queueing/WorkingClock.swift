/// When reviewers work, as the replay counts it: every second of the day, or only the
/// working hours `--hours 09-17` names (UTC, every day of the week). Times are seconds from
/// the replay's origin, a UTC midnight; `worked(until:)` counts the working seconds since
/// the origin and `time(afterWorking:)` is its inverse, so capacity spread evenly over the
/// working time is a straight line in worked seconds.
package struct WorkingClock: Sendable, Equatable {
    /// Start of the working day, seconds after midnight.
    package var open: Double
    /// End of the working day, seconds after midnight (`open < close <= 86400`).
    package var close: Double

    /// Every second of the day.
    package static let allDay = WorkingClock(open: 0, close: 86_400)

    package init(open: Double, close: Double) {
        self.open = open
        self.close = close
    }

    /// Working hours from whole hours `start`..<`end` (0 <= start < end <= 24).
    package init(hours start: Int, _ end: Int) {
        self.init(open: Double(start * 3600), close: Double(end * 3600))
    }

    /// Working seconds in a day.
    package var secondsPerDay: Double { close - open }

    /// Whether every second is worked.
    package var isAllDay: Bool { open == 0 && close == 86_400 }

    /// Working seconds between the origin and `t` (t >= 0).
    @inline(__always)
    package func worked(until t: Double) -> Double {
        if isAllDay { return t }
        let day = (t / 86_400).rounded(.down)
        let into = t - day * 86_400
        return day * secondsPerDay + min(max(into - open, 0), secondsPerDay)
    }

    /// The earliest time at which `w` working seconds have passed since the origin.
    @inline(__always)
    package func time(afterWorking w: Double) -> Double {
        if isAllDay { return w }
        let day = (w / secondsPerDay).rounded(.down)
        let rest = w - day * secondsPerDay
        // Work that ends within a microsecond of the close ended at the close (rounding must
        // not carry it over to the next morning).
        if rest <= 1e-6, day > 0 { return (day - 1) * 86_400 + close + max(rest, 0) }
        return day * 86_400 + open + rest
    }

    /// `HH-HH`, e.g. `09-17`, as `--hours` takes it (whole hours, start before end).
    package static func parse(_ text: String) -> WorkingClock? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]),
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              a >= 0, b <= 24, a < b else { return nil }
        return WorkingClock(hours: a, b)
    }

    /// `09:00-17:00 UTC` or `all day`.
    package var description: String {
        if isAllDay { return "all day" }
        func hh(_ s: Double) -> String { let h = Int(s) / 3600; return (h < 10 ? "0" : "") + "\(h):00" }
        return "\(hh(open))-\(hh(close)) UTC"
    }
}
