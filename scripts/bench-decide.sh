#!/usr/bin/env bash
# Typed `CompiledPolicy.decide` of actions built in Swift (issue 10's last figure: ≤ 1 µs
# median for the bench policy), A/B against an older HITLPolicyBenchmarks binary.
#
# Wall time on a shared machine moves with the neighbours (the same binary has run 1.7×
# slower an hour later), so this gives two kinds of figure:
# - wall time: A and B alternated, PAIRS times, 9 rounds of 100,000 decisions each; each
#   run's median, the median of those per build, and the median of the per-pair ratios;
# - with CALLGRIND=1, instructions and simulated L1 data-cache misses of the decisions
#   (valgrind --tool=callgrind, only inside `measure`): deterministic, so the B/A ratio of
#   one run is the ratio.
#
# Builds the benchmark first (release, scratch folder .build-bench) unless B is given.
# usage: scripts/bench-decide.sh [A-binary] [B-binary] [pairs (default 6)]
#   e.g. cp .build-bench/release/HITLPolicyBenchmarks /tmp/bench-old   # before a change
#        scripts/bench-decide.sh /tmp/bench-old                        # after it
set -euo pipefail
cd "$(dirname "$0")/.."
a=${1:-} b=${2:-} pairs=${3:-6}
policy=fixtures/policies/bench.yaml
if [ -z "$b" ]; then
  swift build -c release --scratch-path .build-bench --product HITLPolicyBenchmarks >&2
  b=.build-bench/release/HITLPolicyBenchmarks
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {   # run BIN LABEL: appends "LABEL median_ns" to $work/runs
  HITL_BENCH=built HITL_BENCH_ROUNDS=9 "$1" "$policy" | sed -n 's/^decide(Action built in Swift): median \([0-9]*\) ns.*/\1/p' \
    | while read -r ns; do echo "$2 $ns" | tee -a "$work/runs"; done
}
for _ in $(seq "$pairs"); do
  [ -n "$a" ] && run "$a" A
  run "$b" B
done
python3 - "$work/runs" <<'EOF'
import sys, statistics as st
runs = [l.split() for l in open(sys.argv[1])]
by = {}
for label, ns in runs: by.setdefault(label, []).append(int(ns))
for label in sorted(by):
    xs = by[label]
    print(f"{label}: median of {len(xs)} run medians {st.median(xs)} ns (range {min(xs)}-{max(xs)})")
if "A" in by and "B" in by:
    ratios = [b / a for a, b in zip(by["A"], by["B"])]
    print(f"B/A per pair: median {st.median(ratios):.2f} (range {min(ratios):.2f}-{max(ratios):.2f})")
EOF

if [ "${CALLGRIND:-0}" = 1 ]; then
  count() {   # count BIN: "instructions D1-misses" of the built-action decisions
    # valgrind cannot read the Swift binaries' debug information: count on a stripped copy.
    cp "$1" "$work/bin" && strip -g "$work/bin"
    HITL_BENCH=built HITL_BENCH_ROUNDS=1 valgrind --tool=callgrind --cache-sim=yes --toggle-collect='*measure*' \
      --callgrind-out-file="$work/cg.out" "$work/bin" "$policy" 2>&1 >/dev/null \
      | awk '/I   refs:/ { gsub(",", "", $4); i = $4 } /D1  misses:/ { gsub(",", "", $4); d = $4 } END { print i, d }'
  }
  read -r bi bd < <(count "$b")
  if [ -n "$a" ]; then
    read -r ai ad < <(count "$a")
    echo "instructions: A $ai, B $bi (B/A $(awk -v a="$ai" -v b="$bi" 'BEGIN { printf "%.2f", b / a }'))"
    echo "L1 data misses: A $ad, B $bd (B/A $(awk -v a="$ad" -v b="$bd" 'BEGIN { printf "%.2f", b / a }'))"
  else
    echo "instructions: $bi; L1 data misses: $bd"
  fi
fi
