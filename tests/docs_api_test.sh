#!/usr/bin/env bash
# Runs every ```sh block of docs/api.md, in order, against a real `bellwether serve` on a
# generated book, so the documented examples keep working. Usage: docs_api_test.sh BINARY
set -euo pipefail
bin="$(realpath "$1")"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/bw-docs-api.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

"$bin" generate --out data --accounts 300 --seed 7 --as-of 2026-06-30 >/dev/null
"$bin" import data --db book.db >/dev/null
export PASSWORD="correct horse battery"
printf '%s\n' "$PASSWORD" | "$bin" user add admin@example.com --role admin --db book.db >/dev/null
printf '%s\n' "$PASSWORD" | "$bin" user add viewer@example.com --role viewer --db book.db >/dev/null
TOKEN="$("$bin" token create --user viewer@example.com --name docs --db book.db | tail -1)"
export TOKEN

: > serve.out  # before the server starts: the loop below reads it at once
"$bin" serve --db book.db --port 0 --access-log access.log > serve.out 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  port="$(sed -n 's/.*http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' serve.out)"
  if [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
[ -n "${port:-}" ] || { cat serve.out; echo "server did not start" >&2; exit 1; }
export BW="http://127.0.0.1:$port"

# The sh blocks, concatenated in order into one script run with -e and pipefail.
awk '/^```sh$/ {on=1; next} /^```$/ {on=0} on {print}' "$root/docs/api.md" > examples.sh
blocks="$(grep -c '^```sh$' "$root/docs/api.md")"
[ "$blocks" -ge 5 ] || { echo "expected the examples of docs/api.md, found $blocks" >&2; exit 1; }
bash -euo pipefail examples.sh > examples.out 2>&1 || {
  echo "docs/api.md examples failed:" >&2; cat examples.out >&2; exit 1; }
echo "docs/api.md: $blocks example blocks ran"
