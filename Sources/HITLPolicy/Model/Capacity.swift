/// How many reviews a tier or panel can complete in a period: `120/day`, `10/h`,
/// `500/week` (SPEC §3). `eval` ignores it; load measurement uses it.
package struct Capacity: Hashable, Sendable, CustomStringConvertible {
    /// The period a count is per.
    package enum Period: String, Sendable, CaseIterable {
        case hour = "h", day, week

        /// The period's length in seconds.
        package var seconds: Int {
            switch self {
            case .hour: 3_600
            case .day: 86_400
            case .week: 604_800
            }
        }
    }

    /// Reviews per period, at least 1.
    package let count: Int
    /// The period.
    package let period: Period

    /// Largest count accepted: far beyond any human group, small enough that no
    /// arithmetic on it can overflow.
    package static let maxCount = 1_000_000_000

    /// Why a capacity text was rejected.
    package enum ParseError: Error, Equatable {
        case malformed, zero, tooLarge
    }

    /// Creates a capacity (count 1 ... `maxCount`).
    package init(count: Int, period: Period) {
        self.count = count
        self.period = period
    }

    /// Parses `N/h`, `N/day` or `N/week`, N a whole number written in decimal digits.
    package static func parse(_ text: String) -> Result<Capacity, ParseError> {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let period = Period(rawValue: String(parts[1])),
              !parts[0].isEmpty, parts[0].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return .failure(.malformed) }
        var count = 0
        for digit in parts[0].utf8 {
            count = count * 10 + Int(digit - 0x30)
            if count > maxCount { return .failure(.tooLarge) }
        }
        if count == 0 { return .failure(.zero) }
        return .success(Capacity(count: count, period: period))
    }

    /// Canonical text: `120/day`.
    package var description: String { "\(count)/\(period.rawValue)" }
}
