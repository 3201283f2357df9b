#!/usr/bin/env bash
# Fuzzes one target with libFuzzer under ASan and UBSan (clang-14), for SECONDS (default
# 600), starting from its kept corpus; new inputs that reach new code are merged into the
# kept corpus (minimised), crashes are written to build-fuzz/fuzz-TARGET/ as crash-*.
# build-fuzz is the ASan+UBSan build of CI plus libFuzzer's coverage counters in every
# library (BELLWETHER_FUZZ_COVERAGE): without them only the harness file would guide the
# fuzzer.
# Usage: scripts/fuzz.sh [TARGET] [SECONDS] [MAX_LEN]
#   TARGET: csv_reader_fuzz (default; corpus tests/fuzz/csv_corpus), workspace_config_fuzz
#   (tests/fuzz/config_corpus), multipart_fuzz (tests/fuzz/multipart_corpus), dialect_fuzz
#   (tests/fuzz/dialect_corpus), xlsx_reader_fuzz (tests/fuzz/xlsx_corpus),
#   import_profile_fuzz (tests/fuzz/profile_corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-csv_reader_fuzz}"
seconds="${2:-600}"
max_len="${3:-65536}"
case "$target" in
  csv_reader_fuzz) corpus=tests/fuzz/csv_corpus ;;
  workspace_config_fuzz) corpus=tests/fuzz/config_corpus ;;
  multipart_fuzz) corpus=tests/fuzz/multipart_corpus ;;
  dialect_fuzz) corpus=tests/fuzz/dialect_corpus ;;
  xlsx_reader_fuzz) corpus=tests/fuzz/xlsx_corpus ;;
  import_profile_fuzz) corpus=tests/fuzz/profile_corpus ;;
  *) echo "unknown fuzz target $target" >&2; exit 2 ;;
esac
dir=build-fuzz
CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  -DBELLWETHER_SANITIZE=address,undefined -DBELLWETHER_FUZZ_COVERAGE=ON \
  -DBELLWETHER_BENCHMARKS=OFF >/dev/null
cmake --build "$dir" --target "$target"
work="$dir/fuzz-$target"
mkdir -p "$work/new"
"$dir/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/new" "$corpus"
# Keep only the inputs that add coverage to what the kept corpus has.
"$dir/$target" -merge=1 -max_len="$max_len" "$corpus" "$work/new" 2>&1 | tail -2
