/// An RFC 3339 timestamp (`2026-11-20T14:03:07Z`, `2026-11-20T14:03:07.412+01:00`), read
/// exactly: seconds since 1970-01-01T00:00:00Z and the fraction's nanoseconds. Actions'
/// `time`, decision-log records and review records carry them.
package struct Timestamp: Sendable, Hashable, Comparable {
    /// Seconds since the epoch, in UTC (the offset applied).
    package var seconds: Int64
    /// Nanoseconds past `seconds` (a fraction longer than nine digits is cut, not rounded).
    package var nanoseconds: Int32

    package init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    package static func < (a: Timestamp, b: Timestamp) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    /// Reads `text`; nil unless it is a whole RFC 3339 date-time with a valid calendar date,
    /// hour 00-23, minute 00-59, second 00-60 (a leap second counts as :59's next second), an
    /// optional fraction, and `Z` or an offset of at most ±23:59. `t`/`z` are accepted in
    /// lower case, as RFC 3339 allows.
    package init?(_ text: some Collection<UInt8>) {
        // In place when the bytes are contiguous (a log line's `time`: no copy per line).
        guard let t = text.withContiguousStorageIfAvailable({ Self.read($0) }) ?? Array(text).withUnsafeBufferPointer({ Self.read($0) })
        else { return nil }
        self = t
    }

    /// `init?(_:)` on bytes in place.
    private static func read(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard b.count >= 20, b.count <= 64 else { return nil }
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for k in at..<(at + n) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        guard let year = digits(0, 4), b[4] == 0x2D, let month = digits(5, 2), b[7] == 0x2D, let day = digits(8, 2),
              b[10] == 0x54 || b[10] == 0x74, let hour = digits(11, 2), b[13] == 0x3A, let minute = digits(14, 2),
              b[16] == 0x3A, let second = digits(17, 2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year),
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        var k = 19
        var nanos = 0
        if k < b.count, b[k] == 0x2E {
            k += 1
            let start = k
            while k < b.count, b[k] >= 0x30, b[k] <= 0x39 {
                if k - start < 9 { nanos = nanos * 10 + Int(b[k] - 0x30) }
                k += 1
            }
            guard k > start else { return nil }
            for _ in 0..<max(0, 9 - (k - start)) { nanos *= 10 }
        }
        guard k < b.count else { return nil }
        var offset = 0
        if b[k] == 0x5A || b[k] == 0x7A {
            k += 1
        } else if b[k] == 0x2B || b[k] == 0x2D {
            guard let oh = digits(k + 1, 2), k + 3 < b.count, b[k + 3] == 0x3A, let om = digits(k + 4, 2), oh <= 23, om <= 59 else { return nil }
            offset = (oh * 60 + om) * 60 * (b[k] == 0x2B ? 1 : -1)
            k += 6
        } else {
            return nil
        }
        guard k == b.count else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        return Timestamp(seconds: Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset), nanoseconds: Int32(nanos))
    }

    /// The timestamp in UTC with milliseconds, as the decision log writes it.
    package var utcText: String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        let (y, m, d) = Self.civil(fromDays: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let ms = Int(nanoseconds) / 1_000_000
        let millis = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        let year = String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y)
        return "\(year)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)).\(millis)Z"
    }

    static func days(inMonth m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count since 1970-01-01 (the inverse of `daysFromCivil`).
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
