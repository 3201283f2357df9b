#!/usr/bin/env bash
# Runs clang-tidy-14 with .clang-tidy over the translation units listed by .clang-tidy-paths
# and fails on any warning in them or in their own headers (the listed directories).
# The compile commands are those of the Release build (build/), configured again into
# build-tidy/ without precompiled headers: GCC's .gch files cannot be read by clang.
# Usage: scripts/ci/tidy.sh [--all]   (--all: every file of the compile database, no
#        failure, only a count of findings per check; for widening the path list)
# Assumes scripts/setup.sh has run. Takes ~4 s of CPU per translation unit.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/ci/paths.sh
root="$(pwd)"
dir=build-tidy
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBELLWETHER_PCH=OFF >/dev/null

all=0
if [ "${1:-}" = "--all" ]; then all=1; fi
if [ "$all" -eq 1 ]; then
  mapfile -t units < <(grep -o '"file": "[^"]*"' "$dir/compile_commands.json" |
                       sed 's/"file": "//; s/"$//' | grep "^$root/" | sed "s|^$root/||" | sort -u)
  header_filter="^$root/(src|tests|bench)/"
else
  mapfile -t units < <(expand_path_list .clang-tidy-paths | grep '\.cc$')
  # Findings count only in the listed files (headers included), filtered below.
  header_filter="^$root/(src|tests|bench)/"
fi
echo "clang-tidy: ${#units[@]} translation units"
clang-tidy-14 --version | sed -n 2p

logs="$dir/logs"
rm -rf "$logs" && mkdir -p "$logs"
export root dir logs header_filter
printf '%s\n' "${units[@]}" | xargs -P "$(nproc)" -I{} bash -c '
  f="$1"; log="$logs/$(echo "$f" | tr / _).log"
  clang-tidy-14 -p "$dir" --quiet --header-filter="$header_filter" \
    --extra-arg=-Wno-unknown-warning-option "$root/$f" >"$log" 2>&1 || true
' _ {}

# One finding per "file:line:col: warning|error: ... [check]" line, deduplicated because a
# header is seen from every unit that includes it.
findings="$dir/findings.txt"
cat "$logs"/*.log 2>/dev/null | grep -E '^/.*:[0-9]+:[0-9]+: (warning|error):' | sort -u >"$findings.all" || true
if [ "$all" -eq 1 ]; then
  cp "$findings.all" "$findings"
else
  # Keep the findings in files of .clang-tidy-paths (a "!" line leaves a file out, also
  # when a listed file includes it); an error in a system header (the unit does not
  # compile) is kept too.
  expand_path_list .clang-tidy-paths | sed "s|^|$root/|; s|\$|:|" >"$dir/checked-files.txt"
  { grep -F -f "$dir/checked-files.txt" "$findings.all" || true
    grep -E '^/usr/.*: error:' "$findings.all" || true; } | sort -u >"$findings"
fi
count="$(wc -l <"$findings")"
if [ "$count" -gt 0 ]; then
  echo "clang-tidy: findings per check:"
  sed -E 's/.*\[([^]]+)\]$/\1/' "$findings" | sort | uniq -c | sort -rn
fi
if [ "$all" -eq 1 ]; then
  echo "clang-tidy: $count findings in ${#units[@]} translation units and their headers"
  exit 0
fi
if [ "$count" -gt 0 ]; then
  echo "clang-tidy: $count findings (full messages in $logs/):" >&2
  cat "$findings" >&2
  exit 1
fi
echo "clang-tidy: no findings in ${#units[@]} translation units"
