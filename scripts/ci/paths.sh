# Sourced by scripts/ci/format.sh and scripts/ci/tidy.sh: expands a path list file
# (.clang-format-paths, .clang-tidy-paths) into the C++ files it covers, one per line.
# Format of the list: one path per line (a directory, taken recursively, or a file);
# "!path" removes a file or directory added by an earlier line; "#" starts a comment.
# Only *.cc and *.h files count.
expand_path_list() {
  local list="$1" line path
  local -a include=() exclude=()
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%%#*}"
    line="$(echo "$line" | xargs)"  # trim
    [ -z "$line" ] && continue
    if [ "${line:0:1}" = "!" ]; then exclude+=("${line:1}"); else include+=("$line"); fi
  done <"$list"
  [ "${#include[@]}" -eq 0 ] && return 0
  local f e skip
  find "${include[@]}" -type f \( -name '*.cc' -o -name '*.h' \) | sort -u | while IFS= read -r f; do
    skip=0
    for e in "${exclude[@]+"${exclude[@]}"}"; do
      e="${e%/}"
      if [ "$f" = "$e" ] || [ "${f#"$e"/}" != "$f" ]; then skip=1; break; fi
    done
    [ "$skip" -eq 0 ] && echo "$f"
  done
}
