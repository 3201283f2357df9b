// Properties that hold for any data set, checked on generated ones
// (shared/spec/metrics.md: Key accounts, matrix, lifecycle, retention segments).
#include <gtest/gtest.h>

#include <filesystem>

#include "analytics/account_rows.h"
#include "analytics/lifecycle.h"
#include "analytics/retention.h"
#include "analytics/summary.h"
#include "generate/generator.h"
#include "io/data_set_reader.h"
#include "snapshot/snapshot_builder.h"

namespace bw {
namespace {

namespace fs = std::filesystem;
using analytics::Tier;

class GeneratedDataTest : public ::testing::TestWithParam<uint64_t> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bellwether_property_" + std::to_string(::getpid()) + "_" +
                                        std::to_string(GetParam()));
    generate::GenerateOptions options;
    options.accounts = 1500;
    options.seed = GetParam();
    options.as_of = *ParseDate("2026-06-30");
    ASSERT_TRUE(generate::GenerateDataSet(dir_.string(), options).ok());
    snapshot::SnapshotBuilder builder;
    const Result<io::ReadStats> read = io::ReadDataSet(dir_.string(), builder);
    ASSERT_TRUE(read.ok()) << read.status().message();
    snap_ = builder.Finish();
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  std::shared_ptr<const snapshot::Snapshot> snap_;
  const Day as_of_ = *ParseDate("2026-06-30");
  const analytics::MetricParams params_{};
};

TEST_P(GeneratedDataTest, MatrixLifecycleAndTiersPartitionTheActiveAccounts) {
  const auto facts = analytics::ComputeAccountFacts(*snap_, as_of_, params_);
  const auto summary = analytics::ComputeSummary(*snap_, facts, params_);
  const auto rows = analytics::ComputeAccountBasics(facts, params_);
  ASSERT_EQ(static_cast<int64_t>(rows.size()), summary.accounts_active);
  ASSERT_GT(summary.accounts_active, 1000);

  const analytics::MatrixReport matrix = analytics::ComputeMatrix(rows);
  int64_t accounts = 0;
  Cents ttm = 0;
  for (const auto& cell : matrix.quadrants) {
    accounts += cell.accounts;
    ttm += cell.ttm;
  }
  EXPECT_EQ(accounts, summary.accounts_active);
  EXPECT_EQ(ttm, summary.active_ttm);

  const analytics::LifecycleReport lifecycle = analytics::ComputeLifecycle(*snap_, facts, params_);
  int64_t inside = 0, outside = 0;
  Cents inside_ttm = 0;
  for (size_t c = 0; c < 4; ++c) {
    inside += lifecycle.pareto[c].accounts;
    outside += lifecycle.rest[c].accounts;
    inside_ttm += lifecycle.pareto[c].ttm;
  }
  EXPECT_EQ(inside + outside, summary.accounts_active);
  EXPECT_EQ(inside, summary.pareto_accounts);
  EXPECT_EQ(inside_ttm, summary.pareto_revenue);
  // The Pareto set reaches 80 % of TTM, and is the shortest prefix that does.
  EXPECT_GE(static_cast<double>(summary.pareto_revenue), 0.8 * static_cast<double>(summary.active_ttm));
  const Cents last = rows[static_cast<size_t>(inside) - 1].ttm;
  EXPECT_LT(static_cast<double>(summary.pareto_revenue - last),
            0.8 * static_cast<double>(summary.active_ttm));

  // Tiers: A reaches 50 %, A+B 80 %, A+B+C 95 %, each the shortest such prefix, in order.
  const double total = static_cast<double>(summary.active_ttm);
  Cents cumulative = 0;
  std::array<Cents, 4> reached{};
  std::array<Cents, 4> before_last{};
  Tier previous = Tier::kA;
  for (const auto& row : rows) {
    EXPECT_GE(row.tier, previous);
    previous = row.tier;
    before_last[static_cast<size_t>(row.tier)] = cumulative;
    cumulative += row.ttm;
    reached[static_cast<size_t>(row.tier)] = cumulative;
  }
  const double shares[] = {0.5, 0.8, 0.95};
  for (size_t t = 0; t < 3; ++t) {
    EXPECT_GE(static_cast<double>(reached[t]), shares[t] * total) << "tier " << t;
    EXPECT_LT(static_cast<double>(before_last[t]), shares[t] * total) << "tier " << t;
  }
}

TEST_P(GeneratedDataTest, SegmentCohortsAddUpToTheBook) {
  const auto overall = analytics::ComputeRetention(*snap_, as_of_);
  const auto segments = analytics::ComputeRetentionSegments(*snap_, as_of_, params_);
  for (const auto* group : {&segments.industry, &segments.region, &segments.owner,
                            &segments.prior_category}) {
    int64_t cohort = 0;
    for (const auto& [name, figures] : *group) cohort += figures.cohort;
    EXPECT_EQ(cohort, overall.cohort);
  }
  ASSERT_GT(overall.cohort, 0);
  EXPECT_GE(*overall.grr, 0.0);
  EXPECT_LE(*overall.grr, 1.0);
  EXPECT_LE(*overall.grr, *overall.nrr);
  EXPECT_NEAR(*overall.egr, *overall.nrr + *overall.enc - 1.0, 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Seeds, GeneratedDataTest, ::testing::Values(1u, 2u, 3u));

}  // namespace
}  // namespace bw
