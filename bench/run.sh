#!/usr/bin/env bash
# Bellwether performance benchmark against a DuckDB peer (docs/performance.md).
#
#   bench/run.sh [ACCOUNTS]        (default 100000)
#
# 1. builds Bellwether (Release), 2. generates bench/data-ACCOUNTS (seed 42,
# as of 2026-06-30) unless present, 3. installs the DuckDB peer's npm deps if
# missing, 4. times REPS (default 3) runs each of `bellwether metrics --data`
# and `node bench/duckdb/summary.mjs` (median wall time and peak RSS with GNU
# time) and checks that their summaries agree (bench/compare.mjs), 5. times
# `bellwether import` into a fresh SQLite file and `bellwether metrics --db`
# (agreeing too), 6. prints a markdown table to stdout and bench/results-N.md.
# Exits 1 when the two implementations disagree or a step fails.
#
# Environment: REPS (odd, default 3), BUILD_JOBS (default 2), SKIP_BUILD=1 to
# use an existing build/bellwether, BELLWETHER=PATH to time another binary.
set -euo pipefail

accounts="${1:-100000}"
case "$accounts" in ''|*[!0-9]*) echo "usage: bench/run.sh [ACCOUNTS]" >&2; exit 2 ;; esac
reps="${REPS:-3}"
as_of=2026-06-30
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

data="bench/data-$accounts"
results="bench/results-$accounts.md"
bw="${BELLWETHER:-build/bellwether}"
timebin=/usr/bin/time
work="$(mktemp -d "${TMPDIR:-/tmp}/bw-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

if [ ! -x "$timebin" ] || ! "$timebin" -f '%e %M' true 2>/dev/null; then
  die "GNU time is missing at $timebin (Debian package 'time')"
fi

# ---- 1. build -------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building Bellwether (Release)"
  bash scripts/setup.sh
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
  cmake --build build --parallel "${BUILD_JOBS:-2}" >&2
fi
[ -x "$bw" ] || die "$bw not found"

# ---- 2. data --------------------------------------------------------------
if [ ! -f "$data/accounts.csv" ]; then
  log "generating $data ($accounts accounts, seed 42)"
  rm -rf "$data.tmp"
  "$bw" generate --out "$data.tmp" --accounts "$accounts" --seed 42 --as-of "$as_of" >&2
  mv "$data.tmp" "$data"
else
  log "using existing $data"
fi

# Data rows per file: CSV records (RFC 4180, quoted line ends do not end a
# record) minus the header row.
node - "$data" > "$work/rows.tsv" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const names = ['accounts', 'contacts', 'revenue', 'invitations', 'responses', 'touchpoints', 'signals'];
for (const name of names) {
  const file = path.join(dir, `${name}.csv`);
  if (!fs.existsSync(file)) { console.log(`${name}\t0\t0`); continue; }
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 22);
  let quoted = false, records = 0, last = 10, n;
  while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) {
    for (let i = 0; i < n; i++) {
      const c = buf[i];
      if (c === 34) quoted = !quoted;
      else if (c === 10 && !quoted) records++;
    }
    last = buf[n - 1];
  }
  fs.closeSync(fd);
  if (last !== 10) records++; // last record without a line end
  console.log(`${name}\t${Math.max(0, records - 1)}\t${fs.statSync(file).size}`);
}
EOF
data_rows="$(awk -F'\t' '{s += $2} END {print s}' "$work/rows.tsv")"
data_bytes="$(awk -F'\t' '{s += $3} END {print s}' "$work/rows.tsv")"
log "data rows: $data_rows ($(awk -F'\t' '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}' "$work/rows.tsv"))"

