#!/usr/bin/env bash
# Builds the CSV reader fuzz target with clang++-14 (libFuzzer, ASan, UBSan) into
# build-fuzz/ and runs it for SECONDS (default 600) on the kept corpus
# tests/fuzz/csv_corpus/. Crashes are written to build-fuzz/ as crash-*.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
mkdir -p build-fuzz
sources=(src/io/csv_reader_fuzz.cc)
for f in src/core/*.cc src/io/*.cc src/io/internal/*.cc; do
  case "$f" in *_test.cc|*_fuzz.cc) continue ;; esac
  sources+=("$f")
done
clang++-14 -std=c++20 -O1 -g -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I src "${sources[@]}" -o build-fuzz/csv_reader_fuzz
cd build-fuzz
./csv_reader_fuzz -max_total_time="$seconds" -max_len=4096 -timeout=10 \
  -print_final_stats=1 ../tests/fuzz/csv_corpus/
