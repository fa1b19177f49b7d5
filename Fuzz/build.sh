#!/usr/bin/env bash
# Builds the libFuzzer binaries: .build-fuzz/FuzzReplyParser (the reply parser, explanations),
# .build-fuzz/FuzzThemeParser (theme files, inheritance) and .build-fuzz/FuzzLogScanner (`scan`'s
# line splitter and tally). Give target names to build only those.
#
# `swift build --sanitize=fuzzer …` cannot build this package: the sanitizer flags also reach the
# build-time tools catalog-gen and theme-embed (run by the plugins), whose top-level code then
# does not compile and whose main clashes with libFuzzer's. So this script lets a plain
# `swift build` generate the catalog and the embedded themes, then compiles the modules and the
# fuzz entry points with swiftc directly: -sanitize=fuzzer,address, the same sources, the same
# generated files.
# Run: Fuzz/build.sh && .build-fuzz/FuzzReplyParser -max_len=4096 Fuzz/corpus/reply
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzReplyParser FuzzThemeParser FuzzLogScanner)
swift build --product smtpcodes >/dev/null
data=$(find .build/plugins/outputs -path '*ReplyCatalog*' -name CatalogData.swift | head -n 1)
[ -n "$data" ] || { echo "build.sh: CatalogData.swift not generated" >&2; exit 1; }
themes=$(find .build/plugins/outputs -path '*Explorer*' -name '*.swift' | head -n 1)
[ -n "$themes" ] || { echo "build.sh: the embedded themes were not generated" >&2; exit 1; }
out=.build-fuzz
mkdir -p "$out/modules"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -I "$out/modules" -I Sources/CZlib)
module() { # NAME "DEPENDENCIES" SOURCES... — skipped when the library is newer than its sources
  # and the libraries it depends on (re-running the script rebuilds only what changed).
  local name=$1 dependencies=$2
  shift 2
  local library="$out/lib$name.a" newer
  # shellcheck disable=SC2086 # the dependencies are words
  newer=$(find "$@" $dependencies -newer "$library" 2>/dev/null || echo missing)
  if [ -e "$library" ] && [ -z "$newer" ]; then
    return
  fi
  swiftc "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/modules/$name.swiftmodule" \
    -emit-library -static -o "$library" "$@"
}
module TextLayout "" Sources/TextLayout/*.swift
module ReplyCatalog "$out/libTextLayout.a" Sources/ReplyCatalog/*.swift "$data"
if [[ " ${targets[*]} " == *" FuzzThemeParser "* ]]; then
  module Explorer "$out/libTextLayout.a $out/libReplyCatalog.a" Sources/Explorer/*.swift "$themes"
fi
for target in "${targets[@]}"; do
  libraries=("$out/libReplyCatalog.a" "$out/libTextLayout.a")
  [ "$target" != FuzzThemeParser ] || libraries=("$out/libExplorer.a" "${libraries[@]}")
  swiftc "${flags[@]}" -o "$out/$target" "Sources/$target/$target.swift" "${libraries[@]}" -lz
  echo "built $out/$target"
done
