#!/usr/bin/env bash
# Checks the DuckDB peer (bench/duckdb/summary.mjs) against the hand-computed
# summaries of the small data sets in tests/data/*/ (expected.json,
# derivations in each README.md), and compare.mjs against a known mismatch.
#   bash bench/check_testdata.sh
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
cases="$(dirname "$bench")/tests/data"

if [ ! -d "$bench/duckdb/node_modules/@duckdb/node-api" ]; then
  (cd "$bench/duckdb" && npm ci --no-audit --no-fund --loglevel=error)
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
for d in "$cases"/*/; do
  d="${d%/}"
  name="$(basename "$d")"
  [ -f "$d/expected.json" ] || continue
  as_of="$(cat "$d/AS_OF")"
  if node "$bench/duckdb/summary.mjs" "$d" "$as_of" > "$tmp/$name.json" 2> "$tmp/$name.err" &&
     node "$bench/compare.mjs" "$d/expected.json" "$tmp/$name.json"; then
    passed=$((passed + 1))
  else
    cat "$tmp/$name.err" >&2
    echo "FAIL: $name" >&2
    failed=$((failed + 1))
  fi
done

# compare.mjs must flag a changed count, a changed ratio and a null.
sed -e 's/"active": 6/"active": 7/' -e 's/"nrr": [0-9.e-]*/"nrr": 0.97/' -e 's/"bnc": [0-9.e-]*/"bnc": null/' \
  "$cases/tiny/expected.json" > "$tmp/mutated.json"
if out="$(node "$bench/compare.mjs" "$cases/tiny/expected.json" "$tmp/mutated.json")"; then
  echo "FAIL: compare.mjs accepted a mutated summary" >&2
  failed=$((failed + 1))
elif [ "$(grep -c '^  ' <<< "$out")" -ne 3 ]; then
  echo "$out" >&2
  echo "FAIL: compare.mjs should report exactly 3 differences" >&2
  failed=$((failed + 1))
else
  passed=$((passed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
