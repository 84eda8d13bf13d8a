#!/usr/bin/env bash
# `simulate` against `eval` on the same log (issue 26): a log of 100,000 and one of 1,000,000
# lines made by the simulate fixtures' generator (fixtures/simulate/generate.py with LINES
# changed: the week's curve, refund-desk actions with times), a plain release build, and per
# size in one run: `eval` and `simulate` of the same file (median of ROUNDS wall times,
# alternated), the ratio simulate/eval, and each one's peak memory (`/usr/bin/time`).
# Prints a Markdown table. The simulate output of each size is kept in BENCH_DIR
# (simulate-N.json) so two builds can be compared byte for byte.
# usage: scripts/bench-simulate.sh [ROUNDS]        (needs python3 and /usr/bin/time)
#        EXE=path/to/hitl-policy scripts/bench-simulate.sh   (an already built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
work=${BENCH_DIR:-/tmp/hitl-bench-simulate}
mkdir -p "$work"
policy=policies/payments.yaml
capacity=(--capacity team=60/day --capacity lead=20/day)
if [ -z "${EXE:-}" ]; then
  swift build -c release --product hitl-policy >&2
  exe="$PWD/.build/release/hitl-policy"
else
  exe=$EXE
fi

for n in 100000 1000000; do
  log="$work/simulate-$n.jsonl"
  if [ ! -s "$log" ]; then
    sed "s/^LINES = 3000\$/LINES = $n/" fixtures/simulate/generate.py > "$work/generate-$n.py"
    (cd "$work" && python3 "generate-$n.py" > "$log")
  fi
done

echo "| lines | eval | simulate | simulate/eval | eval peak RSS | simulate peak RSS |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for n in 100000 1000000; do
  log="$work/simulate-$n.jsonl"
  "$exe" simulate --policy "$policy" "${capacity[@]}" --format json "$log" > "$work/simulate-$n.json"
  python3 - "$exe" "$policy" "$log" "$rounds" "$n" "${capacity[@]}" <<'PY'
import statistics, subprocess, sys, time
exe, policy, log, rounds, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
capacity = sys.argv[6:]
commands = {
    "eval": [exe, "eval", "--policy", policy, log],
    "simulate": [exe, "simulate", "--policy", policy, *capacity, "--format", "json", log],
}
wall = {k: [] for k in commands}
rss = {k: 0 for k in commands}
for _ in range(rounds):
    for k, cmd in commands.items():
        start = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
        wall[k].append(time.perf_counter() - start)
        rss[k] = max(rss[k], int(r.stderr.decode().strip().splitlines()[-1]))
e, s = statistics.median(wall["eval"]), statistics.median(wall["simulate"])
print(f"| {n:,} | {e:.2f} s | {s:.2f} s | {s / e:.2f} | {rss['eval'] / 1024:.0f} MB | {rss['simulate'] / 1024:.0f} MB |")
PY
done
