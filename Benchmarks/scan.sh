#!/usr/bin/env bash
# Benchmarks `smtpcodes scan` against `grep -cE` over the same generated log: release build,
# RUNS interleaved runs of each (after one warm-up), medians and their ratio. Usage: Benchmarks/scan.sh [LINES] [RUNS]
#
# grep counts the lines that carry a reply code (a basic code before an enhanced one, or a dsn=
# field) with one extended regular expression; scan skips lines with nothing shaped like a code,
# masks each reply line's text from the relay on into a hash, and for a template it has not seen
# parses the codes and explains the reply (reason, provider, verdict) once; every line then adds to
# its group: count, recipient domain, first and last time. Both read the file from the page
# cache (the warm-up run loads it). Output goes to a file, not /dev/null: GNU grep notices
# /dev/null and stops at the first match, which would time nothing. Reported: median wall time
# and median CPU time (user + sys), since wall time on a busy machine measures the neighbours too,
# and the largest resident set.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-300000}
runs=${2:-9}
log=${TMPDIR:-/tmp}/smtpcodes-bench-$lines.log
pattern='[245][0-9][0-9][ -][245]\.[0-9]{1,3}\.[0-9]{1,3}|dsn=[245]\.[0-9]{1,3}\.[0-9]{1,3}'

# BIN=path skips the build (a release binary built elsewhere, e.g. with --scratch-path).
if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  swift build -c release --product smtpcodes >/dev/null
  bin=$(swift build -c release --show-bin-path)/smtpcodes
fi
[ -f "$log" ] || python3 Benchmarks/genlog.py "$lines" >"$log"
echo "log: $log, $(wc -l <"$log") lines, $(du -h "$log" | cut -f1)"

out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Medians over $runs interleaved runs of each command (after one warm-up of each): one run of
# each in turn, so load from other processes falls on all of them alike. Prints, per command,
# "WALL_MS CPU_MS MAXRSS_KB", CPU = user + sys, MAXRSS its largest resident set.
medians() {
  python3 - "$runs" "$out" "$@" <<'PY'
import resource, statistics, subprocess, sys, time
runs, out, commands = int(sys.argv[1]), sys.argv[2], [c.split("\x1f") for c in sys.argv[3:]]
def once(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(out, "wb") as sink:
        subprocess.run(command, stdout=sink, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000
for command in commands: once(command)
samples = [[] for _ in commands]
for _ in range(runs):
    for k, command in enumerate(commands): samples[k].append(once(command))
for command, taken in zip(commands, samples):
    # ru_maxrss of children would count Python's own pages copied at fork: ask /usr/bin/time.
    timed = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rss = int(timed.stderr.strip().splitlines()[-1]) if timed.stderr.strip() else 0
    print("%.1f %.1f %d" % (statistics.median(s[0] for s in taken), statistics.median(s[1] for s in taken), rss))
PY
}
sep=$'\x1f'
{ read -r grep_wall grep_cpu grep_rss; read -r scan_wall scan_cpu scan_rss; } < <(
  medians "grep${sep}-cE${sep}$pattern${sep}$log" "$bin${sep}scan${sep}$log")
echo "grep -cE: $(grep -cE "$pattern" "$log") matching lines; median wall ${grep_wall} ms, cpu ${grep_cpu} ms, max RSS ${grep_rss} KB ($runs runs)"
echo "scan:     $("$bin" scan "$log" | tail -n 1)  median wall ${scan_wall} ms, cpu ${scan_cpu} ms, max RSS ${scan_rss} KB ($runs runs)"
awk -v sw="$scan_wall" -v gw="$grep_wall" -v sc="$scan_cpu" -v gc="$grep_cpu" \
  'BEGIN { printf "ratio scan/grep: wall %.2f, cpu %.2f\n", sw / gw, sc / gc }'
# pflogsumm (apt-get install pflogsumm), the usual tool, on the same log: PFLOGSUMM=1 Benchmarks/scan.sh
if [ -n "${PFLOGSUMM:-}" ] && command -v pflogsumm >/dev/null; then
  runs=3
  read -r pf_wall pf_cpu pf_rss < <(medians "pflogsumm$sep$log")
  echo "pflogsumm: median wall ${pf_wall} ms, cpu ${pf_cpu} ms, max RSS ${pf_rss} KB (3 runs)"
  awk -v pw="$pf_wall" -v sw="$scan_wall" -v pc="$pf_cpu" -v sc="$scan_cpu" -v pr="$pf_rss" -v sr="$scan_rss" \
    'BEGIN { printf "ratio pflogsumm/scan: wall %.1f, cpu %.1f, memory %.1f\n", pw / sw, pc / sc, pr / sr }'
fi
