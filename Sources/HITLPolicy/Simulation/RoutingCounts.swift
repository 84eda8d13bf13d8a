/// Where a log's actions go (SPEC §8 "Routing"): counts per outcome, per capability, and the
/// amounts they carry per outcome and currency (exact decimals, summed exactly).
package struct RoutingCounts: Sendable, Equatable {
    /// The five routes of §8, in order.
    package enum Route: String, Sendable, CaseIterable, Comparable {
        case autonomous, review, approval, disabled, invalid

        /// The route's place in `allCases`.
        package var index: Int {
            switch self {
            case .autonomous: 0
            case .review: 1
            case .approval: 2
            case .disabled: 3
            case .invalid: 4
            }
        }

        package static func < (a: Route, b: Route) -> Bool { a.index < b.index }

        /// The route of a decision: `review` is autonomous with review after the fact.
        init(_ d: Decision) {
            self.init(d.outcome, review: d.review)
        }

        /// The route of an outcome and its review flag.
        init(_ outcome: Decision.Outcome, review: Bool) {
            switch outcome {
            case .autonomous: self = review ? .review : .autonomous
            case .approval: self = .approval
            case .disabled: self = .disabled
            case .invalid: self = .invalid
            }
        }

        /// The route at `index`.
        init(index: Int) {
            self = Self.allCases[index]
        }
    }

    /// Per capability: actions per route.
    package struct CapabilityCounts: Sendable, Equatable {
        package var name: String
        package var counts: [Int] = Array(repeating: 0, count: Route.allCases.count)
        package var total: Int { counts.reduce(0, +) }
    }

    /// Capabilities listed by name before the rest are pooled as `(other)`: bounded memory
    /// whatever names a log makes up.
    package static let maxCapabilities = 500

    /// Actions per route (`Route.allCases` order).
    package var counts: [Int] = Array(repeating: 0, count: Route.allCases.count)
    /// Per capability (nil: the action had none or did not parse), by first appearance.
    private(set) var capabilityIndex: [String: Int] = [:]
    /// Per capability, in first-appearance order (sorted by name when reported).
    package private(set) var capabilities: [CapabilityCounts] = []
    /// Amounts per route and currency.
    package private(set) var amounts: [Route: [String: ExactDecimal]] = [:]

    /// Actions counted.
    package var total: Int { counts.reduce(0, +) }

    /// Actions on `route`.
    package subscript(_ route: Route) -> Int { counts[route.index] }

    /// Counts one action.
    mutating func add(_ route: Route, capability: String?, amount: (String, ExactDecimal)?) {
        add(route.index, capability: slot(capability))
        if let (currency, value) = amount, route != .invalid, currency.utf8.count <= 16 { add(route, currency: currency, value) }
    }

    /// The place in `capabilities` where a capability is counted (nil: none), made on first
    /// use: `(other)` once `maxCapabilities` names are listed.
    mutating func slot(_ capability: String?) -> Int {
        var name = capability ?? "(none)"
        if capabilityIndex[name] == nil, capabilities.count >= Self.maxCapabilities { name = "(other)" }
        if let k = capabilityIndex[name] { return k }
        capabilityIndex[name] = capabilities.count
        capabilities.append(CapabilityCounts(name: name))
        return capabilities.count - 1
    }

    /// Counts one action on route number `route` (`Route.index`) for the capability at `slot`.
    mutating func add(_ route: Int, capability slot: Int) {
        counts[route] += 1
        capabilities[slot].counts[route] += 1
    }

    /// Adds an amount a route carries in a currency.
    mutating func add(_ route: Route, currency: String, _ value: ExactDecimal) {
        amounts[route, default: [:]][currency, default: .zero] = (amounts[route]?[currency] ?? .zero) + value
    }

    /// Capabilities sorted by name (byte order).
    package var sortedCapabilities: [CapabilityCounts] {
        capabilities.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Amounts as (route, currency, total), routes in order, currencies by code.
    package var sortedAmounts: [(route: Route, currency: String, total: ExactDecimal)] {
        Route.allCases.flatMap { r in
            (amounts[r] ?? [:]).sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { (r, $0.key, $0.value) }
        }
    }
}
