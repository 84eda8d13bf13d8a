#!/usr/bin/env python3
"""Seeded generator of the scaling policies of issue 10: a base policy (policies/payments.yaml)
plus many independent compliance rules, each on its own tag or attribute value.
usage:
  gen_scaling.py tags N OUT [SEED] [--base FILE] [--effects same|mixed]
      N rules `when: {tags: [tK]}` -> `tier: lead` (mixed: lead, a specialist panel, review)
  gen_scaling.py attrs ATTRIBUTES VALUES OUT [SEED] [--base FILE] [--effects same|mixed]
      ATTRIBUTES x VALUES rules `when: {attributes: {attrI: vJ}}` -> `tier: lead`
The base file must end with its `compliance:` list (payments.yaml does). The seed only
shuffles the order of the rules; the same arguments always give the same bytes. The output
lints clean."""
import argparse
import random


def rules_for_tags(n):
    return [(f"scale-tag-{k}", [f"      tags: [t{k}]"]) for k in range(n)]


def rules_for_attributes(attributes, values):
    return [(f"scale-attr-{i}-{j}", [f"      attributes: {{attr{i}: v{j}}}"])
            for i in range(attributes) for j in range(values)]


def effect(index, mixed):
    if not mixed:
        return ["    tier: lead"]
    # Distinct outcomes: a tier, each specialist panel of payments.yaml, a review, together.
    return [["    tier: lead"], ["    specialists: [privacy]"], ["    specialists: [aml]"],
            ["    review: true"], ["    tier: executive", "    specialists: [aml]"]][index % 5]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["tags", "attrs"])
    p.add_argument("numbers", nargs="+")
    p.add_argument("--base", default="policies/payments.yaml")
    p.add_argument("--effects", choices=["same", "mixed"], default="same")
    a = p.parse_args()
    want = 1 if a.mode == "tags" else 2
    if len(a.numbers) not in (want + 1, want + 2):
        p.error("expected counts, OUT and an optional SEED")
    counts = [int(x) for x in a.numbers[:want]]
    out = a.numbers[want]
    seed = int(a.numbers[want + 1]) if len(a.numbers) > want + 1 else 10
    rules = rules_for_tags(*counts) if a.mode == "tags" else rules_for_attributes(*counts)
    random.Random(seed).shuffle(rules)
    with open(a.base) as f:
        base = f.read().rstrip("\n").split("\n")
    if not any(line.startswith("compliance:") for line in base):
        base.append("compliance:")
    lines = base
    lines[0:0] = [f"# {a.base} + {len(rules)} generated {a.mode} rules ({a.effects} effects, seed {seed})"]
    for index, (rule_id, when) in enumerate(rules):
        lines += [f"  - id: {rule_id}", "    when:"] + when + effect(index, a.effects == "mixed")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
