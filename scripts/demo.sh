#!/usr/bin/env bash
# The demo: set up, build, generate a 2,000-account data set, import it into
# ./bellwether.db and print the book-of-business summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh bellwether
rm -rf demo-data
build/bellwether generate --out demo-data --accounts 2000 --seed 7
rm -f bellwether.db bellwether.db-wal bellwether.db-shm
build/bellwether import demo-data --db bellwether.db
build/bellwether metrics --db bellwether.db
