#!/usr/bin/env bash
# Diff benchmark for issue 4 (release build, figures for the closing note): two generated
# policies that differ in 100 places (thresholds, stages, tiers), at 1k, 10k and 100k
# capabilities with 100 compliance rules, plus 10k capabilities with 1,000 rules.
# usage: scripts/bench-diff.sh            (needs hyperfine and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-/tmp/hitl-bench-diff}
mkdir -p "$work"
exe=$(scripts/build-release.sh 2>/dev/null)   # the shipping build (see that script)
for spec in 1000:100 10000:100 100000:100 10000:1000; do
  caps=${spec%%:*} rules=${spec##*:}
  old="$work/old-$caps-$rules.yaml" new="$work/new-$caps-$rules.yaml"
  python3 scripts/gen_policy.py "$caps" "$rules" "$old"
  python3 scripts/mutate_policy.py "$old" "$new" 100
  echo "== $caps capabilities, $rules compliance rules, 100 edits: $("$exe" diff "$old" "$new" | sed -n 2p)"
  /usr/bin/time -f "peak memory %M KB" "$exe" diff "$old" "$new" >/dev/null
  hyperfine -N --warmup 1 --runs 5 "$exe diff $old $new" 2>&1 | grep -E "Time"
done
