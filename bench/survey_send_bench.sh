#!/usr/bin/env bash
# Sending a survey wave to N contacts through a real SMTP server on loopback
# (tests/smtp_sink.py, python3-aiosmtpd), and answer-page submissions per second against
# `bellwether serve` (wrk). Usage: bench/survey_send_bench.sh BINARY [ACCOUNTS]
# ACCOUNTS defaults to 15,000, which gives a wave of more than 100,000 contacts (seed 11).
# The peer, in the same run and against the same server: bench/smtp_peer.py (Python's
# smtplib, no database) sending one of the delivered mails again, as often, over one and
# over [smtp] connections connections. The figures go to docs/performance.md, "Surveys".
set -euo pipefail
bin="$(realpath "$1")"
accounts="${2:-15000}"
connections="${BW_SMTP_CONNECTIONS:-4}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/bw-survey-bench.XXXXXX")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
"$bin" generate --out data --accounts "$accounts" --seed 11 >/dev/null
"$bin" import data --db book.db >/dev/null
# Nobody of the generated book is fatigued by its imported invitations: the bench measures
# sending, so the fatigue period is 0 days.
/usr/bin/python3 "$root/tests/smtp_sink.py" --dir mail --port-file smtp.port >sink.log 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -f smtp.port ] && break; sleep 0.1; done
port=$(cat smtp.port)
cat > bellwether.toml <<TOML
[server]
public_url = "http://127.0.0.1:18555"
[survey]
fatigue_days = 0
answers_per_minute = 1000000
[smtp]
host = "127.0.0.1"
port = $port
from = "Bench <bench@acme.example>"
connections = $connections
TOML
"$bin" survey create BENCH --db book.db >/dev/null
start=$(date +%s.%N)
"$bin" survey send BENCH --db book.db --format json > send.json
mid=$(date +%s.%N)
"$bin" outbox deliver --db book.db --format json > deliver.json
end=$(date +%s.%N)
invited=$(sed -n 's/.*"invited": \([0-9]*\).*/\1/p' send.json)
sent=$(sed -n 's/^  "sent": \([0-9]*\).*/\1/p' deliver.json)
received=$(find mail -name "*.eml" | wc -l)
echo "contacts invited: $invited"
printf 'survey send (queue %s invitations in one transaction): %.2f s, %.0f invitations/s\n' \
  "$invited" "$(echo "$mid - $start" | bc)" "$(echo "$invited / ($mid - $start)" | bc -l)"
rate=$(echo "$sent / ($end - $mid)" | bc -l)
printf 'outbox deliver (%s mails over SMTP, %s connections, %s received): %.2f s, %.0f messages/s\n' \
  "$sent" "$connections" "$received" "$(echo "$end - $mid" | bc)" "$rate"
# The peer: the same number of messages (at most 30,000: the ceiling shows long before),
# same server, same run.
peer_count=$(( sent < 30000 ? sent : 30000 ))
sample=mail/msg-1.eml
for c in 1 "$connections"; do
  read -r n secs peer_rate < <(/usr/bin/python3 "$root/bench/smtp_peer.py" "$port" "$sample" "$peer_count" "$c")
  printf 'peer smtplib (%s messages, %s connections): %.2f s, %.0f messages/s; bellwether / peer = %.2f\n' \
    "$n" "$c" "$secs" "$peer_rate" "$(echo "$rate / $peer_rate" | bc -l)"
done

# Answer-page submissions: one link, POSTed again and again (each a change of the answer,
# committed through the group commit), with wrk.
if command -v wrk >/dev/null; then
  "$bin" serve --db book.db --port 18555 --access-log /dev/null >serve.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 200); do curl -sf http://127.0.0.1:18555/readyz >/dev/null 2>&1 && break; sleep 0.1; done
  link=$(grep -h -o 'http://127.0.0.1:18555/s/[0-9a-f]*' <(python3 - <<'PY'
import base64, glob, re
for name in sorted(glob.glob("mail/*.eml"))[:1]:
    raw = open(name, "rb").read().decode()
    part = raw.split("Content-Transfer-Encoding: base64\r\n\r\n", 1)[1].split("\r\n--", 1)[0]
    print(base64.b64decode(part).decode())
PY
) | head -1)
  cat > post.lua <<'LUA'
wrk.method = "POST"
wrk.body = "score=3&comment=bench&drivers=price"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
LUA
  echo "answer page GET:"; wrk -t2 -c32 -d10s "$link" | grep -E "Requests/sec|Latency"
  echo "answer page POST:"; wrk -t2 -c32 -d10s -s post.lua "$link" | grep -E "Requests/sec|Latency|Non-2xx"
  # The peer: the same server's /healthz (no store, no page) on the same machine and run.
  echo "peer GET /healthz:"; wrk -t2 -c32 -d10s http://127.0.0.1:18555/healthz | grep -E "Requests/sec"
fi
