// Every analytics view of issue 4 from a warm snapshot: the snapshot is built once from
// a data set directory (BELLWETHER_BENCH_DATA, default bench/data-100000), then each view
// and all of them together are timed with Google Benchmark.
//   build/views_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "analytics/account_rows.h"
#include "analytics/book_views.h"
#include "analytics/drivers.h"
#include "analytics/engagement_classes.h"
#include "analytics/engagement_reports.h"
#include "analytics/health_check.h"
#include "analytics/lifecycle.h"
#include "analytics/retention.h"
#include "analytics/simulator.h"
#include "analytics/summary.h"
#include "io/data_set_reader.h"
#include "snapshot/snapshot_builder.h"

namespace {

using namespace bw;

const snapshot::Snapshot& Snap() {
  static std::shared_ptr<const snapshot::Snapshot> snap = [] {
    const char* env = std::getenv("BELLWETHER_BENCH_DATA");
    const std::string dir = env != nullptr ? env : "bench/data-100000";
    snapshot::SnapshotBuilder builder;
    const Result<io::ReadStats> read = io::ReadDataSet(dir, builder);
    if (!read.ok()) {
      std::fprintf(stderr, "views_bench: %s\n", read.status().message().c_str());
      std::exit(1);
    }
    return builder.Finish();
  }();
  return *snap;
}

const Day kAsOf = *ParseDate("2026-06-30");
const analytics::MetricParams kParams;

void Summary(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(analytics::ComputeSummary(Snap(), kAsOf, kParams));
}

void AccountRows(benchmark::State& state) {
  const analytics::HealthConfig health = analytics::DefaultHealthConfig();
  for (auto _ : state) {
    benchmark::DoNotOptimize(analytics::ComputeAccountRows(Snap(), kAsOf, kParams, health));
  }
}

void Reports(benchmark::State& state) {
  const snapshot::Snapshot& snap = Snap();
  for (auto _ : state) {
    const auto facts = analytics::ComputeAccountFacts(snap, kAsOf, kParams);
    const auto rows = analytics::ComputeAccountBasics(facts, kParams);
    benchmark::DoNotOptimize(analytics::ComputeMatrix(rows));
    benchmark::DoNotOptimize(analytics::ComputeLifecycle(snap, facts, kParams));
    benchmark::DoNotOptimize(analytics::ComputeDrivers(snap, facts));
    benchmark::DoNotOptimize(analytics::ComputeTouchpointsReport(rows));
    benchmark::DoNotOptimize(analytics::ComputeResponsesReport(snap, rows, kAsOf, kParams));
    benchmark::DoNotOptimize(analytics::Simulate(snap, facts, kParams, {}));
  }
}

void RetentionSegments(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(analytics::ComputeRetention(Snap(), kAsOf));
    benchmark::DoNotOptimize(analytics::ComputeRetentionSegments(Snap(), kAsOf, kParams));
  }
}

void HealthCheck(benchmark::State& state) {
  const analytics::HealthConfig health = analytics::DefaultHealthConfig();
  for (auto _ : state) {
    benchmark::DoNotOptimize(analytics::ComputeHealthCheck(Snap(), kAsOf, kParams, health));
  }
}

void Campaign(benchmark::State& state) {
  const Day classified = analytics::BaselineWaveEnd(Snap(), "2026-Q1", kAsOf).value_or(kAsOf);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        analytics::ComputeCampaign(Snap(), kAsOf, classified, "2026-Q1", "2026-Q2", kParams));
  }
}

// Everything above: what a dashboard refresh asks for, computed together
// (analytics/book_views.h): the facts of each date once, the views side by side.
void AllViews(benchmark::State& state) {
  const analytics::HealthConfig health = analytics::DefaultHealthConfig();
  analytics::BookViewsRequest request;
  request.as_of = kAsOf;
  request.campaign = analytics::BookViewsRequest::CampaignWaves{"2026-Q1", "2026-Q2"};
  for (auto _ : state) {
    auto views = analytics::ComputeBookViews(Snap(), request, kParams, health);
    if (!views.ok()) state.SkipWithError(views.status().message().c_str());
    benchmark::DoNotOptimize(views);
  }
}

// The building blocks the views share: the facts of one date and of the four dates of a
// refresh, the categories of one date, the account basics, and every account's health.
void FactsOneDate(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(analytics::ComputeAccountFacts(Snap(), kAsOf, kParams));
  }
}

void FactsFourDates(benchmark::State& state) {
  const std::vector<Day> dates = {kAsOf, kAsOf - 90, kAsOf - 180, kAsOf - 91};
  for (auto _ : state) {
    benchmark::DoNotOptimize(analytics::ComputeAccountFacts(Snap(), dates, kParams));
  }
}

void Categories(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(analytics::AccountCategoriesAsOf(Snap(), kAsOf, kParams));
  }
}

void Basics(benchmark::State& state) {
  const auto facts = analytics::ComputeAccountFacts(Snap(), kAsOf, kParams);
  for (auto _ : state) benchmark::DoNotOptimize(analytics::ComputeAccountBasics(facts, kParams));
}

void RowsFromFacts(benchmark::State& state) {
  const std::vector<Day> dates = {kAsOf, analytics::HealthChangeDay(kAsOf)};
  const auto facts = analytics::ComputeAccountFacts(Snap(), dates, kParams);
  const analytics::HealthConfig health = analytics::DefaultHealthConfig();
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        analytics::ComputeAccountRows(Snap(), facts[0], facts[1], kParams, health));
  }
}

void HealthScores(benchmark::State& state) {
  const auto basics = analytics::ComputeAccountBasics(
      analytics::ComputeAccountFacts(Snap(), kAsOf, kParams), kParams);
  const analytics::HealthConfig health = analytics::DefaultHealthConfig();
  const analytics::HealthScorer scorer(Snap(), health);
  for (auto _ : state) {
    for (const auto& b : basics) benchmark::DoNotOptimize(scorer.Evaluate(b, kAsOf));
  }
}

BENCHMARK(Summary)->Unit(benchmark::kMillisecond);
BENCHMARK(AccountRows)->Unit(benchmark::kMillisecond);
BENCHMARK(Reports)->Unit(benchmark::kMillisecond);
BENCHMARK(RetentionSegments)->Unit(benchmark::kMillisecond);
BENCHMARK(HealthCheck)->Unit(benchmark::kMillisecond);
BENCHMARK(Campaign)->Unit(benchmark::kMillisecond);
BENCHMARK(AllViews)->Unit(benchmark::kMillisecond);
BENCHMARK(FactsOneDate)->Unit(benchmark::kMillisecond);
BENCHMARK(FactsFourDates)->Unit(benchmark::kMillisecond);
BENCHMARK(Categories)->Unit(benchmark::kMillisecond);
BENCHMARK(Basics)->Unit(benchmark::kMillisecond);
BENCHMARK(RowsFromFacts)->Unit(benchmark::kMillisecond);
BENCHMARK(HealthScores)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // Build the snapshot before timing anything: every benchmark starts from a warm one.
  Snap();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
