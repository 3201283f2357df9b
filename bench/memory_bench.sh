#!/usr/bin/env bash
# Peak memory (maximum resident set size, from GNU time) of the commands a user runs, on
# generated books of several sizes and on pathological files, so that growth with data is
# visible and a file built to exhaust memory is shown to be refused or bounded.
# Usage: bench/memory_bench.sh [ACCOUNTS...]   (default: 10000 100000 200000)
# Writes a Markdown table to stdout; docs/performance.md holds the last run's figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bw=build/bellwether
[ -x "$bw" ] || bash scripts/build.sh bellwether
command -v /usr/bin/time >/dev/null || { echo "GNU time is missing (apt-get install time)" >&2; exit 1; }
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(10000 100000 200000)
work="$(mktemp -d "${TMPDIR:-/tmp}/bw-memory.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Runs a command; prints "max RSS in MB | seconds | exit code".
measure() {
  local out rc
  set +e
  out="$( { /usr/bin/time -f '%M %e' "$@" >/dev/null 2>"$work/stderr"; } 2>&1 )"
  rc=$?
  set -e
  # GNU time writes its line last on stderr.
  read -r kib seconds < <(tail -1 "$work/stderr")
  printf '%8.1f MB | %6.1f s | %s' "$(echo "$kib / 1024" | bc -l)" "$seconds" "$rc"
}

echo "| data | command | peak RSS | time | exit |"
echo "|---|---|---|---|---|"
for accounts in "${sizes[@]}"; do
  data="bench/data-$accounts"
  if [ ! -f "$data/accounts.csv" ]; then
    "$bw" generate --out "$data" --accounts "$accounts" --seed 42 --as-of 2026-06-30 >/dev/null
  fi
  rows="$(cat "$data"/*.csv | wc -l)"
  db="$work/book-$accounts.db"
  echo "| $accounts accounts ($rows rows) | import | $(measure "$bw" import "$data" --db "$db") |"
  echo "| $accounts accounts | metrics --data | $(measure "$bw" metrics --data "$data" --as-of 2026-06-30) |"
  echo "| $accounts accounts | metrics --db | $(measure "$bw" metrics --db "$db" --as-of 2026-06-30) |"
  echo "| $accounts accounts | accounts --format json | $(measure "$bw" accounts --db "$db" --as-of 2026-06-30 --format json) |"
  echo "| $accounts accounts | report health-check | $(measure "$bw" report health-check --db "$db" --as-of 2026-06-30) |"
  rm -f "$db" "$db-wal" "$db-shm"
done

# Pathological files: each must be refused or read in bounded memory.
p="$work/pathological"
mkdir -p "$p"
printf 'account_id,name\nA1,Alpha\n' > "$p/accounts.csv"
# One field of 200 MB (a comment that never ends): the reader caps a field's size.
{ printf 'response_id,contact_id,survey_id,responded_on,score,comment\nR1,C1,,2026-01-01,9,"'
  head -c 200000000 /dev/zero | tr '\0' 'x'; printf '"\n'; } > "$p/responses.csv"
printf 'contact_id,account_id,role\nC1,A1,user\n' > "$p/contacts.csv"
echo "| 200 MB single field | import | $(measure "$bw" import "$p" --db "$work/p.db") |"
rm -f "$p/responses.csv" "$work"/p.db*
# 100,000 columns in a header.
{ printf 'account_id,name'; for i in $(seq 1 100000); do printf ',c%d' "$i"; done; printf '\nA1,Alpha\n'; } > "$p/accounts.csv"
echo "| 100,000 header columns | import | $(measure "$bw" import "$p" --db "$work/p.db") |"
rm -f "$work"/p.db*
# 5 million short rows of one account's revenue (a huge, valid file).
{ printf 'account_id,name\nA1,Alpha\n'; } > "$p/accounts.csv"
{ printf 'account_id,month,amount\n'; yes 'A1,2026-01,1' | head -n 5000000 || true; } > "$p/revenue.csv"
echo "| 5 M revenue rows of one account | import | $(measure "$bw" import "$p" --db "$work/p.db") |"
