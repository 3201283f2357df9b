// The JSON text of `bellwether accounts --format json` for every active account of a data
// set (BELLWETHER_BENCH_DATA, default bench/data-100000): through the DOM
// (AccountListToJson(...).dump(2), nlohmann::ordered_json) against the streaming writer
// (AccountListJsonText), in the same run. The rows are computed once, before timing; bytes/s
// is the text's size over the time. Results in docs/performance.md, "JSON output".
//   build/json_output_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "analytics/account_rows.h"
#include "io/data_set_reader.h"
#include "service/account_json.h"
#include "snapshot/snapshot_builder.h"

namespace {

using namespace bw;

const Day kAsOf = *ParseDate("2026-06-30");

struct Book {
  std::shared_ptr<const snapshot::Snapshot> snap;
  std::vector<analytics::AccountRow> rows;
};

const Book& TheBook() {
  static const Book book = [] {
    const char* env = std::getenv("BELLWETHER_BENCH_DATA");
    const std::string dir = env != nullptr ? env : "bench/data-100000";
    // As the accounts command loads it: without contact names, e-mails and comments.
    snapshot::SnapshotBuilder builder(snapshot::SnapshotOptions{.keep_text = false});
    const Result<io::ReadStats> read = io::ReadDataSet(dir, builder);
    if (!read.ok()) {
      std::fprintf(stderr, "json_output_bench: %s\n", read.status().message().c_str());
      std::exit(1);
    }
    Book b;
    b.snap = builder.Finish();
    b.rows = analytics::ComputeAccountRows(*b.snap, kAsOf, analytics::MetricParams(),
                                           analytics::DefaultHealthConfig());
    return b;
  }();
  return book;
}

void AccountsJsonDom(benchmark::State& state) {
  const Book& book = TheBook();
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string text =
        service::AccountListToJson(*book.snap, kAsOf, book.rows).dump(2) + "\n";
    bytes += text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["rows"] = static_cast<double>(book.rows.size());
}

void AccountsJsonStream(benchmark::State& state) {
  const Book& book = TheBook();
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = service::AccountListJsonText(*book.snap, kAsOf, book.rows);
    bytes += text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["rows"] = static_cast<double>(book.rows.size());
}

// Only the DOM's construction, without dump: where the DOM's time goes.
void AccountsJsonDomBuildOnly(benchmark::State& state) {
  const Book& book = TheBook();
  for (auto _ : state) {
    benchmark::DoNotOptimize(service::AccountListToJson(*book.snap, kAsOf, book.rows));
  }
}

BENCHMARK(AccountsJsonDom)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(AccountsJsonStream)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(AccountsJsonDomBuildOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  TheBook();  // load and compute before timing anything
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
