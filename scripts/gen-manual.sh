#!/usr/bin/env bash
# Regenerates the man page docs/man/hitl-policy.1 with swift-argument-parser's manual plugin
# (works offline: the plugin is built from the package's own checkout). The date is the last
# commit's, so regenerating an unchanged tree changes nothing. A CLI test
# (ManualCLITests) fails when an option or subcommand is missing from the committed page.
# usage: scripts/gen-manual.sh
set -euo pipefail
cd "$(dirname "$0")/.."
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%Y-%m-%d)
swift package plugin generate-manual \
  --configuration debug --date "$date" --authors "The hitl-policy authors" >&2
mkdir -p docs/man
cp .build/plugins/GenerateManual/outputs/hitl-policy/hitl-policy.1 docs/man/hitl-policy.1
echo docs/man/hitl-policy.1
