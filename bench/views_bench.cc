// Every analytics view of issue 4 from a warm snapshot: the snapshot is built once from
// a data set directory (BELLWETHER_BENCH_DATA, default bench/data-100000), then each view
// and all of them together are timed with Google Benchmark.
//   build/views_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstdio>

#include "analytics/account_rows.h"
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
    const auto rows = analytics::ComputeAccountBasics(snap, facts, kParams);
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

// Everything above, one after the other: what a dashboard refresh asks for.
void AllViews(benchmark::State& state) {
  const snapshot::Snapshot& snap = Snap();
  const analytics::HealthConfig health = analytics::DefaultHealthConfig();
  const Day classified = analytics::BaselineWaveEnd(snap, "2026-Q1", kAsOf).value_or(kAsOf);
  for (auto _ : state) {
    // One pass of facts and basics as of T serves every view that is as of T.
    const auto facts = analytics::ComputeAccountFacts(snap, kAsOf, kParams);
    benchmark::DoNotOptimize(analytics::ComputeSummary(snap, facts, kParams));
    const auto rows = analytics::ComputeAccountBasics(snap, facts, kParams);
    benchmark::DoNotOptimize(analytics::ComputeAccountRows(snap, rows, kAsOf, kParams, health));
    benchmark::DoNotOptimize(analytics::ComputeMatrix(rows));
    benchmark::DoNotOptimize(analytics::ComputeLifecycle(snap, facts, kParams));
    benchmark::DoNotOptimize(analytics::ComputeDrivers(snap, facts));
    benchmark::DoNotOptimize(analytics::ComputeRetentionSegments(snap, facts, kParams));
    benchmark::DoNotOptimize(analytics::ComputeTouchpointsReport(rows));
    benchmark::DoNotOptimize(analytics::ComputeResponsesReport(snap, rows, kAsOf, kParams));
    benchmark::DoNotOptimize(analytics::Simulate(snap, facts, kParams, {}));
    benchmark::DoNotOptimize(analytics::ComputeHealthCheck(snap, kAsOf, kParams, health));
    benchmark::DoNotOptimize(
        analytics::ComputeCampaign(snap, kAsOf, classified, "2026-Q1", "2026-Q2", kParams));
  }
}

BENCHMARK(Summary)->Unit(benchmark::kMillisecond);
BENCHMARK(AccountRows)->Unit(benchmark::kMillisecond);
BENCHMARK(Reports)->Unit(benchmark::kMillisecond);
BENCHMARK(RetentionSegments)->Unit(benchmark::kMillisecond);
BENCHMARK(HealthCheck)->Unit(benchmark::kMillisecond);
BENCHMARK(Campaign)->Unit(benchmark::kMillisecond);
BENCHMARK(AllViews)->Unit(benchmark::kMillisecond);

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
