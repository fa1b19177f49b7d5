#!/usr/bin/env bash
# Start-up benchmark: `smtpcodes show 421` against `grep 421` over a small text table.
# Release build, warm-up, many interleaved runs; prints the medians and their ratio to grep.
# Also a shell completion call (`show 45<Tab>`), which must answer well under 20 ms.
# Usage: Benchmarks/startup.sh [runs]   (SWIFT_BUILD_FLAGS="--scratch-path DIR" builds elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-500}
# shellcheck disable=SC2086 # a list of flags
swift build -c release --product smtpcodes ${SWIFT_BUILD_FLAGS:-} >/dev/null
# shellcheck disable=SC2086
bin=$(swift build -c release --show-bin-path ${SWIFT_BUILD_FLAGS:-})
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$bin/smtpcodes" "$work/"
# The table grep searches: the catalog's own list, one line a code (about 150 lines).
"$work/smtpcodes" list >"$work/table.txt"
# The floor: a Swift hello world linked the same way (static runtime, not position-independent).
echo 'print("hello")' >"$work/hello.swift"
swiftc -O -static-stdlib -Xclang-linker -no-pie "$work/hello.swift" -o "$work/hello" 2>/dev/null
bench=$(pwd)/Benchmarks/interleaved.py
cd "$work"
python3 "$bench" "$runs" "$(command -v grep) 421 table.txt" ./hello './smtpcodes show 421' \
  './smtpcodes show --json 421' './smtpcodes list' \
  './smtpcodes ---completion show -- positional@0 2 2 smtpcodes show 45'
