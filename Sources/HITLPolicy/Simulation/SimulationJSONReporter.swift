/// The simulation as one JSON object (SPEC §8), keys sorted; every figure the text,
/// Markdown and chart show is here.
package enum SimulationJSONReporter {
    /// The report as pretty JSON with a final newline.
    package static func render(_ r: SimulationReport) -> String {
        tree(r).pretty()
    }

    static func tree(_ r: SimulationReport) -> JSONTree {
        func num(_ x: Double, _ places: Int) -> JSONTree { .number(SimulationNumbers.fixed(x, places)) }
        func int(_ n: Int) -> JSONTree { .number(String(n)) }
        func opt<T>(_ v: T?, _ f: (T) -> JSONTree) -> JSONTree { v.map(f) ?? .null }
        let routing = JSONTree.object(RoutingCounts.Route.allCases.map { ($0.rawValue, int(r.routing[$0])) })
        let capabilities = JSONTree.array(r.routing.sortedCapabilities.map { c in
            sorted([("name", .string(c.name)), ("actions", int(c.total))]
                   + RoutingCounts.Route.allCases.map { ($0.rawValue, int(c.counts[$0.index])) })
        })
        let amounts = JSONTree.array(r.routing.sortedAmounts.map { a in
            sorted([("route", .string(a.route.rawValue)), ("currency", .string(a.currency)), ("total", .string(a.total.description))])
        })
        let queues = JSONTree.array(r.queues.map { q in
            sorted([
                ("name", .string(q.queue.name)), ("kind", .string(q.queue.kind.rawValue)), ("quorum", int(q.queue.quorum)),
                ("sla_seconds", opt(q.queue.slaSeconds, int)), ("on_timeout", .string(q.queue.onTimeout.rawValue)),
                ("actions", int(q.actions)), ("reviews", int(q.reviews)), ("reviews_per_day", num(q.reviewsPerDay, 2)),
                ("escalated_in", int(q.escalatedIn)), ("escalated_out", int(q.escalatedOut)),
                ("rejected_on_timeout", int(q.rejectedOnTimeout)),
                ("capacity", opt(q.queue.capacity) { .string($0.description) }),
                ("capacity_per_day", opt(q.queue.capacityPerDay) { num($0, 2) }),
                ("utilisation", opt(q.utilisation) { num($0, 3) }), ("status", .string(q.status)),
                ("service_level", opt(q.serviceLevel) { num($0, 4) }), ("capacity_needed", opt(q.capacityNeeded, int)),
                ("wait_seconds", opt(q.waits) { w in
                    .object([("max", int(SimulationNumbers.seconds(w.max))), ("p50", int(SimulationNumbers.seconds(w.p50))),
                             ("p95", int(SimulationNumbers.seconds(w.p95)))])
                }),
                ("sla_breaches", opt(q.slaBreaches, int)), ("backlog_max", opt(q.backlogMax, int)),
                ("busiest_hour", opt(q.busiestHour) { b in .object([("reviews", int(b.reviews)), ("start", .string(b.start))]) }),
                ("reviews_by_hour", compact(q.reviewsByHour)), ("backlog_by_hour", compact(q.backlogByHour)),
            ])
        })
        return sorted([
            ("policy", .string(r.policy)), ("log", .string(r.log)),
            ("lines", .object([("actions", int(r.routing.total)), ("bad_time", int(r.badTimes)),
                               ("read", int(r.lines)), ("review_records", int(r.reviewRecords)), ("untimed", int(r.untimed))])),
            ("routing", routing), ("capabilities", capabilities), ("amounts", amounts),
            ("period", .object([("days", num(r.days, 3)), ("end", opt(r.end) { .string($0) }), ("start", opt(r.start) { .string($0) })])),
            ("model", sorted([
                ("arrivals", .string(r.timed ? "replayed from the log's times" : "spread evenly over the period, in line order")),
                ("service", .string("first come first served; capacity spread evenly over the working hours (fluid)")),
                ("hours", .string(r.clock.description)), ("service_level_target", num(r.serviceLevelTarget, 4)),
            ])),
            ("queues", queues), ("notes", .array(r.notes.map { .string($0) })),
        ])
    }

    /// A list of counts on one line (hourly series are long).
    static func compact(_ xs: [Int]) -> JSONTree { .raw("[" + xs.map(String.init).joined(separator: ",") + "]") }

    /// An object with its members sorted by key.
    static func sorted(_ members: [(String, JSONTree)]) -> JSONTree {
        .object(members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) })
    }
}
