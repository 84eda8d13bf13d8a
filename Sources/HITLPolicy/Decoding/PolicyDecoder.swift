/// Decodes the positioned YAML tree into a `Policy`, reporting every structural problem
/// (unknown fields, wrong types, bad values) with the location of the offending key or value.
///
/// Invalid pieces are left out of the result so later checks see only well-formed parts;
/// names of tiers and specialists are kept whenever the name itself is valid, so references
/// to them do not produce follow-on errors.
struct PolicyDecoder {
    let file: String
    var sink = DiagnosticSink()
    /// The file's `x-lint` keys, applied to its findings once every check has run.
    var suppressions: [LintSuppression] = []

    init(file: String) { self.file = file }

    static let topLevelFields = PolicyFields.policy.names

    mutating func decode(_ root: YAMLNode) -> Policy? {
        guard let pairs = mapping(root, "the policy") else { return nil }
        checkFields(pairs, known: Self.topLevelFields, in: "the policy", entity: true)
        lintDirective(pairs, span: nil)
        var policy = Policy(
            file: file, version: 1, name: "", description: nil, currency: nil, currencyLocation: nil,
            exchangeRates: [], defaults: Defaults(), tiers: [], specialists: [], capabilities: [], compliance: [])
        let start = root.location

        if let v = field(pairs, "version") {
            if let n = integer(v.value, "'version'") {
                if n != 1 {
                    sink.emit(.unknownVersion, "unknown policy language version \(n); this tool knows version 1",
                              at: v.value.location, hint: "write 'version: 1'")
                }
            }
        } else {
            sink.emit(.missingField, "the policy has no 'version'", at: misspelled("version", in: pairs, known: PolicyFields.policy.names)?.keyLocation ?? start, hint: "add 'version: 1' at the top")
        }
        if let n = field(pairs, "name") {
            if let s = string(n.value, "'name'") {
                if s.isEmpty || !s.utf8.allSatisfy(PolicyGrammar.isNameByte) {
                    sink.emit(.invalidName, "policy name '\(s)' may only use letters, digits, '.', '_' and '-'",
                              at: n.value.location, hint: "for example 'payments-agent'")
                }
                policy.name = s
            }
        } else {
            sink.emit(.missingField, "the policy has no 'name'", at: misspelled("name", in: pairs, known: PolicyFields.policy.names)?.keyLocation ?? start, hint: "add a line such as 'name: payments-agent'")
        }
        if let d = field(pairs, "description") { policy.description = text(d.value, "'description'") }
        if let c = field(pairs, "currency") {
            // Set even when the code is invalid: that error is the root cause, and the
            // currency check then reports no "no currency is set" errors after it.
            policy.currencyLocation = c.value.location
            policy.currency = currencyCode(c.value, "'currency'")
        }
        if let r = field(pairs, "exchange_rates") { policy.exchangeRates = exchangeRates(r.value) }
        if let d = field(pairs, "defaults") { policy.defaults = defaults(d.value) }
        if let t = field(pairs, "tiers") {
            policy.tiers = tiers(t.value)
            policy.tiersUnreadable = policy.tiers.count != (t.value.items?.count ?? -1)
        }
        if let s = field(pairs, "specialists") {
            policy.specialists = specialists(s.value)
            policy.specialistsUnreadable = s.value.pairs == nil
        }
        if let c = field(pairs, "capabilities") { policy.capabilities = capabilities(c.value) }
        if let c = field(pairs, "compliance") { policy.compliance = complianceRules(c.value) }
        if let t = field(pairs, "tools") { policy.tools = tools(t.value) }
        return policy
    }

    mutating func exchangeRates(_ node: YAMLNode) -> [ExchangeRate] {
        guard let pairs = mapping(node, "'exchange_rates'") else { return [] }
        var rates: [ExchangeRate] = []
        for p in pairs {
            guard checkCurrency(p.key, at: p.keyLocation, what: "exchange rate currency") else { continue }
            guard let rate = decimal(p.value, "the \(p.key) exchange rate") else { continue }
            if rate.isNegative || rate.isZero {
                sink.emit(.thresholdOutOfRange, "the \(p.key) exchange rate must be greater than 0, not \(rate)",
                          at: p.value.location, hint: "write how many policy-currency units one \(p.key) is worth")
                continue
            }
            rates.append(ExchangeRate(currency: p.key, rate: rate, location: p.keyLocation))
        }
        return rates.sorted { $0.currency.bytesPrecede($1.currency) }
    }

    mutating func defaults(_ node: YAMLNode) -> Defaults {
        var d = Defaults()
        guard let pairs = mapping(node, "'defaults'") else { return d }
        checkFields(pairs, known: PolicyFields.defaults.names, in: "'defaults'")
        if let s = field(pairs, "stage"), let stage = stage(s.value, "'defaults.stage'") {
            d.stage = stage
            d.stageLocation = s.value.location
        }
        if let t = field(pairs, "tier"), let name = string(t.value, "'defaults.tier'") {
            d.tier = name
            d.tierLocation = t.value.location
        }
        if let s = field(pairs, "sla") {
            d.sla = duration(s.value, "'defaults.sla'")
            d.slaWritten = true
        }
        if let o = field(pairs, "on_timeout") { d.onTimeout = timeoutAction(o.value, "'defaults.on_timeout'") }
        return d
    }
}
