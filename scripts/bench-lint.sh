#!/usr/bin/env bash
# Lint benchmark (issue target: a 10,000-capability, 1,000-rule policy in under 0.5 s and
# under 200 MB peak memory on the 2-core reference machine). Release build.
# usage: scripts/bench-lint.sh [CAPABILITIES] [RULES]
set -euo pipefail
cd "$(dirname "$0")/.."
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
