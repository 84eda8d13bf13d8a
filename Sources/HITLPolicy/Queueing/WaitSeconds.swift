/// Waits in whole seconds, rounded up (a wait of 0.2 s is 1 s): how the replay counts its
/// waits (exact counts per second) and how every report prints a time.
enum WaitSeconds {
    /// `x` seconds rounded up to a whole second; 0 for non-positive or non-finite values,
    /// `Int.max` past what an `Int` holds exactly.
    static func roundedUp(_ x: Double) -> Int {
        guard x.isFinite, x > 0 else { return 0 }
        return x >= 9e15 ? Int.max : Int(x.rounded(.up))
    }
}
