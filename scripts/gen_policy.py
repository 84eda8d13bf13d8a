#!/usr/bin/env python3
"""Seeded generator of large, valid hitl-policy policies for benchmarks.
usage: gen_policy.py CAPABILITIES RULES OUT [SEED]
Mixes short and long forms, patterns, spend / confidence / blast-radius bands, and
compliance rules with every condition kind. The output lints with no errors."""
import random
import sys


def main():
    n_caps, n_rules, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    tiers = ["team", "lead", "director", "executive"]
    specialists = ["privacy", "security", "legal", "aml", "clinical"]
    w = []
    w += ["version: 1", f"name: generated-{n_caps}-{n_rules}", "description: Generated benchmark policy",
          "currency: USD", "exchange_rates:", "  EUR: 1.08", "  GBP: 1.27", "  JPY: 0.0067",
          "defaults:", "  stage: disabled", "  tier: team", "  sla: 4h", "tiers:"]
    for i, t in enumerate(tiers):
        w += [f"  - name: {t}", f"    approvers: [{t}-group, {t}-backup]", f"    sla: {4 - i}h",
              f"    on_timeout: {'escalate' if i < len(tiers) - 1 else 'reject'}"]
    w.append("specialists:")
    for s in specialists:
        w += [f"  {s}:", f"    approvers: [{s}-office]", "    sla: 8h"]
    w.append("capabilities:")
    names = []
    for i in range(n_caps):
        domain = rnd.choice(["billing", "crm", "infra", "mail", "docs", "hr", "data"])
        name = f"{domain}.action_{i}"
        names.append(name)
        kind = rnd.random()
        if i % 100 == 0:
            w.append(f"  {domain}.group{i}.*: approval")
        if kind < 0.5:
            w.append(f"  {name}: {rnd.choice(['autonomous', 'approval', 'disabled'])}")
            continue
        w.append(f"  {name}:")
        if kind < 0.7:
            w += ["    stage: approval", f"    tier: {rnd.choice(tiers)}"]
            continue
        w += ["    stage: autonomous", f"    reversible: {rnd.choice(['true', 'false'])}"]
        if rnd.random() < 0.3:
            w.append("    review: true")
        base = rnd.choice([50, 100, 250])
        w += ["    spend:", f"      - over: {base}", "        tier: team", f"      - at_least: {base * 50}",
              "        tier: lead", f"      - over: {base * 1000}", "        stage: disabled"]
        w += ["    confidence:", "      - below: 0.9", "        tier: team", "      - at_most: 0.5", "        tier: director"]
        if rnd.random() < 0.5:
            w += ["    blast_radius:", "      - over: 100", "        tier: lead"]
    w.append("compliance:")
    for i in range(n_rules):
        w += [f"  - id: rule-{i}", f"    reference: POL-{i:04d}", "    when:"]
        k = i % 6
        if k == 0:
            w.append(f"      tags: {{any: [{rnd.choice(['pii', 'phi', 'card'])}]}}")
        elif k == 1:
            w.append(f"      capability: [{rnd.choice(names)}, {rnd.choice(names)}]")
            w.append(f"      amount: {{over: {rnd.randint(1, 50) * 1000}}}")
        elif k == 2:
            w.append("      attributes: {environment: production, region: [eu-west-1, eu-central-1]}")
        elif k == 3:
            w.append("      reversible: false")
            w.append(f"      confidence: {{below: 0.{rnd.randint(5, 8)}}}")
        elif k == 4:
            w.append(f"      blast_radius: {{at_least: {rnd.randint(1, 100) * 100}}}")
            w.append("      tags: {none: [internal]}")
        else:
            w.append(f"      capability: {rnd.choice(['billing', 'crm', 'infra'])}.*")
        if k in (0, 4):
            w.append(f"    specialists: [{rnd.choice(specialists)}]")
        else:
            w.append(f"    tier: {rnd.choice(tiers[1:])}")
    with open(out, "w") as f:
        f.write("\n".join(w) + "\n")


if __name__ == "__main__":
    main()
