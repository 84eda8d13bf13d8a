#!/usr/bin/env bash
# Sanitizer runs (issue 14 item 18), each in its own scratch folder (git-ignored):
#   address  the whole `swift test` under AddressSanitizer (.build-asan);
#   thread   the threaded eval path under ThreadSanitizer (.build-tsan): `eval --jobs 2` and
#            `--jobs 8` on a multi-MiB actions file (threads start only for a regular file over
#            1 MiB), with --explain, from a compiled table, with a closed output pipe; each
#            threaded output must equal the one-thread output byte for byte.
# A sanitizer report fails the run (halt_on_error). The builds are heavy: run them niced, e.g.
#   nice -n 15 scripts/sanitize.sh            (both)
#   nice -n 15 scripts/sanitize.sh thread     (one)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
work=${SANITIZE_DIR:-/tmp/hitl-sanitize}
mkdir -p "$work"

address() {
  echo "== swift test under AddressSanitizer"
  ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=0} \
    swift test --sanitize=address --scratch-path .build-asan
}

thread() {
  echo "== threaded eval under ThreadSanitizer"
  swift build --sanitize=thread --scratch-path .build-tsan
  local exe
  exe="$(swift build --sanitize=thread --scratch-path .build-tsan --show-bin-path)/hitl-policy"
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
  # About 2 MiB (8 batches): the example actions plus invalid and blank lines, repeated.
  local big="$work/actions.jsonl"
  : >"$big"
  { cat fixtures/actions/payments.jsonl; printf '\n{"capability":\n   \n{"id":"x","capability":"refund","amount":1e400}\n'; } >"$work/block.jsonl"
  for _ in $(seq 1 1200); do cat "$work/block.jsonl"; done >"$big"
  echo "input: $(wc -l <"$big") lines, $(wc -c <"$big") bytes"
  "$exe" compile policies/payments.yaml --format json -o "$work/payments.json"
  local -a cases=(
    "--policy policies/payments.yaml"
    "--policy policies/payments.yaml --explain"
    "--policy $work/payments.json"
    "--policy policies/platform.yaml --exit-code"
  )
  local c jobs status
  for c in "${cases[@]}"; do
    # shellcheck disable=SC2086
    "$exe" eval $c --jobs 1 "$big" >"$work/one.out" || status=$?
    for jobs in 2 8; do
      status=0
      # shellcheck disable=SC2086
      "$exe" eval $c --jobs "$jobs" "$big" >"$work/many.out" || status=$?
      if [[ $status -ne 0 && $status -ne 3 && $status -ne 4 && $status -ne 5 ]]; then echo "FAIL eval $c --jobs $jobs: status $status"; exit 1; fi
      cmp -s "$work/one.out" "$work/many.out" || { echo "FAIL eval $c --jobs $jobs: output differs from --jobs 1"; exit 1; }
      echo "ok   eval $c --jobs $jobs ($(wc -l <"$work/many.out") decisions)"
    done
  done
  # The reader closes the pipe early: the workers must stop cleanly.
  "$exe" eval --policy policies/payments.yaml --jobs 2 "$big" | head -n 3 >/dev/null
  echo "ok   eval --jobs 2 | head -n 3 (status ${PIPESTATUS[0]})"
}

case "$what" in
  address) address ;;
  thread) thread ;;
  all) address; thread ;;
  *) echo "usage: scripts/sanitize.sh [address|thread|all]" >&2; exit 2 ;;
esac
echo "sanitize: $what passed"
