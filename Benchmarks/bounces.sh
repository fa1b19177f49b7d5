#!/usr/bin/env bash
# Benchmarks `smtpcodes explain --mbox` over an mbox of real bounces: release build, RUNS runs
# (after one warm-up), median wall and CPU time, for text and for JSON output.
# Usage: Benchmarks/bounces.sh [MESSAGES] [RUNS]
#
# The mbox is built from the bounces Debian's python3-flufl.bounce ships (about a hundred real
# messages from Postfix, Exim, qmail, sendmail, Exchange, GroupWise, Yahoo, …), repeated in order
# until MESSAGES messages; they are read where the package installs them, not copied into the
# repository. Output goes to a file.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-500}
runs=${2:-9}
corpus=/usr/lib/python3/dist-packages/flufl/bounce/tests/data
if [ ! -d "$corpus" ]; then
  echo "bounces.sh: the corpus is missing ($corpus); apt-get install python3-flufl.bounce" >&2
  exit 2
fi

swift build -c release --product smtpcodes >/dev/null
bin=$(swift build -c release --show-bin-path)/smtpcodes
mbox=${TMPDIR:-/tmp}/smtpcodes-bench-bounces-$messages.mbox
python3 - "$corpus" "$messages" "$mbox" <<'PY'
import os, sys
corpus, count, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
files = sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))
with open(path, "wb") as out:
    for i in range(count):
        data = open(os.path.join(corpus, files[i % len(files)]), "rb").read()
        lines = data.split(b"\n")
        if lines and lines[0].startswith(b"From "):
            lines = lines[1:]
        # mboxrd: body lines that start with "From " (after any ">") get one more ">".
        body = [b">" + l if l.lstrip(b">").startswith(b"From ") else l for l in lines]
        out.write(b"From MAILER-DAEMON Mon Mar 18 11:39:41 2013\n")
        out.write(b"\n".join(body).rstrip(b"\n") + b"\n\n")
PY
echo "mbox: $mbox, $messages messages, $(du -h "$mbox" | cut -f1)"

out=$(mktemp)
trap 'rm -f "$out"' EXIT

median() {
  python3 - "$runs" "$out" "$@" <<'PY'
import resource, statistics, subprocess, sys, time
runs, out, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
def once():
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(out, "wb") as sink:
        subprocess.run(command, stdout=sink, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000
once()
samples = [once() for _ in range(runs)]
print(f"{statistics.median(s[0] for s in samples):.0f} {statistics.median(s[1] for s in samples):.0f}")
PY
}

read -r wall cpu < <(median "$bin" explain --mbox "$mbox")
echo "explain --mbox (text):  median wall ${wall} ms, CPU ${cpu} ms over $runs runs"
tail -1 "$out"
read -r wall cpu < <(median "$bin" explain --json --mbox "$mbox")
echo "explain --mbox --json:  median wall ${wall} ms, CPU ${cpu} ms over $runs runs"
