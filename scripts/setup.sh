#!/usr/bin/env bash
# Installs every Debian package Bellwether needs to build, test and benchmark.
# Idempotent: packages already present are left alone; safe to run on every build.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libsqlite3-dev sqlite3
  nlohmann-json3-dev libfmt-dev libcli11-dev libfast-float-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libboost-dev libsodium-dev libcurl4-openssl-dev libxlsxwriter-dev libzip-dev libexpat1-dev
  libxgboost-dev
  wrk curl
  chromium fonts-dejavu-core
  python3-aiosmtpd
  clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14
)

# Node.js runs the independent cross-check of the figures (bench/crosscheck) in the test
# suite and the DuckDB benchmark peer, and builds and tests the web dashboard (npm; Vite 7
# needs Node.js >= 20.19); machines of this project usually ship it already. Chromium (above)
# runs the dashboard's end-to-end test (web/e2e, driven by playwright-core; never a
# downloaded browser).
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs)
fi
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
