#!/usr/bin/env bash
# Checks that the files listed in .clang-format-paths are formatted by clang-format-14 with
# .clang-format (Google based, 100 columns). Changes nothing; prints the differences and
# exits non-zero when a file would change. To fix a file: clang-format-14 -i FILE.
# Usage: scripts/ci/format.sh [--list]   (--list prints the covered files and exits)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/ci/paths.sh
mapfile -t files < <(expand_path_list .clang-format-paths)
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${files[@]}"; exit 0; fi
echo "clang-format: checking ${#files[@]} files listed by .clang-format-paths"
clang-format-14 --version
if clang-format-14 --dry-run --Werror "${files[@]}"; then
  echo "clang-format: ${#files[@]} files formatted"
else
  echo "clang-format: files above need 'clang-format-14 -i FILE' (see docs/ci.md)" >&2
  exit 1
fi
