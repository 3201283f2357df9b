#!/usr/bin/env bash
# Import speed of the dialects side by side with the strict import format, in one run
# (docs/performance.md, "Import of other dialects"). Goals (issue 14): German Excel CSV at
# least 0.7 of the strict format's speed; XLSX at least 100,000 rows/s.
#
# Usage: bench/import_dialects.sh [DATA_DIR]   (default bench/data-100000; generated with
# 100,000 accounts when missing). Environment: REPS (odd, default 3), BELLWETHER (binary,
# default build/bellwether), BASELINE (optional: another binary, e.g. main's, whose XLSX
# import of the same workbook and strict import of the same subset run in the same loop,
# for before/after rows).
#
# 1. the data set in the strict format and the same records as German Excel CSV (`export --dialect
#    german-excel`: ; 1.234,56 DD.MM.YYYY Windows-1252 CRLF) are imported into fresh
#    SQLite files, alternately, REPS times each;
# 2. an Excel sheet holds at most 1,048,576 rows, so the XLSX comparison uses the files
#    that fit (accounts, contacts, touchpoints, signals): the same subset as strict CSV
#    and as one workbook (`export --format xlsx`), alternately, REPS times each.
# Rows/s counts the data rows the import reports. Medians are printed as a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-bench/data-100000}"
reps="${REPS:-3}"
bw="${BELLWETHER:-build/bellwether}"
baseline="${BASELINE:-}"
work="$(mktemp -d /tmp/bw-dialect-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

if [ ! -f "$data/accounts.csv" ]; then
  "$bw" generate --out "$data" --accounts 100000 --seed 1 --as-of 2026-06-30 >/dev/null
fi

echo "preparing the dialect copies of $data in $work ..." >&2
"$bw" import "$data" --db "$work/strict.db" >/dev/null
# The same records both ways: the store's export (revenue rows of one account and month
# summed) in the strict format and in the German dialect.
"$bw" export --db "$work/strict.db" --out "$work/strict" >/dev/null
"$bw" export --db "$work/strict.db" --out "$work/german" --dialect german-excel >/dev/null
mkdir -p "$work/subset"
for f in accounts contacts touchpoints signals; do cp "$data/$f.csv" "$work/subset/"; done
"$bw" import "$work/subset" --db "$work/subset.db" >/dev/null
"$bw" export --db "$work/subset.db" --out "$work/subset.xlsx" --format xlsx >/dev/null

# run NAME SOURCE [BINARY]: one import into a fresh file; appends "seconds rows" to
# $work/t_NAME.
run() {
  local name="$1" source="$2" binary="${3:-$bw}" db="$work/run.db"
  rm -f "$db" "$db-wal" "$db-shm"
  local start end out rows
  start=$(date +%s.%N)
  out="$("$binary" import "$source" --db "$db")"
  end=$(date +%s.%N)
  rows="$(echo "$out" | sed -n 's/.*(\([0-9]*\) rows in.*/\1/p')"
  echo "$(echo "$end - $start" | bc -l) $rows" >> "$work/t_$name"
}
for _ in $(seq "$reps"); do
  run strict "$work/strict"
  run german "$work/german"
  run subset_csv "$work/subset"
  run subset_xlsx "$work/subset.xlsx"
  if [ -n "$baseline" ]; then
    run baseline_xlsx "$work/subset.xlsx" "$baseline"
    run baseline_csv "$work/subset" "$baseline"
  fi
done

median() { sort -n "$work/t_$1" | awk -v n="$reps" 'NR == int((n + 1) / 2) {print $1}'; }
rows() { head -1 "$work/t_$1" | awk '{print $2}'; }
rate() { awk -v r="$(rows "$1")" -v s="$(median "$1")" 'BEGIN {printf "%.0f", r / s}'; }
bytes() { du -sb "$1" | awk '{printf "%.0f", $1 / 1048576}'; }

echo "| input | MiB | rows | median wall s (of $reps) | rows/s | vs strict |"
echo "|---|---|---|---|---|---|"
s_rate="$(rate strict)"
g_rate="$(rate german)"
echo "| strict CSV (all files) | $(bytes "$work/strict") | $(rows strict) | $(median strict) | $s_rate | 1.00 |"
echo "| German Excel CSV (all files) | $(bytes "$work/german") | $(rows german) | $(median german) | $g_rate | $(awk -v a="$g_rate" -v b="$s_rate" 'BEGIN {printf "%.2f", a / b}') |"
c_rate="$(rate subset_csv)"
x_rate="$(rate subset_xlsx)"
echo "| strict CSV (accounts, contacts, touchpoints, signals) | $(bytes "$work/subset") | $(rows subset_csv) | $(median subset_csv) | $c_rate | 1.00 |"
echo "| XLSX workbook (the same four sheets) | $(bytes "$work/subset.xlsx") | $(rows subset_xlsx) | $(median subset_xlsx) | $x_rate | $(awk -v a="$x_rate" -v b="$c_rate" 'BEGIN {printf "%.2f", a / b}') |"
if [ -n "$baseline" ]; then
  b_rate="$(rate baseline_xlsx)"
  d_rate="$(rate baseline_csv)"
  echo "| strict CSV (the same four files), baseline binary ($baseline) | $(bytes "$work/subset") | $(rows baseline_csv) | $(median baseline_csv) | $d_rate | $(awk -v a="$d_rate" -v b="$c_rate" 'BEGIN {printf "%.2f", a / b}') |"
  echo "| XLSX workbook, baseline binary ($baseline) | $(bytes "$work/subset.xlsx") | $(rows baseline_xlsx) | $(median baseline_xlsx) | $b_rate | $(awk -v a="$b_rate" -v b="$c_rate" 'BEGIN {printf "%.2f", a / b}') |"
fi
echo
echo "German CSV >= 0.7 of strict: $(awk -v a="$g_rate" -v b="$s_rate" 'BEGIN {print (a / b >= 0.7) ? "met" : "NOT met"}'); XLSX >= 100,000 rows/s: $(awk -v r="$x_rate" 'BEGIN {print (r >= 100000) ? "met" : "NOT met"}')."
