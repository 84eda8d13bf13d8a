#!/usr/bin/env bash
# libFuzzer harnesses (fuzz/Package.swift) for the action evaluator, the action stream, the
# YAML front end + compiler, the compiled-table reader, the test-file decoder, suggest's
# review-log reader, the pre-tool-use hook and the policy rewriter; see docs/fuzzing.md.
#
# usage: scripts/fuzz.sh build                (once, and after changing the sources)
#        scripts/fuzz.sh HARNESS [SECONDS | -runs=N] [libFuzzer options...]
#        scripts/fuzz.sh replay HARNESS      (run every kept input once, no mutation)
#        scripts/fuzz.sh totals              (executions per harness on the current build)
#   HARNESS: actions | stream | yaml | table | testfile | reviews | hook | rewrite
#
# Runs are single-process (no -jobs/-workers). New coverage goes to .build-fuzz/corpus/HARNESS
# (not versioned); the seeds in fuzz/corpus/HARNESS are read, never written. A crash, hang
# (-timeout, 5 s) or out-of-memory input is written to fuzz/corpus/HARNESS/crashes/, which
# `swift test` replays (Tests/HITLPolicyTests/Fuzz/FuzzCorpusReplayTests.swift): keep it there.
# The last lines printed are the execution count and rate. Prefix with `nice` on a shared box.
# Every run also appends one line to .build-fuzz/ledger (time, the commit the binaries were
# built from, harness, executions, exec/s, libFuzzer's exit status: 0 done, 72 interrupted
# with SIGINT, anything else a crash, timeout or out-of-memory input); `totals` sums the runs
# of the current build, so a campaign of ten million executions may span several runs
# (each resumes from the corpus the runs before it grew).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-fuzz

bindir="$scratch/x86_64-unknown-linux-gnu/release"

# A trap goes to libFuzzer's deadly-signal handler, which saves the input: the Swift runtime's
# backtracer would take the signal first (and under ASan it faults reading the process's
# memory). Swift globals' memory is immortal, yet LSan sees some of it as leaked (tagged enum
# pointers): fuzz/lsan.supp says why it is suppressed, and nothing else is.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

build() {
  # SwiftPM gives swiftc `-sanitize=fuzzer` and `-sanitize=address` as two flags and the Swift
  # driver keeps only the last, so half the modules would lose coverage (or ASan); the
  # combined -Xswiftc flag comes last and wins. It also reaches the link step, where it links
  # libFuzzer's `main` (the harnesses are -parse-as-library and have none). The harnesses
  # drive internals (the evaluator, the stream, the table reader), which the library keeps
  # `package`: `-enable-testing` lets them `@testable import` it from this other package.
  local commit
  commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD -- Sources fuzz Package.swift 2>/dev/null || commit="$commit-dirty"
  swift build --package-path fuzz --scratch-path "$scratch" -c release \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing >&2
  echo "$commit" > "$scratch/built-commit"
}

built_commit() { cat "$scratch/built-commit" 2>/dev/null || echo unrecorded; }

# Runs use the binaries as built: SwiftPM re-plans (and may rebuild everything) when the
# package tree changes, which a fuzzing run itself does, so `build` is its own step.
binary() {
  local bin="$bindir/$(target "$1")"
  [[ -x "$bin" ]] || build
  echo "$bin"
}

target() {
  case "$1" in
    actions) echo FuzzActions ;;
    stream) echo FuzzStream ;;
    yaml) echo FuzzYAML ;;
    table) echo FuzzTable ;;
    testfile) echo FuzzTestFile ;;
    reviews) echo FuzzReviews ;;
    hook) echo FuzzHook ;;
    rewrite) echo FuzzRewrite ;;
    *) echo "unknown harness '$1' (actions, stream, yaml, table, testfile, reviews, hook, rewrite)" >&2; exit 2 ;;
  esac
}

maxlen() {
  case "$1" in
    actions) echo 4096 ;;
    stream) echo 16384 ;;
    yaml) echo 8192 ;;
    table) echo 32768 ;;
    testfile) echo 8192 ;;
    reviews) echo 16384 ;;
    hook) echo 8192 ;;
    rewrite) echo 8192 ;;
  esac
}

case "${1:-}" in
  build) build; exit 0 ;;
  replay)
    h=${2:?usage: scripts/fuzz.sh replay HARNESS}
    bin=$(binary "$h")
    find "fuzz/corpus/$h" -type f -print0 | xargs -0 "$bin" -runs=1 -timeout=5 -rss_limit_mb=2048
    exit 0 ;;
  totals)
    commit=$(built_commit)
    echo "build $commit (runs in $scratch/ledger)"
    awk -v c="$commit" '$2 == c { n[$3] += $4; r[$3]++; if ($6 != 0 && $6 != 72) bad[$3]++ }
      END { for (h in n) printf "%-9s %12d executions in %d run(s)%s\n", h, n[h], r[h], bad[h] ? ", " bad[h] " ended on a finding" : ", no finding" }' \
      "$scratch/ledger" 2>/dev/null | sort
    exit 0 ;;
  ""|-h|--help) sed -n '2,21p' "$0"; exit 0 ;;
esac

h=$1; shift
limit=()
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then limit=("-max_total_time=$1"); shift; fi
bin=$(binary "$h")
mkdir -p "$scratch/corpus/$h" "fuzz/corpus/$h/crashes" "$scratch/logs"
log="$scratch/logs/$h-$(date -u +%Y%m%dT%H%M%SZ).log"
cmd=("$bin" "${limit[@]}" -max_len="$(maxlen "$h")" -timeout=5 -rss_limit_mb=2048
     -dict="fuzz/dict/$h.dict" -artifact_prefix="fuzz/corpus/$h/crashes/" -print_final_stats=1
     "$@" "$scratch/corpus/$h" "fuzz/corpus/$h")
echo "+ ${cmd[*]}" | tee "$log" >&2
status=0
"${cmd[@]}" 2>>"$log" || status=$?
grep -v '^"' "$log" | tail -n 12 >&2
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
echo "$h: ${runs:-?} executions, ${rate:-?} exec/s, corpus $(find "$scratch/corpus/$h" -type f | wc -l) files, exit $status (log: $log)"
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $(built_commit) $h ${runs:-0} ${rate:-0} $status" >> "$scratch/ledger"
exit "$status"
