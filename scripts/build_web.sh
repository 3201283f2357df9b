#!/usr/bin/env bash
# Builds the web dashboard (web/ -> web/dist, which `bellwether serve` ships; docs/dashboard.md).
# Installs the npm packages of web/package-lock.json (npm ci) when web/node_modules is missing
# or older than the lock file, and rebuilds web/dist when a source is newer than it.
# Idempotent and quick when nothing changed. BELLWETHER_WEB_FORCE=1 rebuilds anyway.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "build_web: node and npm are needed to build the dashboard (scripts/setup.sh installs them)" >&2
  exit 1
fi
# Vite 7 needs Node.js 20.19 or newer.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "build_web: the dashboard needs Node.js >= 20.19; this is $(node --version)" >&2
  exit 1
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  echo "build_web: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi

stale=1
if [ -f dist/index.html ] && [ -z "${BELLWETHER_WEB_FORCE:-}" ]; then
  newer="$(find src public index.html vite.config.ts tsconfig.json package-lock.json scripts \
             -newer dist/index.html -print -quit)"
  [ -z "$newer" ] && stale=0
fi
if [ "$stale" = 1 ]; then
  echo "build_web: npm run build"
  npm run --silent build
else
  echo "build_web: web/dist is up to date"
fi
