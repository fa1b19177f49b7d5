#!/usr/bin/env bash
# Benchmarks `smtpcodes scan` against `grep -cE` over the same generated log: release build,
# RUNS runs of each (after one warm-up), medians and their ratio. Usage: Benchmarks/scan.sh [LINES] [RUNS]
#
# grep counts the lines that carry a reply code (a basic code before an enhanced one, or a dsn=
# field) with one extended regular expression; scan parses each line fully, finds the codes,
# looks up the provider for lines with a code and tallies them. Both read the file from the page
# cache (the warm-up run loads it).
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-300000}
runs=${2:-9}
log=${TMPDIR:-/tmp}/smtpcodes-bench-$lines.log
pattern='[245][0-9][0-9][ -][245]\.[0-9]{1,3}\.[0-9]{1,3}|dsn=[245]\.[0-9]{1,3}\.[0-9]{1,3}'

swift build -c release --product smtpcodes >/dev/null
bin=$(swift build -c release --show-bin-path)/smtpcodes
[ -f "$log" ] || python3 Benchmarks/genlog.py "$lines" >"$log"
echo "log: $log, $(wc -l <"$log") lines, $(du -h "$log" | cut -f1)"

# Median wall time in milliseconds of running "$@" $runs times (output discarded).
median() {
  "$@" >/dev/null
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000))
  done | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f\n", m / 1000 }'
}

grep_ms=$(median grep -cE "$pattern" "$log")
scan_ms=$(median "$bin" scan "$log")
echo "grep -cE: $(grep -cE "$pattern" "$log") matching lines, median ${grep_ms} ms over $runs runs"
echo "scan:     $("$bin" scan --json "$log" | grep -c '"count"') distinct replies, median ${scan_ms} ms over $runs runs"
awk -v s="$scan_ms" -v g="$grep_ms" 'BEGIN { printf "ratio scan/grep: %.2f\n", s / g }'
