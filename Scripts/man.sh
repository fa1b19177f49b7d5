#!/bin/sh
# Regenerates Docs/smtpcodes.1: swift-argument-parser's generate-manual plugin writes the NAME,
# SYNOPSIS and DESCRIPTION from the command definitions (so options cannot drift from --help);
# the sections it lacks (EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES, SEE ALSO) come from
# Docs/smtpcodes.extra.mdoc. The result is committed, so installing needs no plugin run.
# Usage: Scripts/man.sh [yyyy-mm-dd]   (the page's date; default: the last commit's date)
set -eu
cd "$(dirname "$0")/.."
date=${1:-$(git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)}
# Debug is enough to ask the binary for its help; the plugin's default would be a release build.
swift package plugin generate-manual --configuration debug --date "$date" >&2
generated=.build/plugins/GenerateManual/outputs/smtpcodes/smtpcodes.1
# The plugin ends with a stock EXIT STATUS (".Ex -std"); ours says what 1 and 2 mean.
# Non-ASCII characters (the help's "…") become groff escapes: groff reads its input as Latin-1.
{
  awk '/^\.Sh "EXIT STATUS"/ { exit } { print }' "$generated"
  cat Docs/smtpcodes.extra.mdoc
} | perl -CSD -pe 's/([^\x00-\x7F])/sprintf("\\[u%04X]", ord($1))/ge' >Docs/smtpcodes.1.new
mv Docs/smtpcodes.1.new Docs/smtpcodes.1
echo "wrote Docs/smtpcodes.1" >&2
