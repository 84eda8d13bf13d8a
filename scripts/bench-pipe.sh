#!/usr/bin/env bash
# Throughput and start-up figures of `eval` for issue 10 (release builds; medians):
#   1. eval on the 1M-action corpus from a file and through `cat` (a pipe), with the shipping
#      build (scripts/build-release.sh) and a plain `swift build -c release`; each piped
#      output is checked to be byte for byte the file's output;
#   2. cold start: one action from YAML and from a compiled table, both builds
#      (`perf stat -r 100` when perf is there, else a python loop of 100 runs).
# Uses the repository's bench policy and corpus generator (fixtures/policies/bench.yaml,
# scripts/gen_actions.py). The corpus is made once in BENCH_DIR (default /tmp/hitl-bench).
# usage: scripts/bench-pipe.sh [LINES]          (needs python3; perf optional)
#        PLAIN_EXE=... SHIPPING_EXE=... scripts/bench-pipe.sh   (already built binaries)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=${BENCH_DIR:-/tmp/hitl-bench}
mkdir -p "$work"
policy=fixtures/policies/bench.yaml
corpus="$work/actions-$n.jsonl"
[ -s "$corpus" ] || python3 scripts/gen_actions.py "$n" "$corpus"
shipping=${SHIPPING_EXE:-$(scripts/build-release.sh 2>/dev/null)}
if [ -z "${PLAIN_EXE:-}" ]; then
  swift build -c release --scratch-path .build-release --product hitl-policy >&2
  plain="$PWD/.build-release/release/hitl-policy"
else
  plain=$PLAIN_EXE
fi

# Median wall time of 3 runs of a shell command, in seconds.
median3() {
  python3 - "$1" <<'PY'
import statistics, subprocess, sys, time
times = []
for _ in range(3):
    start = time.perf_counter()
    subprocess.run(["sh", "-c", sys.argv[1]], check=True)
    times.append(time.perf_counter() - start)
print(f"{statistics.median(times):.3f}")
PY
}

echo "== 1. eval, $n actions (median of 3 runs)"
for build in shipping plain; do
  exe=${!build}
  "$exe" eval --policy "$policy" "$corpus" >"$work/file.out"
  cat "$corpus" | "$exe" eval --policy "$policy" >"$work/pipe.out"
  cmp -s "$work/file.out" "$work/pipe.out" || { echo "FAIL: $build: piped output differs from the file's"; exit 1; }
  f=$(median3 "'$exe' eval --policy '$policy' '$corpus' >/dev/null")
  p=$(median3 "cat '$corpus' | '$exe' eval --policy '$policy' >/dev/null")
  python3 -c "import sys; n, f, p = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]); print(f'{sys.argv[4]:9}: file {n / f / 1e6:.2f} M actions/s ({f:.2f} s), through cat {n / p / 1e6:.2f} M actions/s ({p:.2f} s)')" "$n" "$f" "$p" "$build"
done

echo "== 2. cold start, one action (median of 100 runs)"
"$shipping" compile "$policy" -o "$work/policy.table.json"
echo '{"id":"a-1","capability":"refund","amount":{"value":"6200.00","currency":"EUR"},"confidence":0.82,"reversible":false,"blast_radius":3,"tags":["pii"]}' >"$work/one.json"
for build in shipping plain; do
  exe=${!build}
  for source in "$policy" "$work/policy.table.json"; do
    python3 - "$exe" "$source" "$work/one.json" "$build" <<'PY'
import os, statistics, subprocess, sys, time
exe, source, one, build = sys.argv[1:]
cmd = [exe, "eval", "--policy", source, one]
for _ in range(5):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
wall, cpu = [], []
for _ in range(100):
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall.append(time.perf_counter() - start)
    child.returncode = 0   # reaped above
    assert status == 0, status
    cpu.append(usage.ru_utime + usage.ru_stime)
kind = "table" if source.endswith(".json") else "YAML"
print(f"{build:9}: from {kind:5} median wall {statistics.median(wall) * 1000:.2f} ms, CPU (user+sys) {statistics.median(cpu) * 1000:.1f} ms (python loop, fork+exec included)")
PY
    if command -v perf >/dev/null 2>&1; then
      perf stat -e task-clock -r 100 "$exe" eval --policy "$source" "$work/one.json" 2>&1 >/dev/null | grep -E "task-clock|elapsed" | sed "s/^/           /"
    fi
  done
done
