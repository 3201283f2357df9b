#!/usr/bin/env bash
# The GCC Release build of everything (scripts/build.sh, into build/) and every ctest test,
# the Node cross-check and the fuzz corpus replay included.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 600
