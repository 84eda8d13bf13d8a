#!/usr/bin/env bash
# Lint benchmark (issue target: a 10,000-capability, 1,000-rule policy in under 0.5 s and
# under 200 MB peak memory on the 2-core reference machine). Release build.
# usage: scripts/bench-lint.sh [CAPABILITIES] [RULES]
#        scripts/bench-lint.sh --limit [MIB]
# --limit: files of MIB MiB (default 8, the policy size limit, SyntaxLimits.maxFileBytes) in
# the worst shapes for the front end (one huge flow list, very many small keys, nested
# mappings, a generated policy just under the size) must lint in under 5 s and 1 GB: of three
# runs of each, prints the one with the median wall time (its CPU time and peak memory too).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--limit" ]; then
  mib=${2:-8}
  work=${BENCH_DIR:-/tmp/hitl-bench}
  mkdir -p "$work"
  exe=${HITL_EXE:-.build/release/hitl-policy}   # HITL_EXE: an already built binary
  [ -n "${HITL_EXE:-}" ] || swift build -c release --product hitl-policy >/dev/null
  python3 - "$work" "$mib" <<'PY'
import subprocess, sys
work, mib = sys.argv[1], int(sys.argv[2])
target = mib << 20
head = "version: 1\nname: shapes\ndefaults: {stage: autonomous}\n"
def write(name, text):
    assert len(text.encode()) <= target, name
    open(f"{work}/{name}-{mib}.yaml", "w").write(text)
k = (target - len(head) - 12) // 3
write("flow", head + "x-big: [" + ", ".join(["a"] * k) + "]\n")
lines, n, i = [head], len(head), 0
while n + 16 < target:
    line = f"x-{i}: 1\n"; lines.append(line); n += len(line); i += 1
write("keys", "".join(lines))
line = "  - {a: {b: {c: {d: [1, 2, {e: f}]}}}}\n"
write("nested", head + "x-deep:\n" + line * ((target - len(head) - 8) // len(line)))
caps = 1000
while True:   # the generated policy grows about linearly with its capability count
    subprocess.run(["python3", "scripts/gen_policy.py", str(caps), str(caps // 10), f"{work}/generated-{mib}.yaml"], check=True)
    size = len(open(f"{work}/generated-{mib}.yaml", "rb").read())
    if size > target * 0.9:
        break
    caps = int(caps * target * 0.95 / size)
PY
  for shape in flow keys nested generated; do
    f="$work/$shape-$mib.yaml"
    rm -f "$work/runs.txt"
    for run in 1 2 3; do
      /usr/bin/time -f "%e %U %S %M" -a -o "$work/runs.txt" "$exe" lint --format json "$f" >/dev/null || true
    done
    sort -n "$work/runs.txt" | awk -v s="$shape" -v b="$(wc -c <"$f")" 'NR==2 {printf "%-9s %9d bytes: median wall %5.2f s, cpu %5.2f s, peak %4d MB\n", s, b, $1, $2 + $3, $4 / 1024}'
  done
  exit 0
fi
caps=${1:-10000}
rules=${2:-1000}
work=${BENCH_DIR:-/tmp/hitl-bench}
mkdir -p "$work"
policy="$work/policy-$caps-$rules.yaml"
python3 scripts/gen_policy.py "$caps" "$rules" "$policy"
swift build -c release --product hitl-policy >/dev/null
exe=.build/release/hitl-policy
echo "policy: $policy ($(wc -c <"$policy") bytes, $caps capabilities, $rules compliance rules)"
set +e
"$exe" lint --format json "$policy" | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(f"lint result: {s}")'
set -e
if ! command -v hyperfine >/dev/null 2>&1; then
  (apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y hyperfine >/dev/null 2>&1; }) || true
fi
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 2 --runs 15 -i -N "$exe lint --format json $policy" 2>&1 | grep -E "Time|Range"
else
  for i in 1 2 3 4 5; do /usr/bin/time -f "wall %es" "$exe" lint --format json "$policy" >/dev/null || true; done
fi
/usr/bin/time -f "peak memory: %M KB" "$exe" lint --format json "$policy" >/dev/null 2>"$work/time.txt" || true
tail -n 1 "$work/time.txt"
