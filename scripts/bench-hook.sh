#!/usr/bin/env bash
# Issue 24's figures for the hook, in one hyperfine run (the machine is shared and noisy:
# read ratios, not absolute times):
#   - one hook call (process start to exit) from YAML and from a compiled table, against
#     `eval` of one action (the same tool call as a tool-call line) and against the floor: a
#     one-line Swift program printing "hi", built with -O -static-stdlib, and /bin/true;
#   - 64 hooks started at once, with and without --log (the lock's cost).
# usage: scripts/bench-hook.sh            (HITL_EXE=PATH: an already built binary)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-/tmp/hitl-bench-hook}
mkdir -p "$work"
exe=${HITL_EXE:-$(PACKAGE=0 scripts/build-release.sh 2>/dev/null | tail -n 1)}
policy=fixtures/hooks/policy.yaml
event=fixtures/hooks/claude-code-mcp.json
"$exe" compile "$policy" -o "$work/table.json"
# The same call as eval's tool-call line.
python3 - "$event" > "$work/call.jsonl" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
print(json.dumps({"id": e["tool_use_id"], "tool": e["tool_name"], "args": e["tool_input"]}))
PY
printf 'print("hi")\n' > "$work/hi.swift"
[ -x "$work/hi" ] || swiftc -O -static-stdlib "$work/hi.swift" -o "$work/hi"
cat > "$work/many.sh" <<SH
#!/bin/sh
# 64 hooks at once; \$1 is extra options.
i=0
while [ \$i -lt 64 ]; do "$exe" hook claude-code --policy "$work/table.json" \$1 < "$event" > /dev/null & i=\$((i+1)); done
wait
SH
chmod +x "$work/many.sh"
rm -f "$work/d.log"
# hyperfine 1.15 has no --input: every command runs under `sh -c` with its input redirected,
# so all carry the same shell start (the first row) and compare fairly.
hyperfine --warmup 5 --runs ${RUNS:-60} --export-markdown "$work/hook.md" \
  -n 'sh -c true' "sh -c true" \
  -n 'floor: Swift hi (-O -static-stdlib)' "sh -c '$work/hi < /dev/null'" \
  -n 'hitl-policy --version' "sh -c '$exe --version < /dev/null'" \
  -n 'eval, 1 tool call, YAML' "sh -c '$exe eval --policy $policy < $work/call.jsonl'" \
  -n 'eval, 1 tool call, table' "sh -c '$exe eval --policy $work/table.json < $work/call.jsonl'" \
  -n 'hook, YAML' "sh -c '$exe hook claude-code --policy $policy < $event'" \
  -n 'hook, table' "sh -c '$exe hook claude-code --policy $work/table.json < $event'"
hyperfine --warmup 1 --runs ${RUNS64:-10} --export-markdown "$work/hook64.md" \
  -n '64 hooks at once' "$work/many.sh ''" \
  -n '64 hooks at once, --log' "$work/many.sh '--log $work/d.log'"
"$exe" log verify "$work/d.log"
cat "$work/hook.md" "$work/hook64.md"
