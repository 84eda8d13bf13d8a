/// Number text for the simulation's reports: fixed decimals, rounded half away from zero,
/// the same on every platform (no locale, no `printf`).
enum SimulationNumbers {
    /// `x` with `places` decimals (`0.857`); non-finite values as `0`.
    static func fixed(_ x: Double, _ places: Int) -> String {
        guard x.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let n = (abs(x) * scale).rounded()
        guard n < 9e15 else { return String(Int(x)) }
        let whole = Int(n)
        var digits = String(whole)
        if places > 0 {
            while digits.count <= places { digits = "0" + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return (x < 0 && whole != 0 ? "-" : "") + digits
    }

    /// Whole seconds, rounded up (a wait of 0.2 s is 1 s), as the replay counts them.
    static func seconds(_ x: Double) -> Int { WaitSeconds.roundedUp(x) }

    /// `1h 05m`, `12m 30s`, `45s`, `2d 03h` for a person.
    static func duration(_ x: Double) -> String {
        let s = seconds(x)
        if s < 60 { return "\(s)s" }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        if s < 3600 { return "\(s / 60)m \(two(s % 60))s" }
        if s < 86_400 { return "\(s / 3600)h \(two(s / 60 % 60))m" }
        return "\(s / 86_400)d \(two(s / 3600 % 24))h"
    }

    /// `12.5%` (one decimal).
    static func percent(_ share: Double) -> String { fixed(share * 100, 1) + "%" }
}
