#!/usr/bin/env bash
# Installs dependencies (idempotent) and builds Bellwether into build/ (binary: build/bellwether).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" >/dev/null
cmake --build build -j "$(nproc)"
