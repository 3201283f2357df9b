#!/usr/bin/env bash
# Runs the README's "A tour" section in the order written, in a fresh directory, and checks
# that each command block prints what the README shows after it. Usage:
#   readme_tour_test.sh BINARY
# How the README's output blocks are compared:
#   - `build/bellwether` is the binary under test; the server of the tour listens on a free
#     port instead of 8080 (the curl lines are rewritten to match).
#   - "(N rows in X s)" timings are not compared.
#   - Only ```sh blocks run; ```shell blocks show commands on files the reader has (their
#     own exports), which the tour cannot run.
#   - "..." in a line stands for any text (a random token); a line that is only "..." ends
#     the comparison of its block (the README shows the head of a long output).
set -euo pipefail
bin="$(realpath "$1")"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/bw-readme-tour.XXXXXX")"
cleanup() {
  # The tour starts its server with `&`; stop whatever it left running.
  [ -n "${port:-}" ] && pkill -f "bellwether serve --db tour.db --port $port" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
mkdir -p build
ln -s "$bin" build/bellwether
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

# The tour: from "## A tour" to the next "## " heading. Pairs of an ```sh block and the
# plain ``` block right after it, written to cmd-N.sh and want-N.txt.
awk -v dir="$work" '
  /^## A tour/ { in_tour = 1; next }
  in_tour && /^## / { in_tour = 0 }
  !in_tour { next }
  /^```sh$/ { n++; mode = "cmd"; file = dir "/cmd-" n ".sh"; printf "" > file; next }
  /^```$/ && mode == "" && n > 0 && !(n in wanted) { mode = "want"; wanted[n] = 1; file = dir "/want-" n ".txt"; printf "" > file; next }
  /^```$/ { mode = ""; next }
  mode != "" { print >> file }
' "$root/README.md"
blocks="$(ls cmd-*.sh 2>/dev/null | wc -l)"
[ "$blocks" -ge 5 ] || { echo "README.md: expected the tour's command blocks, found $blocks" >&2; exit 1; }

normalise() { sed -E 's/ \(([0-9]+) rows in [0-9.]+ s\)$/ (\1 rows in T s)/' "$1"; }

# Compares the README's block (file $1) with what the commands printed (file $2).
matches() {
  local want="$1" got="$2" i=0 line actual
  mapfile -t got_lines < <(normalise "$got")
  while IFS= read -r line; do
    [[ "$line" =~ ^[[:space:]]*\.\.\.$ ]] && return 0
    actual="${got_lines[$i]-<no more output>}"
    if [[ "$line" == *...* ]]; then
      # "..." stands for any text; everything else of the line is literal.
      local pattern="" rest="$line"
      while [[ "$rest" == *...* ]]; do
        pattern+="$(printf '%q' "${rest%%...*}")*"
        rest="${rest#*...}"
      done
      pattern+="$(printf '%q' "$rest")"
      # shellcheck disable=SC2053  # the pattern is meant as a glob
      eval "[[ \"\$actual\" == $pattern ]]" ||
        { echo "line $((i + 1)): want '$line', got '$actual'"; return 1; }
    elif [ "$line" != "$actual" ]; then
      echo "line $((i + 1)): want '$line'"
      echo "line $((i + 1)):  got '$actual'"
      return 1
    fi
    i=$((i + 1))
  done < <(normalise "$want")
  [ "$i" -eq "${#got_lines[@]}" ] || { echo "more output than the README shows: '${got_lines[$i]}'"; return 1; }
}

failed=0
for n in $(seq 1 "$blocks"); do
  sed -i -e "s#localhost:8080#localhost:$port#g" \
         -e "s#\(bellwether serve --db tour.db\)#\1 --port $port#" "cmd-$n.sh"
  if grep -q 'serve --db' "cmd-$n.sh"; then
    # Wait for the server the block starts before its curl lines run.
    awk -v port="$port" '{print} /serve --db/ {print "for _ in $(seq 1 100); do curl -sf http://localhost:" port "/readyz >/dev/null && break; sleep 0.1; done"}' \
      "cmd-$n.sh" > "cmd-$n.tmp" && mv "cmd-$n.tmp" "cmd-$n.sh"
  fi
  if ! bash -euo pipefail "cmd-$n.sh" > "got-$n.txt" 2>&1; then
    echo "README.md tour block $n failed:"; cat "cmd-$n.sh"; cat "got-$n.txt"; failed=1; continue
  fi
  # The waiting loop above makes the server's banner come before the curl output, as shown.
  sed -i "s#127.0.0.1:$port#127.0.0.1:8080#" "got-$n.txt"
  if [ -f "want-$n.txt" ] && ! why="$(matches "want-$n.txt" "got-$n.txt")"; then
    echo "README.md tour block $n prints something else than the README shows: $why"
    cat "cmd-$n.sh"; failed=1
  fi
done
[ "$failed" -eq 0 ] && echo "README.md: the tour's $blocks command blocks ran and print what the README shows"
exit "$failed"
