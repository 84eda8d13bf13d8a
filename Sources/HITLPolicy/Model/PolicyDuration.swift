/// A positive duration written as `30s`, `15m`, `4h`, `2d` or a sum such as `1h30m`.
package struct PolicyDuration: Hashable, Sendable, CustomStringConvertible {
    /// Total length in seconds.
    package let seconds: Int

    /// Longest duration accepted: a year, far beyond any useful approval SLA.
    package static let maxSeconds = 366 * 86_400

    /// Why a duration text was rejected.
    package enum ParseError: Error, Equatable {
        case malformed, zero, tooLong, unitOrder
    }

    /// Creates a duration from seconds (must be positive).
    package init(seconds: Int) { self.seconds = seconds }

    /// Parses the SPEC form: units `d`, `h`, `m`, `s`, each at most once, largest first.
    package static func parse(_ text: String) -> Result<PolicyDuration, ParseError> {
        let units: [(UInt8, Int)] = [(UInt8(ascii: "d"), 86_400), (UInt8(ascii: "h"), 3_600),
                                     (UInt8(ascii: "m"), 60), (UInt8(ascii: "s"), 1)]
        var total = 0
        var nextUnit = 0
        var number: Int?
        for b in text.utf8 {
            if b >= 0x30 && b <= 0x39 {
                let n = (number ?? 0) * 10 + Int(b - 0x30)
                if n > maxSeconds { return .failure(.tooLong) }
                number = n
            } else if let u = units.firstIndex(where: { $0.0 == b }) {
                guard let n = number else { return .failure(.malformed) }
                if u < nextUnit { return .failure(.unitOrder) }
                total += n * units[u].1
                if total > maxSeconds { return .failure(.tooLong) }
                nextUnit = u + 1
                number = nil
            } else {
                return .failure(.malformed)
            }
        }
        if number != nil || nextUnit == 0 { return .failure(.malformed) }
        if total == 0 { return .failure(.zero) }
        return .success(PolicyDuration(seconds: total))
    }

    /// Canonical text: `1h30m`, `8h`, `1d`.
    package var description: String {
        var rest = seconds
        var out = ""
        for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out.isEmpty ? "0s" : out
    }
}
