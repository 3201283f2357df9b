#!/usr/bin/env bash
# A clang-14 sanitizer build of the test targets and a ctest run over it.
# Usage: scripts/ci/sanitizer.sh asan|tsan
#   asan: -fsanitize=address,undefined into build-asan/; every unit and integration test
#         except the Node cross-check and the web dashboard's tests, plus the fuzz corpus replay (csv_reader_fuzz_corpus).
#   tsan: -fsanitize=thread into build-tsan/; the tests that run threads (executor, book
#         views, snapshot build, the server, the outbox sender's connections, the survey
#         end-to-end tests: 1,000 concurrent answers, the sender killed mid-batch; the
#         sheets converted while the import reads them).
# Both build at -O1 with line tables only: fast to compile, readable stacks. Idempotent: an
# existing build directory is reused. Assumes scripts/setup.sh has run.
set -euo pipefail
cd "$(dirname "$0")/../.."
kind="${1:?usage: scripts/ci/sanitizer.sh asan|tsan}"
jobs="$(nproc)"

case "$kind" in
  asan)
    sanitize="address,undefined"
    targets=(core_test io_test store_test snapshot_test analytics_test predict_test config_test
             generate_test survey_test loop_test service_test server_test integration_test
             bellwether
             csv_reader_fuzz workspace_config_fuzz multipart_fuzz dialect_fuzz xlsx_reader_fuzz
             import_profile_fuzz)
    # The Node cross-check needs nothing the unit tests miss and runs minutes under ASan; the
    # web dashboard's tests (vitest, Chromium) test no C++ beyond what server_test does.
    ctest_select=(-E '^(crosscheck_independent_implementation|web_unit|web_e2e)$')
    ;;
  tsan)
    sanitize="thread"
    targets=(core_test io_test snapshot_test server_test survey_test integration_test bellwether)
    # core_test ExecutorTest.*, integration_test Books/BookViewsTest.* and BookViewsEdgeTest.*,
    # snapshot_test (SnapshotBuilderTest.*), server_test (HttpServerTest.*, ResponsesTest.*),
    # integration_test ServerTest.*, ImportDialectsTest.* (the import converts the sheets
    # of a workbook on several threads), survey_test SurveyTest.* (the sender over several
    # connections), integration_test SurveyEndToEndTest.* (serve and the sender under TSan),
    # io_test CsvStreamTest.* and StreamedSheetsTest.* (a sheet converted while it is read).
    ctest_select=(-R '^(ExecutorTest|Books/BookViewsTest|BookViewsEdgeTest|SnapshotBuilderTest|HttpServerTest|ResponsesTest|ServerTest|ImportDialectsTest|SurveyTest|SurveyEndToEndTest|CsvStreamTest|StreamedSheetsTest)\.')
    ;;
  *) echo "unknown sanitizer build: $kind (asan or tsan)" >&2; exit 2 ;;
esac

dir="build-$kind"
CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  -DBELLWETHER_SANITIZE="$sanitize" -DBELLWETHER_BENCHMARKS=OFF >/dev/null
cmake --build "$dir" -j "$jobs" --target "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/scripts/ci/tsan.supp}"
ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 900 "${ctest_select[@]}"
