#!/usr/bin/env bash
# Start-up benchmark: `smtpcodes show 421` against `grep 421` over a small text table.
# Release build, warm-up, many interleaved runs; prints the medians and their ratio to grep.
# Usage: Benchmarks/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-500}
swift build -c release >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp .build/release/smtpcodes "$work/"
# The table grep searches: the catalog's own list, one line a code (about 150 lines).
"$work/smtpcodes" list >"$work/table.txt"
# The floor: a Swift hello world linked the same way (static runtime, not position-independent).
echo 'print("hello")' >"$work/hello.swift"
swiftc -O -static-stdlib -Xclang-linker -no-pie "$work/hello.swift" -o "$work/hello" 2>/dev/null
bench=$(pwd)/Benchmarks/interleaved.py
cd "$work"
python3 "$bench" "$runs" "$(command -v grep) 421 table.txt" ./hello './smtpcodes show 421' \
  './smtpcodes show --json 421' './smtpcodes list'
