#!/usr/bin/env bash
# Start-up benchmark: `smtpcodes show 421` against `grep 421` over a small text table.
# Release build, hyperfine with warm-up, many runs; prints the medians and their ratio.
# Usage: Benchmarks/startup.sh [runs]   (needs hyperfine: apt-get install -y hyperfine)
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
cd "$work"
hyperfine -N --style none --warmup 50 --runs "$runs" --export-json result.json \
  'grep 421 table.txt' './hello' './smtpcodes show 421' './smtpcodes show --json 421' \
  './smtpcodes list' >/dev/null
python3 - <<'PY'
import json, statistics
results = json.load(open("result.json"))["results"]
base = statistics.median(results[0]["times"])
for r in results:
    m = statistics.median(r["times"])
    print(f"{r['command']:<28} median {m*1000:6.2f} ms   {m/base:4.2f}x grep")
PY
