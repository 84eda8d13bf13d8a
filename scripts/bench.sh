#!/usr/bin/env bash
# Evaluation and compile benchmarks for issue 3 (release build, figures for the closing note).
#   1. throughput of `eval` against jq on the shared seeded corpus (../shared/bench: 3 paired
#      rounds, medians, and a check that both decide every line alike);
#   2. peak memory at 100k and 1M lines (must stay flat);
#   3. cold start for one action, from YAML and from a compiled table, and jq (hyperfine);
#   4. compile time of a generated 10,000-capability, 1,000-rule policy.
# usage: scripts/bench.sh [LINES]        (needs jq, hyperfine, python3 with PyYAML)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
shared=${SHARED_BENCH:-../shared/bench}
work=${BENCH_DIR:-/tmp/hitl-bench}
mkdir -p "$work"
exe=$(scripts/build-release.sh 2>/dev/null)   # the shipping build (see that script)

echo "== 1. eval throughput vs jq ($n actions)"
BENCH_DIR="$work" bash "$shared/bench.sh" "$exe" "$n"
corpus="$work/actions-$n.jsonl"

echo "== 2. peak memory as the stream grows"
head -n $((n / 10)) "$corpus" > "$work/actions-tenth.jsonl"
for f in "$work/actions-tenth.jsonl" "$corpus"; do
  /usr/bin/time -f "%M" "$exe" eval --policy "$shared/policy.yaml" "$f" 2>"$work/mem.txt" >/dev/null
  echo "$(wc -l <"$f") lines: peak $(tail -n 1 "$work/mem.txt") KB"
done

echo "== 3. cold start, one action"
"$exe" compile "$shared/policy.yaml" -o "$work/policy.table.json"
echo '{"id":"a-1","capability":"refund","amount":{"value":"6200.00","currency":"EUR"},"confidence":0.82,"reversible":false,"blast_radius":3,"tags":["pii"]}' > "$work/one.json"
hyperfine -N --warmup 5 --runs 200 --export-json "$work/cold.json" \
  "$exe eval --policy $shared/policy.yaml $work/one.json" \
  "$exe eval --policy $work/policy.table.json $work/one.json" 2>&1 | grep -E "Benchmark|Time"
python3 -c "import json,sys; [print(f\"median {r['median']*1000:.2f} ms: {r['command'].split(' --policy ')[1]}\") for r in json.load(open(sys.argv[1]))['results']]" "$work/cold.json"
if [ -f "$work/policy.json" ]; then
  hyperfine -N --warmup 3 --runs 30 \
    "jq -R -c --slurpfile P $work/policy.json -f $shared/policy.jq $work/one.json" 2>&1 | grep -E "Benchmark|Time"
fi

echo "== 4. compile a generated 10,000-capability, 1,000-rule policy"
python3 scripts/gen_policy.py 10000 1000 "$work/policy-10000-1000.yaml"
hyperfine -N --warmup 1 --runs 5 "$exe compile $work/policy-10000-1000.yaml -o $work/big.table.json" 2>&1 | grep -E "Time|Range"
/usr/bin/time -f "peak memory: %M KB" "$exe" compile "$work/policy-10000-1000.yaml" -o "$work/big.table.json" 2>&1 | tail -n 1
echo "table: $(wc -c <"$work/big.table.json") bytes"
