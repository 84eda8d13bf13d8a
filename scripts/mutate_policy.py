#!/usr/bin/env python3
"""Seeded random edits of a generated policy, for the diff benchmark.
usage: mutate_policy.py IN OUT EDITS [SEED]
Each edit changes one band threshold, one capability stage or one compliance rule's tier;
the result still lints clean."""
import random
import re
import sys


def main():
    src, out, edits = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rnd = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 11)
    lines = open(src).read().split("\n")
    threshold = [i for i, l in enumerate(lines) if re.match(r"\s+- (over|at_least|below|at_most): ", l)]
    short = [i for i, l in enumerate(lines) if re.match(r"  [a-z]+\.action_\d+: (autonomous|approval|disabled)$", l)]
    tiers = [i for i, l in enumerate(lines) if re.match(r"    tier: (lead|director|executive)$", l)]
    done = set()
    while len(done) < edits:
        kind = rnd.random()
        if kind < 0.5:
            i = rnd.choice(threshold)
            if i in done:
                continue
            key, value = lines[i].split(": ")
            if "." in value:  # confidence
                lines[i] = f"{key}: {min(0.99, float(value) + 0.05):.2f}"
            else:
                lines[i] = f"{key}: {int(value) + rnd.choice([-1, 1]) * max(1, int(value) // 10)}"
        elif kind < 0.8:
            i = rnd.choice(short)
            if i in done:
                continue
            name, stage = lines[i].split(": ")
            lines[i] = f"{name}: {rnd.choice([s for s in ['autonomous', 'approval', 'disabled'] if s != stage])}"
        else:
            i = rnd.choice(tiers)
            if i in done:
                continue
            tier = lines[i].split(": ")[1]
            lines[i] = f"    tier: {rnd.choice([t for t in ['lead', 'director', 'executive'] if t != tier])}"
        done.add(i)
    open(out, "w").write("\n".join(lines))


if __name__ == "__main__":
    main()
