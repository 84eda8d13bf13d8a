/// Amount rules need a policy currency; exchange rates need one to convert into.
enum CurrencyCheck: PolicyCheck {
    static func run(_ policy: Policy, into sink: inout DiagnosticSink) {
        // A currency written but invalid was reported where it is written (HP208): the
        // amount rules and rates are not missing one.
        if policy.currency == nil && policy.currencyLocation != nil { return }
        if let currency = policy.currency {
            for rate in policy.exchangeRates where rate.currency.sameBytes(as: currency) {
                sink.emit(.ineffectiveSetting, "an exchange rate for \(currency), the policy currency itself, is never used",
                          at: rate.location, hint: "remove it: amounts in \(currency) are compared as written")
            }
            return
        }
        var places: [(String, SourceLocation)] = []
        for entry in policy.capabilities where !entry.bands(.amount).isEmpty {
            places.append(("capability '\(entry.pattern)' has spend bands", entry.bands(.amount)[0].location))
        }
        for rule in policy.compliance {
            if let a = rule.when.range(.amount) { places.append(("compliance rule '\(rule.id)' tests the amount", a.location)) }
        }
        if let first = policy.exchangeRates.first {
            places.append(("'exchange_rates' is set", first.location))
        }
        for (what, location) in places {
            sink.emit(.missingCurrency, "\(what), but the policy sets no 'currency'", at: location,
                      hint: "add 'currency: USD' (the ISO 4217 code amounts are written in)")
        }
    }
}
