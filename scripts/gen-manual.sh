#!/usr/bin/env bash
# Regenerates the man page docs/man/hitl-policy.1 with swift-argument-parser's manual plugin
# (works offline: the plugin is built from the package's own checkout). The date is the last
# commit's, so regenerating an unchanged tree changes nothing. A CLI test
# (ManualCLITests) fails when an option, subcommand or example is missing from the committed page.
# usage: scripts/gen-manual.sh
set -euo pipefail
cd "$(dirname "$0")/.."
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%Y-%m-%d)
swift package plugin generate-manual \
  --configuration debug --date "$date" --authors "The hitl-policy authors" >&2
mkdir -p docs/man
# Each command's help ends with an EXAMPLES block (Sources/hitl-policy/HelpExamples.swift);
# the plugin leaves it in the command's description. Move them all into the page's own
# EXAMPLES section, after EXIT STATUS: one subsection per command, each description a
# paragraph, each command a literal display.
awk '
  function flush_blank() { if (blank) { print ""; blank = 0 } }
  /^\.Sh DESCRIPTION/ { cmd = "hitl-policy" }
  /^\.It Em / { cmd = "hitl-policy " $3 }
  collecting && /^\./ { collecting = 0; if (literal) { ex[cmd] = ex[cmd] ".Ed\n"; literal = 0 } }
  collecting {
    if ($0 ~ /^    /) {
      if (!literal) { ex[cmd] = ex[cmd] ".Bd -literal -offset indent\n"; literal = 1 }
      ex[cmd] = ex[cmd] substr($0, 5) "\n"
    } else {
      if (literal) { ex[cmd] = ex[cmd] ".Ed\n"; literal = 0 }
      sub(/^ +/, ""); ex[cmd] = ex[cmd] ".Pp\n" $0 "\n"
    }
    next
  }
  $0 == "EXAMPLES:" { collecting = 1; blank = 0; order[++n] = cmd; next }
  $0 == "" { blank = 1; next }
  /^\.Sh AUTHORS/ {
    print ".Sh EXAMPLES"
    for (i = 1; i <= n; i++) { print ".Ss \"" order[i] "\""; printf "%s", ex[order[i]] }
  }
  { flush_blank(); print }
' .build/plugins/GenerateManual/outputs/hitl-policy/hitl-policy.1 > docs/man/hitl-policy.1
echo docs/man/hitl-policy.1
