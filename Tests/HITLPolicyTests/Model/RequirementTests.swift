import Testing
@testable import HITLPolicy

@Suite("Requirement lattice")
struct RequirementTests {
    /// Every normalised requirement over a 3-tier ladder and 2 specialists.
    static let all: [Requirement] = {
        var out: Set<Requirement> = []
        let specialistSets: [[String]] = [[], ["a"], ["b"], ["a", "b"]]
        for stage in Stage.allCases {
            for review in [false, true] {
                for tier in [nil, 0, 1, 2] as [Int?] {
                    for s in specialistSets {
                        out.insert(Requirement(stage: stage, review: review, tier: tier, specialists: s))
                    }
                }
            }
        }
        return Array(out)
    }()

    @Test func normalisation() {
        #expect(Requirement(stage: .disabled, review: true, tier: 2, specialists: ["a"]) == .disabled)
        #expect(Requirement(stage: .approval, review: true, tier: 0).review == false)
        #expect(Requirement(stage: .autonomous, tier: 1).stage == .approval)
        #expect(Requirement(stage: .autonomous, specialists: ["a"]).stage == .approval)
    }

    @Test func joinIsCommutativeIdempotentAndAssociative() {
        for a in Self.all {
            #expect(a.joined(with: a) == a)
            for b in Self.all {
                #expect(a.joined(with: b) == b.joined(with: a))
            }
        }
        for a in Self.all.prefix(20) {
            for b in Self.all {
                for c in Self.all.suffix(20) {
                    #expect(a.joined(with: b).joined(with: c) == a.joined(with: b.joined(with: c)))
                }
            }
        }
    }

    @Test func joinIsTheLeastUpperBound() {
        for a in Self.all {
            for b in Self.all {
                let j = a.joined(with: b)
                #expect(j.isAtLeastAsStrict(as: a) && j.isAtLeastAsStrict(as: b))
                for c in Self.all where c.isAtLeastAsStrict(as: a) && c.isAtLeastAsStrict(as: b) {
                    #expect(c.isAtLeastAsStrict(as: j))
                }
            }
        }
    }

    @Test func joinIsMonotone() {
        for a in Self.all {
            for b in Self.all where b.isAtLeastAsStrict(as: a) {
                for c in Self.all.prefix(30) {
                    #expect(b.joined(with: c).isAtLeastAsStrict(as: a.joined(with: c)))
                }
            }
        }
    }

    @Test func orderMatchesTheSpec() {
        let team = Requirement(stage: .approval, tier: 0)
        let lead = Requirement(stage: .approval, tier: 1)
        let leadMinusPanel = Requirement(stage: .approval, tier: 1)
        let teamPlusPanel = Requirement(stage: .approval, tier: 0, specialists: ["privacy"])
        let panelOnly = Requirement(stage: .approval, specialists: ["privacy"])
        #expect(Requirement.disabled.isAtLeastAsStrict(as: lead))
        #expect(lead.isAtLeastAsStrict(as: team) && !team.isAtLeastAsStrict(as: lead))
        #expect(!leadMinusPanel.isAtLeastAsStrict(as: teamPlusPanel) && !teamPlusPanel.isAtLeastAsStrict(as: leadMinusPanel))
        #expect(teamPlusPanel.isAtLeastAsStrict(as: panelOnly) && !panelOnly.isAtLeastAsStrict(as: teamPlusPanel))
        #expect(team.isAtLeastAsStrict(as: Requirement(stage: .autonomous, review: true)))
        #expect(Requirement(stage: .autonomous, review: true).isAtLeastAsStrict(as: .bottom))
        #expect(!Requirement.bottom.isAtLeastAsStrict(as: Requirement(stage: .autonomous, review: true)))
    }
}
