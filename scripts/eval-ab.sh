#!/usr/bin/env bash
# Interleaved A/B timing of `eval` for two builds (issue 10 figures 1 and 2): the 1M-action
# corpus from the file and piped through `cat`, alternating A and B in one loop so machine
# load hits both alike. Prints, per case, the median wall time, the derived actions/s, the
# median CPU time (user + system, all threads) and the B/A ratios; and checks that both
# builds write byte-identical output.
# usage: scripts/eval-ab.sh A-binary B-binary [rounds (default 5)] [corpus] [policy]
set -euo pipefail
a=$1 b=$2 rounds=${3:-5}
corpus=${4:-/tmp/evalbench/actions-1m.jsonl}
policy=${5:-$(cd "$(dirname "$0")/.." && pwd)/../shared/bench/policy.yaml}
[ -f "$policy" ] || policy=/work/shared/bench/policy.yaml
lines=$(wc -l <"$corpus")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$a" eval --policy "$policy" "$corpus" >"$work/a.out"
"$b" eval --policy "$policy" "$corpus" >"$work/b.out"
cmp "$work/a.out" "$work/b.out" && echo "output: identical ($(wc -c <"$work/a.out") bytes)"

# One timed run: "wall_seconds cpu_seconds" (GNU time: elapsed, user + system).
run() {   # run BIN MODE
  if [ "$2" = file ]; then
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$1" eval --policy "$policy" "$corpus" >/dev/null
  else
    /usr/bin/time -f "%e %U %S" -o "$work/t" sh -c 'cat "$1" | "$2" eval --policy "$3" -' sh "$corpus" "$1" "$policy" >/dev/null
  fi
  awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$work/t"
}
for mode in file pipe; do
  : >"$work/A.$mode"; : >"$work/B.$mode"
  for _ in $(seq "$rounds"); do
    run "$a" $mode >>"$work/A.$mode"
    run "$b" $mode >>"$work/B.$mode"
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for mode in file pipe; do
  for side in A B; do
    w=$(cut -d' ' -f1 "$work/$side.$mode" | median); c=$(cut -d' ' -f2 "$work/$side.$mode" | median)
    eval "w$side=$w c$side=$c"
    awk -v m=$mode -v s=$side -v w="$w" -v c="$c" -v n="$lines" \
      'BEGIN { printf "%-4s %s: wall %.3f s (%.2f M actions/s), cpu %.3f s\n", m, s, w, n / w / 1e6, c }'
  done
  awk -v wa="$wA" -v wb="$wB" -v ca="$cA" -v cb="$cB" 'BEGIN { printf "     B/A: wall %.3f, cpu %.3f\n", wb / wa, cb / ca }'
done
