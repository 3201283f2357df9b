#!/usr/bin/env bash
# Cross-check of Bellwether's account rows and reports (matrix, lifecycle,
# drivers, retention) against the independent Node implementation views.mjs.
#
#   bench/crosscheck/run.sh [BELLWETHER_BINARY]      (default build/bellwether)
#
# Data sets: generated ones (800 accounts, seeds 1..3 with three as-of dates;
# seed 1 is also read as of two earlier dates, so that it holds events after T),
# the hand-made cases under bench/crosscheck/cases/ (each has an AS_OF file) and
# tests/data/*. Each is read by Bellwether twice: with --data DIR, and from a
# store the directory was imported into (--db), unless BW_CROSSCHECK_NO_DB=1.
# Last line: "N passed, N failed"; exit 1 on any failure.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-$root/build/bellwether}"
[ -x "$bin" ] || { echo "run.sh: $bin is not executable" >&2; exit 2; }
case "$bin" in /*) ;; *) bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" ;; esac
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# run from the temp dir, so that a ./bellwether.toml of the caller does not apply
cd "$tmp" || exit 2
passed=0
failed=0

check_set() { # NAME DIR AS_OF
  local name="$1" dir="$2" asof="$3" out="$tmp/$1"
  mkdir -p "$out"
  if ! node "$here/views.mjs" "$dir" "$asof" "$out/ours" 2>"$out/views.err"; then
    echo "FAIL $name: views.mjs: $(head -3 "$out/views.err")"; failed=$((failed + 5)); return
  fi
  check_source "$name" "$out" "$asof" --data "$dir"
  [ "${BW_CROSSCHECK_NO_DB:-0}" = 1 ] && return
  if ! "$bin" import --db "$out/store.db" "$dir" >/dev/null 2>"$out/import.err"; then
    echo "FAIL $name: import: $(grep -v '^warning' "$out/import.err" | head -3)"; failed=$((failed + 1)); return
  fi
  check_source "$name (db)" "$out/db" "$asof" --db "$out/store.db"
}

check_source() { # NAME OUT AS_OF --data DIR | --db FILE   (ours are in OUT/ours or OUT/../ours)
  local name="$1" out="$2" asof="$3" src="$4" path="$5"
  local ours="$out/ours"
  [ -d "$ours" ] || ours="$(dirname "$out")/ours"
  mkdir -p "$out"
  local what subset rc
  for what in accounts matrix lifecycle drivers retention; do
    if [ "$what" = accounts ]; then
      subset='$,$.accounts[*]'
      "$bin" accounts "$src" "$path" --as-of "$asof" --format json >"$out/$what.json" 2>"$out/$what.err"
      rc=$?
    else
      subset='$'
      "$bin" report "$what" "$src" "$path" --as-of "$asof" --format json >"$out/$what.json" 2>"$out/$what.err"
      rc=$?
    fi
    if [ $rc -ne 0 ] || [ ! -s "$out/$what.json" ]; then
      echo "FAIL $name $what: bellwether: $(grep -v '^warning' "$out/$what.err" | head -3)"; failed=$((failed + 1)); continue
    fi
    if node "$here/compare.mjs" --subset "$subset" "$ours/$what.json" "$out/$what.json" >"$out/$what.diff"; then
      echo "ok   $name $what"; passed=$((passed + 1))
    else
      echo "FAIL $name $what"; sed 's/^/     /' "$out/$what.diff"; failed=$((failed + 1))
    fi
  done
}

i=0
for asof in 2026-06-30 2025-12-15 2026-03-31; do
  i=$((i + 1))
  dir="$tmp/gen-$i"
  if "$bin" generate --out "$dir" --accounts 800 --seed "$i" --as-of "$asof" >/dev/null 2>"$tmp/gen-$i.err"; then
    check_set "seed$i@$asof" "$dir" "$asof"
    if [ "$i" = 1 ]; then
      check_set "seed1@2025-09-15" "$dir" 2025-09-15
      check_set "seed1@2024-02-29" "$dir" 2024-02-29
    fi
  else
    echo "FAIL generate seed $i: $(head -3 "$tmp/gen-$i.err")"; failed=$((failed + 1))
  fi
done

for case in "$here"/cases/*/; do
  [ -f "$case/AS_OF" ] || continue
  check_set "case:$(basename "$case")" "${case%/}" "$(tr -d ' \n\r' <"$case/AS_OF")"
done

for set in "$root"/tests/data/*/; do
  [ -f "$set/accounts.csv" ] || continue
  check_set "testdata:$(basename "$set")" "${set%/}" "$(tr -d ' \n\r' <"$set/AS_OF")"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
