#!/usr/bin/env bash
# The dashboard's speed on a large book (issue 11; docs/performance.md, "The dashboard"):
# serves ACCOUNTS accounts (default 100,000: bench/data-100000, generated with seed 42 as of
# 2026-06-30 when missing, as bench/run.sh does) with build/bellwether and web/dist, and
# measures in Debian's Chromium how long each view takes until its figures are drawn, and
# the compressed size of the first page's JavaScript.
# Usage: bash bench/web_bench.sh [RUNS]   (assumes scripts/build.sh has run)
set -euo pipefail
cd "$(dirname "$0")/.."
accounts="${ACCOUNTS:-100000}"
data="${BELLWETHER_BENCH_DATA:-bench/data-$accounts}"
if [ ! -f "$data/accounts.csv" ]; then
  echo "web_bench: generating $data ($accounts accounts, seed 42)" >&2
  rm -rf "$data.tmp"
  build/bellwether generate --out "$data.tmp" --accounts "$accounts" --seed 42 --as-of 2026-06-30 >&2
  mv "$data.tmp" "$data"
fi
echo "web_bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(/usr/bin/chromium --version 2>/dev/null)" >&2
cd web
node e2e/bench.mjs "$(cd .. && realpath "$data")" "${1:-5}"
