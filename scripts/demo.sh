#!/usr/bin/env bash
# The demo: set up, build, generate a 2,000-account data set, import it into
# ./bellwether.db, print the book-of-business summary, create a demo admin and serve the
# web dashboard and the API on http://localhost:8080 until Ctrl-C.
# BELLWETHER_DEMO_PASSWORD sets the admin's password; otherwise a random one is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh bellwether
rm -rf demo-data
build/bellwether generate --out demo-data --accounts 2000 --seed 7
rm -f bellwether.db bellwether.db-wal bellwether.db-shm
build/bellwether import demo-data --db bellwether.db
build/bellwether metrics --db bellwether.db

email="admin@example.com"
password="${BELLWETHER_DEMO_PASSWORD:-}"
if [ -z "$password" ]; then
  password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20)"
fi
printf '%s\n' "$password" |
  build/bellwether user add "$email" --role admin --name "Demo Admin" --db bellwether.db
cat <<MSG

Bellwether: open the dashboard at http://localhost:${BELLWETHER_PORT:-8080}
  log in as   $email
  password    $password
  (figures as of the end of last month; another date: the "Stichtag" / "As of" field)
  API         http://localhost:${BELLWETHER_PORT:-8080}/api/v1/openapi.json (docs/api.md)
MSG
exec build/bellwether serve --db bellwether.db