# ---- 3. DuckDB peer -------------------------------------------------------
if [ ! -d bench/duckdb/node_modules/@duckdb/node-api ]; then
  log "installing the DuckDB peer's npm dependencies"
  (cd bench/duckdb && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
duckdb_version="$(cd bench/duckdb && node --input-type=module -e "
  import { DuckDBInstance } from '@duckdb/node-api';
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  console.log((await c.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v);")"

# ---- timing helpers -------------------------------------------------------
# measure NAME CMD...: runs CMD once under GNU time with stdout to
# $work/NAME.N.json; appends "wall_s max_rss_kib" to $work/NAME.times.
declare -A run_no=()
measure() {
  local name="$1"; shift
  local n=$(( ${run_no[$name]:-0} + 1 ))
  run_no[$name]=$n
  local out="$work/$name.$n.json" err="$work/$name.$n.err" tf="$work/$name.$n.time"
  if ! "$timebin" -f '%e %M %U %S' -o "$tf" "$@" > "$out" 2> "$err"; then
    cat "$err" >&2
    die "$name run $n failed: $*"
  fi
  # wall s, peak RSS KiB, CPU s (user + system)
  tail -n 1 "$tf" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' >> "$work/$name.times"
  cp "$out" "$work/$name.json"
  log "$name run $n: $(tail -n 1 "$tf" | awk '{printf "%.2f s, %.1f MiB, CPU %.2f s", $1, $2 / 1024, $3 + $4}')"
}
median_col() { # median of column $2 of file $1 (odd count)
  sort -g -k "$2,$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'
}
wall() { median_col "$work/$1.times" 1; }
cpu() { median_col "$work/$1.times" 3; }
rss_mib() { awk -v k="$(median_col "$work/$1.times" 2)" 'BEGIN {printf "%.1f", k / 1024}'; }
all_walls() { awk '{printf "%s%s", (NR > 1 ? ", " : ""), $1}' "$work/$1.times"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }

agree=1
check() { # check NAME_A NAME_B: compare their summaries
  if node bench/compare.mjs "$work/$1.json" "$work/$2.json" > "$work/cmp-$1-$2.txt"; then
    log "$1 and $2 agree"
  else
    agree=0
    log "$1 and $2 DISAGREE:"
    cat "$work/cmp-$1-$2.txt" >&2
  fi
}

# Warm the page cache so that no tool pays for the first read.
cat "$data"/*.csv > /dev/null

# ---- 4. metrics --data vs DuckDB ------------------------------------------
for ((i = 1; i <= reps; i++)); do
  measure bellwether "$bw" metrics --data "$data" --as-of "$as_of" --format json
  measure duckdb node bench/duckdb/summary.mjs "$data" "$as_of"
done
check bellwether duckdb

# ---- 5. import and metrics --db -------------------------------------------
db="$work/bellwether.sqlite"
for ((i = 1; i <= reps; i++)); do
  rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
  measure import "$bw" import "$data" --db "$db"
done
for ((i = 1; i <= reps; i++)); do
  measure metrics_db "$bw" metrics --db "$db" --as-of "$as_of" --format json
done
check metrics_db duckdb
db_mib="$(du -k "$db" | awk '{printf "%.1f", $1 / 1024}')"

# ---- 6. results -----------------------------------------------------------
bw_t="$(wall bellwether)"; dk_t="$(wall duckdb)"
bw_m="$(rss_mib bellwether)"; dk_m="$(rss_mib duckdb)"
imp_t="$(wall import)"
rows_per_s="$(awk -v r="$data_rows" -v t="$imp_t" 'BEGIN {if (t > 0) printf "%.0f", r / t; else print "n/a"}')"
commit="$(git describe --always --dirty 2>/dev/null || echo unknown)"
if [ -n "${BELLWETHER:-}" ]; then binary="Bellwether binary \`$bw\`"
elif [ "${SKIP_BUILD:-0}" = 1 ]; then binary="Bellwether: existing \`$bw\` (not rebuilt)"
else binary="Bellwether built (Release) from the work tree"; fi
mem_gib="$(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)"
os="$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -s)"
cpu="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"

{
  echo "# Bellwether benchmark: $accounts accounts"
  echo
  echo "Generated $(date -u +%Y-%m-%dT%H:%M:%SZ) by \`bench/run.sh $accounts\` in the work tree at $commit;"
  echo "$binary;"
  echo "$(nproc) cores ($cpu), $mem_gib GiB, $os; DuckDB $duckdb_version (@duckdb/node-api, threads=2), Node $(node --version)."
  echo "Data: \`$data\` (seed 42, as of $as_of), $data_rows data rows, $(awk -v b="$data_bytes" 'BEGIN {printf "%.1f", b / 1048576}') MiB:"
  echo "$(awk -F'\t' '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}' "$work/rows.tsv")."
  echo "Wall time, peak RSS and CPU time (user + system) from GNU time, each the median of $reps runs;"
  echo "the ratios are of wall time and peak RSS. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| step | wall s | peak RSS MiB | CPU s | Bellwether / DuckDB time | Bellwether / DuckDB memory |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| \`bellwether metrics --data\` | $bw_t | $bw_m | $(cpu bellwether) | $(ratio "$bw_t" "$dk_t") | $(ratio "$bw_m" "$dk_m") |"
  echo "| DuckDB peer (\`summary.mjs\`) | $dk_t | $dk_m | $(cpu duckdb) | 1 | 1 |"
  echo "| \`bellwether import\` (fresh SQLite) | $imp_t | $(rss_mib import) | $(cpu import) | | |"
  echo "| \`bellwether metrics --db\` | $(wall metrics_db) | $(rss_mib metrics_db) | $(cpu metrics_db) | $(ratio "$(wall metrics_db)" "$dk_t") | $(ratio "$(rss_mib metrics_db)" "$dk_m") |"
  echo
  echo "- Import: $rows_per_s rows/s ($data_rows rows / $imp_t s); database file $db_mib MiB."
  echo "- All runs (wall s): metrics --data $(all_walls bellwether); DuckDB $(all_walls duckdb); import $(all_walls import); metrics --db $(all_walls metrics_db)."
  echo "- Goals (docs/performance.md): metrics --data at most 0.5 x DuckDB's wall time:" \
    "$(awk -v a="$bw_t" -v b="$dk_t" 'BEGIN {print (a <= 0.5 * b) ? "met" : "NOT met"}');" \
    "less peak memory than DuckDB: $(awk -v a="$bw_m" -v b="$dk_m" 'BEGIN {print (a < b) ? "met" : "NOT met"}');" \
    "import >= 500,000 rows/s: $(awk -v r="$rows_per_s" 'BEGIN {print (r + 0 >= 500000) ? "met" : "NOT met"}')."
  if [ "$agree" = 1 ]; then
    echo "- Summaries: \`metrics --data\`, \`metrics --db\` and DuckDB agree (bench/compare.mjs)."
  else
    echo "- Summaries DISAGREE (bench/compare.mjs):"
    echo
    echo '```'
    sed "s|$work/||g" "$work"/cmp-*.txt
    echo '```'
  fi
  echo
  echo "<details><summary>DuckDB summary</summary>"
  echo
  echo '```json'
  cat "$work/duckdb.json"
  echo '```'
  echo "</details>"
} > "$results"
cat "$results"
log "results written to $results"
[ "$agree" = 1 ]
