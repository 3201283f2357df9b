#!/usr/bin/env bash
# Server benchmark (docs/performance.md, "Server"): wrk on loopback against `bellwether
# serve` with the 100k-account book, and against bench/hello_server (the same HTTP layer
# answering a fixed body) in the same run.
#
#   bench/server_bench.sh [ACCOUNTS]     (default 100000)
#
# Environment: DURATION (seconds per run, default 10), CONNECTIONS (default 64),
# THREADS (wrk threads, default 2). Prints a markdown table and writes
# bench/results-server-ACCOUNTS.md.
set -euo pipefail
accounts="${1:-100000}"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bw=build/bellwether
data="bench/data-$accounts"
work="$(mktemp -d "${TMPDIR:-/tmp}/bw-server-bench.XXXXXX")"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
log() { printf '== %s\n' "$*" >&2; }

command -v wrk >/dev/null || { echo "wrk is missing (scripts/setup.sh installs it)" >&2; exit 1; }
[ -x "$bw" ] && [ -x build/hello_server ] || bash scripts/build.sh bellwether hello_server
if [ ! -d "$data" ]; then
  log "generating $data"
  "$bw" generate --out "$data" --accounts "$accounts" --seed 42 --as-of 2026-06-30 >/dev/null
fi
log "importing $data"
"$bw" import "$data" --db "$work/book.db" >/dev/null
printf 'correct horse battery\n' | "$bw" user add bench@example.com --role cx_manager --db "$work/book.db" >/dev/null
token="$("$bw" token create --user bench@example.com --name bench --db "$work/book.db" | tail -1)"
contact="$(sed -n '2p' "$data/contacts.csv" | cut -d, -f1)"

start_and_wait() {  # command... ; sets port
  : > "$work/out"
  "$@" > "$work/out" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 1 600); do
    port="$(sed -n 's/.*:\([0-9][0-9]*\).*/\1/p' "$work/out" | head -1)"
    [ -n "$port" ] && break
    sleep 0.1
  done
}
start_and_wait "$bw" serve --db "$work/book.db" --port 0 --access-log /dev/null
serve_port="$port"
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$serve_port/readyz" >/dev/null && break; sleep 0.1; done
start_and_wait build/hello_server 0
hello_port="$port"

auth="Authorization: Bearer $token"
summary="http://127.0.0.1:$serve_port/api/v1/metrics/summary?as_of=2026-06-30"
page="http://127.0.0.1:$serve_port/api/v1/accounts?as_of=2026-06-30&limit=100"
log "warming the view cache"
curl -sf -H "$auth" "$summary" >/dev/null
curl -sf -H "$auth" "$page" >/dev/null

cat > "$work/post.lua" <<LUA
-- Each wrk thread gets its own number, so response ids never collide between threads.
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
counter = 0
request = function()
  counter = counter + 1
  local id = "BENCH-" .. tostring(tid) .. "-" .. counter
  local body = '{"response_id": "' .. id .. '", "contact_id": "$contact", "responded_on": "2026-06-01", "score": 9}'
  return wrk.format("POST", "/api/v1/responses", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token"}, body)
end
LUA

run() {  # label, wrk args...
  local label="$1"; shift
  log "$label"
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" > "$work/wrk.txt" 2>&1
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")"
  p50="$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")"
  errors="$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")"
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "${errors:-0}"
}

{
  echo "Server benchmark: $accounts accounts, wrk -t$threads -c$connections -d${duration}s on loopback, $(nproc) cores"
  echo
  echo "| request | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  run "hello-world (same HTTP layer)" "http://127.0.0.1:$hello_port/"
  run "GET /metrics/summary (cached)" -H "$auth" "$summary"
  run "GET /accounts, 100 rows" -H "$auth" "$page"
  run "POST /responses (durable)" -s "$work/post.lua" "http://127.0.0.1:$serve_port/api/v1/responses"
} | tee "bench/results-server-$accounts.md"
