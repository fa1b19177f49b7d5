#!/usr/bin/env bash
# Builds the libFuzzer binary for the reply parser: .build-fuzz/FuzzReplyParser.
#
# `swift build --sanitize=fuzzer …` cannot build this package: the sanitizer flags also reach the
# build-time tool catalog-gen (run by the catalog plugin), whose top-level code then does not
# compile and whose main clashes with libFuzzer's. So this script lets a plain `swift build`
# generate the catalog, then compiles ReplyCatalog and the fuzz entry point with swiftc directly:
#   -sanitize=fuzzer,address, the same sources, the same generated CatalogData.swift.
# Run: Fuzz/build.sh && .build-fuzz/FuzzReplyParser -runs=5000000 -max_len=4096 Fuzz/corpus
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product smtpcodes >/dev/null
data=$(find .build/plugins/outputs -path '*ReplyCatalog*' -name CatalogData.swift | head -n 1)
[ -n "$data" ] || { echo "build.sh: CatalogData.swift not generated" >&2; exit 1; }
out=.build-fuzz
mkdir -p "$out/modules"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -I Sources/CZlib)
swiftc "${flags[@]}" -module-name ReplyCatalog -emit-module -emit-module-path "$out/modules/ReplyCatalog.swiftmodule" \
  -emit-library -static -o "$out/libReplyCatalog.a" Sources/ReplyCatalog/*.swift "$data"
swiftc "${flags[@]}" -I "$out/modules" -o "$out/FuzzReplyParser" \
  Sources/FuzzReplyParser/FuzzReplyParser.swift "$out/libReplyCatalog.a" -lz
echo "built $out/FuzzReplyParser"
