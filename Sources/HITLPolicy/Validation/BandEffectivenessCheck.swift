/// A band whose effect is already required wherever it applies (by the capability's stage or
/// an earlier band of the same list, which covers every value the later one does) can never
/// change a decision.
enum BandEffectivenessCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        for entry in policy.capabilities {
            let base = policy.baseRequirement(of: entry)
            for dimension in NumericField.allCases {
                var cumulative = base
                var lastChange: Band?
                for band in entry.bands(dimension) {
                    let joined = cumulative.joined(with: policy.contribution(of: band.effect, ownTier: entry.tier))
                    if joined == cumulative {
                        let why = if base.stage == .disabled {
                            "capability '\(entry.pattern)' is disabled, so no band can change its decisions"
                        } else if let prev = lastChange {
                            "\(dimension.spec.bandList)[\(prev.index)] already requires as much wherever this band applies"
                        } else {
                            "capability '\(entry.pattern)' already requires as much as this band adds"
                        }
                        sink.emit(.ineffectiveBand,
                                  "\(dimension.spec.bandList)[\(band.index)] of capability '\(entry.pattern)' (\(band.effect.summary)) can never change a decision: \(why)",
                                  at: band.location, hint: "remove the band, or make its effect stricter than what already applies")
                    } else {
                        cumulative = joined
                        lastChange = band
                    }
                }
            }
        }
    }
}
