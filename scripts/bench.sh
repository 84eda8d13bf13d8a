#!/usr/bin/env bash
# The project's benchmarks (README, "Benchmarks"), from this repository alone:
#   1. throughput of `eval` on a seeded corpus of realistic actions (scripts/gen_actions.py,
#      the bench policy fixtures/policies/bench.yaml): 3 rounds, median, written to a file;
#   2. peak memory at a tenth of the lines and at all of them (must stay flat);
#   3. cold start for one action, from YAML and from a compiled table (scripts/timeit.py);
#   4. compile time and memory of a generated 10,000-capability, 1,000-rule policy.
# Optional: when the shared bench kit is there (SHARED_BENCH, default ../shared/bench, with
# jq), the same corpus is also decided by its jq program and both outputs are compared line
# by line; without it that comparison is skipped, nothing else changes.
# usage: scripts/bench.sh [LINES]     (default 1,000,000; needs python3, GNU time)
#        HITL_EXE=PATH scripts/bench.sh [LINES]    (an already built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=${BENCH_DIR:-/tmp/hitl-bench}
shared=${SHARED_BENCH:-../shared/bench}
policy=fixtures/policies/bench.yaml
mkdir -p "$work"
exe=${HITL_EXE:-$(PACKAGE=0 scripts/build-release.sh 2>/dev/null | tail -n 1)}   # the shipping build
corpus="$work/actions-$n.jsonl"
[ -s "$corpus" ] || python3 scripts/gen_actions.py "$n" "$corpus"
bytes=$(wc -c < "$corpus")

echo "== 1. eval throughput ($n actions, $(( bytes / n )) bytes a line)"
times=()
for round in 1 2 3; do
  s=$(date +%s%N)
  "$exe" eval --policy "$policy" "$corpus" > "$work/hitl.out"
  e=$(date +%s%N)
  times+=($(( (e - s) / 1000000 )))
  echo "round $round: ${times[-1]} ms"
done
python3 - "$n" "$bytes" "${times[@]}" <<'PY'
import statistics, sys
n, size, ms = int(sys.argv[1]), int(sys.argv[2]), [int(t) for t in sys.argv[3:]]
m = statistics.median(ms) / 1000
print(f"eval: {n / m:,.0f} actions/s, {size / m / 1e6:.0f} MB/s (median of 3: {m:.2f} s)")
PY
[ "$(wc -l < "$work/hitl.out")" = "$n" ] || { echo "bench.sh: not one decision per line" >&2; exit 1; }

if [ -f "$shared/bench.sh" ] && command -v jq >/dev/null 2>&1; then
  echo "== 1b. against jq (the shared kit at $shared)"
  if ! cmp -s "$policy" "$shared/policy.yaml"; then echo "note: $shared/policy.yaml differs from $policy"; fi
  python3 "$shared/gen_actions.py" 1000 "$work/kit-1000.jsonl"
  python3 scripts/gen_actions.py 1000 "$work/repo-1000.jsonl"
  cmp -s "$work/kit-1000.jsonl" "$work/repo-1000.jsonl" || echo "note: scripts/gen_actions.py no longer matches the kit's corpus"
  BENCH_DIR="$work" bash "$shared/bench.sh" "$exe" "$n"
else
  echo "== 1b. against jq: skipped (no shared bench kit at $shared, or no jq)"
fi

echo "== 2. peak memory as the stream grows"
head -n $((n / 10)) "$corpus" > "$work/actions-tenth.jsonl"
for f in "$work/actions-tenth.jsonl" "$corpus"; do
  /usr/bin/time -f "%M" "$exe" eval --policy "$policy" "$f" 2>"$work/mem.txt" >/dev/null
  echo "$(wc -l < "$f") lines: peak $(tail -n 1 "$work/mem.txt") KB"
done

echo "== 3. cold start, one action"
"$exe" compile "$policy" -o "$work/policy.table.json"
echo '{"id":"a-1","capability":"refund","amount":{"value":"6200.00","currency":"EUR"},"confidence":0.82,"reversible":false,"blast_radius":3,"tags":["pii"]}' > "$work/one.json"
python3 scripts/timeit.py 200 5 "from YAML" -- "$exe" eval --policy "$policy" "$work/one.json"
python3 scripts/timeit.py 200 5 "from a compiled table" -- "$exe" eval --policy "$work/policy.table.json" "$work/one.json"

echo "== 4. compile a generated 10,000-capability, 1,000-rule policy"
python3 scripts/gen_policy.py 10000 1000 "$work/policy-10000-1000.yaml"
python3 scripts/timeit.py 5 1 "compile" -- "$exe" compile "$work/policy-10000-1000.yaml" -o "$work/big.table.json"
/usr/bin/time -f "peak memory: %M KB" "$exe" compile "$work/policy-10000-1000.yaml" -o "$work/big.table.json" 2>&1 | tail -n 1
echo "table: $(wc -c < "$work/big.table.json") bytes"
