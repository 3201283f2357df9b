#!/usr/bin/env bash
# Every test: set up, build, run the whole CTest suite (unit, property, crash and
# end-to-end tests). Exit status is non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 600
