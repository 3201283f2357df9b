#!/usr/bin/env bash
# Installs dependencies (idempotent) and builds Bellwether into build/ (binary: build/bellwether)
# and the web dashboard into web/dist (scripts/build_web.sh), which build/bellwether serves.
# Usage: scripts/build.sh [TARGET...]   (default: everything, tests and benchmarks included)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" >/dev/null
if [ "$#" -gt 0 ]; then
  cmake --build build -j "$(nproc)" --target "$@"
else
  cmake --build build -j "$(nproc)"
fi
bash scripts/build_web.sh
