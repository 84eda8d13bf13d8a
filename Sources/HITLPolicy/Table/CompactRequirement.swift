/// A requirement as the diagram builder joins it, millions of times: stage, review and tier
/// as small integers and specialists as sorted numbers (the builder numbers the names).
/// Kept normalised like `Requirement`, so equal decisions have equal values.
struct CompactRequirement: Hashable {
    var stage: UInt8 = 0
    var review = false
    /// Ladder position, -1 for none.
    var tier: Int32 = -1
    /// Sorted, unique.
    var specialists: [UInt16] = []

    static let bottom = CompactRequirement()

    init() {}

    init(_ r: Requirement, specialistNumbers: [ByteName: UInt16]) {
        stage = UInt8(r.stage.rawValue)
        review = r.review
        tier = r.tier.map { Int32(clamping: $0) } ?? -1
        specialists = r.specialists.compactMap { specialistNumbers[ByteName($0)] }.sorted()
    }

    /// The join (SPEC §2), normalised.
    mutating func join(_ o: CompactRequirement) {
        if stage == 2 { return }
        if o.stage == 2 {
            self = CompactRequirement()
            stage = 2
            return
        }
        stage = max(stage, o.stage)
        review = review || o.review
        tier = max(tier, o.tier)
        if !o.specialists.isEmpty {
            if specialists.isEmpty { specialists = o.specialists } else if specialists != o.specialists {
                specialists = Self.merged(specialists, o.specialists)
            }
        }
        if tier >= 0 || !specialists.isEmpty { stage = max(stage, 1) }
        if stage != 0 { review = false }
    }

    /// The sorted union of two sorted lists.
    static func merged(_ a: [UInt16], _ b: [UInt16]) -> [UInt16] {
        var out: [UInt16] = []
        out.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) { out.append(a[i]); i += 1 }
            else if i == a.count || b[j] < a[i] { out.append(b[j]); j += 1 }
            else { out.append(a[i]); i += 1; j += 1 }
        }
        return out
    }

    /// The `Requirement` it stands for.
    func requirement(specialistNames: [String]) -> Requirement {
        Requirement(stage: Stage(rawValue: Int(stage)) ?? .disabled, review: review, tier: tier >= 0 ? Int(tier) : nil,
                    specialists: specialists.map { specialistNames[Int($0)] })
    }
}
