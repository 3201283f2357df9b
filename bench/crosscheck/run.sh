#!/usr/bin/env bash
# Cross-check of Bellwether's account rows and reports (matrix, lifecycle,
# drivers, retention) against the independent Node implementation views.mjs.
#
#   bench/crosscheck/run.sh [BELLWETHER_BINARY]      (default build/bellwether)
#
# Generated data sets (800 accounts, seeds 1..3 with three as-of dates) and the
# hand-made cases under bench/crosscheck/cases/ (each has an AS_OF file).
# Last line: "N passed, N failed"; exit 1 on any failure.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-$root/build/bellwether}"
[ -x "$bin" ] || { echo "run.sh: $bin is not executable" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

check_set() { # NAME DIR AS_OF
  local name="$1" dir="$2" asof="$3" out="$tmp/$1"
  mkdir -p "$out"
  if ! node "$here/views.mjs" "$dir" "$asof" "$out/ours" 2>"$out/views.err"; then
    echo "FAIL $name: views.mjs: $(head -3 "$out/views.err")"; failed=$((failed + 5)); return
  fi
  local what subset rc
  for what in accounts matrix lifecycle drivers retention; do
    if [ "$what" = accounts ]; then
      subset='$,$.accounts[*]'
      "$bin" accounts --data "$dir" --as-of "$asof" --format json >"$out/$what.json" 2>"$out/$what.err"
      rc=$?
    else
      subset='$'
      "$bin" report "$what" --data "$dir" --as-of "$asof" --format json >"$out/$what.json" 2>"$out/$what.err"
      rc=$?
    fi
    if [ $rc -ne 0 ] || [ ! -s "$out/$what.json" ]; then
      echo "FAIL $name $what: bellwether: $(grep -v '^warning' "$out/$what.err" | head -3)"; failed=$((failed + 1)); continue
    fi
    if node "$here/compare.mjs" --subset "$subset" "$out/ours/$what.json" "$out/$what.json" >"$out/$what.diff"; then
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
  else
    echo "FAIL generate seed $i: $(head -3 "$tmp/gen-$i.err")"; failed=$((failed + 1))
  fi
done

for case in "$here"/cases/*/; do
  [ -f "$case/AS_OF" ] || continue
  check_set "case:$(basename "$case")" "${case%/}" "$(tr -d ' \n\r' <"$case/AS_OF")"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
