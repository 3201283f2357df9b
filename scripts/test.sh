#!/usr/bin/env bash
# Every test and check: set up (scripts/setup.sh), then run the CI jobs one after another,
# each with a banner and its elapsed time, and a summary at the end. Exit status is
# non-zero when any job fails; the other jobs still run. See docs/ci.md.
#
# Jobs (scripts/ci/*.sh):
#   format   clang-format-14 check of the paths in .clang-format-paths
#   release  GCC Release build (build/) and the whole ctest suite        (the old test.sh)
#   tidy     clang-tidy-14 over the paths in .clang-tidy-paths
#   asan     clang-14 ASan+UBSan build (build-asan/): unit and integration tests, fuzz corpus
#   tsan     clang-14 TSan build (build-tsan/): the tests that run threads
#
# Quick local runs: BELLWETHER_CI_FAST=1 runs only "release"; BELLWETHER_CI_JOBS="asan tidy"
# runs the named jobs. With CI=true both are ignored and every job runs.
set -euo pipefail
cd "$(dirname "$0")/.."

all_jobs=(format release tidy asan tsan)
jobs=("${all_jobs[@]}")
if [ "${CI:-}" = "true" ]; then
  if [ -n "${BELLWETHER_CI_FAST:-}${BELLWETHER_CI_JOBS:-}" ]; then
    echo "test.sh: CI=true, running every job (BELLWETHER_CI_FAST / BELLWETHER_CI_JOBS ignored)"
  fi
elif [ -n "${BELLWETHER_CI_JOBS:-}" ]; then
  read -r -a jobs <<<"$BELLWETHER_CI_JOBS"
elif [ "${BELLWETHER_CI_FAST:-0}" != "0" ]; then
  jobs=(release)
fi
for job in "${jobs[@]}"; do
  if [ ! -f "scripts/ci/$job.sh" ] && [ "$job" != asan ] && [ "$job" != tsan ]; then
    echo "test.sh: unknown job '$job' (jobs: ${all_jobs[*]})" >&2
    exit 2
  fi
done

total_start=$SECONDS
bash scripts/setup.sh
setup_time=$((SECONDS - total_start))

logs=build-ci
mkdir -p "$logs"
declare -A status elapsed
failed=0
for job in "${jobs[@]}"; do
  case "$job" in
    asan|tsan) cmd=(bash scripts/ci/sanitizer.sh "$job") ;;
    *) cmd=(bash "scripts/ci/$job.sh") ;;
  esac
  echo
  echo "================================================================================"
  echo "== job $job: ${cmd[*]}    ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo "================================================================================"
  start=$SECONDS
  set +e
  "${cmd[@]}" 2>&1 | tee "$logs/$job.log"
  rc=${PIPESTATUS[0]}
  set -e
  elapsed[$job]=$((SECONDS - start))
  if [ "$rc" -eq 0 ]; then status[$job]=passed; else status[$job]="FAILED (exit $rc)"; failed=1; fi
  echo "== job $job: ${status[$job]} in ${elapsed[$job]} s"
done

echo
echo "================================================================================"
echo "== summary: $((SECONDS - total_start)) s in all (setup.sh ${setup_time} s)"
for job in "${jobs[@]}"; do
  tests="$(grep -E 'tests passed, [0-9]+ tests failed out of' "$logs/$job.log" | tail -1 || true)"
  printf '   %-8s %-18s %5d s  %s\n' "$job" "${status[$job]}" "${elapsed[$job]}" "$tests"
done
echo "================================================================================"
# One plain closing line over every job's ctest run: "N passed, N failed".
passed_total=0
failed_total=0
for job in "${jobs[@]}"; do
  line="$(grep -E 'tests passed, [0-9]+ tests failed out of' "$logs/$job.log" | tail -1 || true)"
  [ -n "$line" ] || continue
  job_failed="$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")"
  job_total="$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")"
  passed_total=$((passed_total + job_total - job_failed))
  failed_total=$((failed_total + job_failed))
done
echo "$passed_total passed, $failed_total failed"
exit "$failed"
