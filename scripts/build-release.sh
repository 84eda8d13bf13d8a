#!/usr/bin/env bash
# The shipping build of hitl-policy: release, Swift runtime and Foundation linked
# statically (no dynamic loading of the Swift libraries at start-up), and a position-
# dependent executable (-no-pie: the loader has no relocations to apply to the binary's
# ~47,000 metadata pointers). Together they take a one-action `eval` from ~6 ms to ~2.6 ms.
# `--no-export-dynamic`: the executable exports no symbols (the linker would otherwise put
# ~11,000 in its dynamic symbol table, which the Swift runtime's one `dladdr` at start-up
# scans: 400,000 instructions, 6% of a one-action `eval` from a compiled table).
# On Linux, Package.swift gives a plain `swift build -c release` the same link settings (for
# the executable); this script stays the one command for the shipping binary (own scratch
# folder). libyaml stays a shared system library.
#
# Every module (ours and the dependencies') is compiled with
# `-disable-concrete-type-metadata-mangled-name-accessors`: code then asks for a generic
# type's metadata (`[ByteName: Int32]`, `Set<Cut>`, …) through its accessor with the witness
# tables in hand, instead of by mangled name, which makes the runtime demangle the name and
# find each `Hashable`/`Collection` conformance by scanning all ~4,500 conformance records of
# the binary. On a one-action `eval` that was 40% of the start-up (callgrind, payments policy:
# 11.8 M → 7.6 M instructions from YAML, 10.3 M → 6.3 M from a compiled table); the per-action
# cost and the output are unchanged, the binary is 0.2% larger. Package.swift cannot say it
# for the library (a target with unsafe flags cannot be used by other packages), so a plain
# `swift build -c release` does not have it; this script's build, the one packaged, does.
#
# `--version` of this build names the commit (`git rev-parse`, "-dirty" when the tree has
# changes): the commit is written into Sources/hitl-policy/BuildCommit.swift for the build
# and the file is restored afterwards (also on failure or Ctrl-C). Without git or .git
# (a source tarball) the binary says the commit was not recorded.
#
# Then scripts/package.sh packs the binary into dist/: a tarball (binary, man page,
# completions, LICENSE) and a Debian package (when dpkg-deb exists). PACKAGE=0 skips that.
# Prints the path of the binary (the last line on standard output; packages go to stderr).
# usage: scripts/build-release.sh
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=Sources/hitl-policy/BuildCommit.swift
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || true)
if [ -n "$commit" ]; then
  git diff --quiet HEAD -- 2>/dev/null || commit="$commit-dirty"
  saved=$(mktemp)
  cp -p "$stamp" "$saved"
  trap 'cp -p "$saved" "$stamp"; rm -f "$saved"' EXIT
  sed -i.orig "s/^let buildCommit = \"\"$/let buildCommit = \"$commit\"/" "$stamp" && rm -f "$stamp.orig"
  grep -q "\"$commit\"" "$stamp" || { echo "build-release.sh: could not record the commit in $stamp" >&2; exit 1; }
fi
swift build -c release --static-swift-stdlib -Xlinker -no-pie -Xlinker --no-export-dynamic --scratch-path .build-static --product hitl-policy \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors >&2
exe="$PWD/.build-static/release/hitl-policy"
if [ "${PACKAGE:-1}" != 0 ]; then
  scripts/package.sh "$exe" dist >&2
fi
echo "$exe"
