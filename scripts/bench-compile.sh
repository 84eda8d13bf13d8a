#!/usr/bin/env bash
# Compile benchmarks for issue 10 (engine v2): how compile scales with the policy.
# Cases (generated, seeded, deterministic; each must lint clean):
#   1. payments.yaml + 20 compliance rules on distinct tags   (when: {tags: [tK]} -> tier: lead)
#   2. payments.yaml + 20 such rules with distinct effects    (tiers, specialist panels, review)
#   3. payments.yaml + 1,000 such tag rules
#   4. payments.yaml + 1,000 attribute rules (20 attributes x 50 values)
#   5. the 10,000-capability, 1,000-rule policy of scripts/gen_policy.py
# For each: lint status, compile status (ok / refused / timeout), median wall time of RUNS runs,
# peak RSS (/usr/bin/time -f %M, the largest over the runs), size of the table written.
# A case that fails or times out is not run again (today's compiler refuses some after many
# seconds).
# usage: scripts/bench-compile.sh [BINARY]
#   without BINARY: builds release (swift build -c release --scratch-path .build-release)
#   env: RUNS (default 3), TIMEOUT seconds per run (default 60), BENCH_DIR (default
#        /tmp/hitl-bench-compile)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
limit=${TIMEOUT:-60}
work=${BENCH_DIR:-/tmp/hitl-bench-compile}
mkdir -p "$work"
if [ $# -ge 1 ]; then
  exe=$1
else
  swift build -c release --scratch-path .build-release --product hitl-policy >&2
  exe="$PWD/.build-release/release/hitl-policy"
fi
echo "binary: $exe ($("$exe" --version 2>/dev/null || echo unknown version)); runs: $runs; timeout: ${limit}s"

python3 scripts/gen_scaling.py tags 20 "$work/payments-tags-20.yaml"
python3 scripts/gen_scaling.py tags 20 "$work/payments-tags-20-mixed.yaml" --effects mixed
python3 scripts/gen_scaling.py tags 1000 "$work/payments-tags-1000.yaml"
python3 scripts/gen_scaling.py attrs 20 50 "$work/payments-attrs-20x50.yaml"
python3 scripts/gen_policy.py 10000 1000 "$work/policy-10000-1000.yaml"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-28s %-6s %-8s %10s %10s %12s  %s\n' case lint compile "median ms" "peak MB" "table bytes" note
for name in payments-tags-20 payments-tags-20-mixed payments-tags-1000 payments-attrs-20x50 policy-10000-1000; do
  policy="$work/$name.yaml"
  table="$work/$name.table.json"
  if "$exe" lint "$policy" >"$work/$name.lint.txt" 2>&1; then lint=clean; else lint="rc=$?"; fi
  status=ok note="" times="" peak=0
  for ((i = 1; i <= runs; i++)); do
    rm -f "$table"
    start=$(date +%s%N)
    rc=0
    rm -f "$work/$name.rss"
    # time outside timeout: the peak of a killed run is still reported
    /usr/bin/time -f "%M" -o "$work/$name.rss" timeout "$limit" \
      "$exe" compile "$policy" -o "$table" >"$work/$name.out" 2>&1 || rc=$?
    end=$(date +%s%N)
    times+="$(( (end - start) / 1000000 ))"$'\n'
    rss=$(tail -n 1 "$work/$name.rss" 2>/dev/null || echo 0)
    [[ "$rss" =~ ^[0-9]+$ ]] && [ "$rss" -gt "$peak" ] && peak=$rss
    if [ "$rc" -eq 124 ]; then status=timeout; note="killed after ${limit}s"; break; fi
    if [ "$rc" -ne 0 ]; then
      status=refused
      note=$(grep -m 1 -E 'error|refus|more than' "$work/$name.out" | cut -c 1-120 || true)
      break
    fi
  done
  ms=$(printf '%s' "$times" | median)
  bytes=$([ "$status" = ok ] && wc -c <"$table" || echo -)
  printf '%-28s %-6s %-8s %10s %10s %12s  %s\n' "$name" "$lint" "$status" "$ms" \
    "$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')" "$bytes" "$note"
done
