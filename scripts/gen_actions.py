#!/usr/bin/env python3
"""Seeded corpus of realistic agent actions for the bench policy (fixtures/policies/bench.yaml).
usage: gen_actions.py N OUT [SEED]   (about 190 bytes a line; ~1% invalid lines)
The repository's own copy of the shared bench kit's generator: the same seed gives the same
corpus byte for byte, so figures stay comparable (scripts/bench.sh checks it when the kit is
there). Python 3 standard library only."""
import json
import random
import sys

CAPS = [  # capability, weight, carries an amount, carries an environment
    ("refund", 16, True, False), ("issue_credit", 8, True, False), ("transfer_funds", 6, True, False),
    ("send_email", 14, False, False), ("read_record", 14, False, False), ("update_record", 9, False, True),
    ("delete_record", 4, False, True), ("export_data", 4, False, False), ("close_account", 2, True, False),
    ("deploy.web", 3, False, True), ("deploy.db", 1, False, True), ("search", 10, False, False),
    ("create_ticket", 8, False, False), ("wire_crypto", 1, True, False),
]
CURRENCIES = [("USD", 70), ("EUR", 14), ("GBP", 9), ("JPY", 6), ("XAU", 1)]
TAGS = [("pii", 30), ("sox", 8), ("internal", 25), ("customer_facing", 25), ("sanctioned", 1)]
BOUNDARIES = [100, 500, 1000, 5000, 10000, 25000, 50000, 250000]


def action(rnd, i):
    cap, _, has_amount, has_env = rnd.choices(CAPS, [c[1] for c in CAPS])[0]
    a = {"id": f"a-{i}", "agent": f"agent-{rnd.randint(1, 40):02d}", "capability": cap}
    if has_amount and rnd.random() < 0.97:
        cur = rnd.choices([c[0] for c in CURRENCIES], [c[1] for c in CURRENCIES])[0]
        if cur == "USD" and rnd.random() < 0.1:
            v = float(rnd.choice(BOUNDARIES)) + rnd.choice([-0.01, 0, 0, 0.01])
        else:
            v = round(rnd.lognormvariate(5.5, 2.2), 2)
        if cur == "JPY":
            v = round(v * 150.0)
        a["amount"] = {"value": round(v, 2), "currency": cur} if cur != "USD" or rnd.random() < 0.5 else round(v, 2)
    if rnd.random() < 0.95:
        a["confidence"] = round(rnd.betavariate(6, 1.6), 2)
    if rnd.random() < 0.9:
        a["reversible"] = rnd.random() < 0.55
    if rnd.random() < 0.9:
        a["blast_radius"] = rnd.choice([1, 1, 2, 3, 5, 8, 40, 100, 101, 500, 1000, 1001, 20000])
    k = rnd.choices([0, 1, 2], [45, 40, 15])[0]
    tags = []
    while len(tags) < k:
        t = rnd.choices([t[0] for t in TAGS], [t[1] for t in TAGS])[0]
        if t not in tags:
            tags.append(t)
    a["tags"] = tags
    if has_env and rnd.random() < 0.9:
        a["attributes"] = {"environment": rnd.choice(["production", "staging"]), "service": "billing"}
    a["args"] = {"ticket": f"T-{rnd.randint(1000, 99999)}", "note": rnd.choice(["customer request", "auto", "follow-up"])}
    r = rnd.random()
    if r < 0.004:
        return json.dumps(a)[:-7]  # truncated line
    if r < 0.007:
        a["confidence"] = 1.5
    elif r < 0.010:
        a["amount"] = -25.0
    return json.dumps(a, separators=(",", ":"))


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1729)
    with open(out, "w", buffering=1 << 20) as f:
        for i in range(n):
            f.write(action(rnd, i) + "\n")


if __name__ == "__main__":
    main()
