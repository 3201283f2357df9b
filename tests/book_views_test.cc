// ComputeBookViews (every view of a refresh at once, sharing facts, side by side on the
// cores) gives exactly what each view gives computed on its own, on generated books; and
// the same with every loop on one thread (the figures do not depend on the core count).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "analytics/book_views.h"
#include "analytics/internal/parallel.h"
#include "generate/generator.h"
#include "io/data_set_reader.h"
#include "service/account_json.h"
#include "service/report_json.h"
#include "service/summary_json.h"
#include "snapshot/snapshot_builder.h"
#include "snapshot/testing.h"

namespace bw {
namespace {

namespace fs = std::filesystem;
using namespace analytics;

// (seed, accounts): a small book, and one large enough that the loops split into chunks on
// several threads (internal::ChunkCount, kPartialChunk).
class BookViewsTest : public ::testing::TestWithParam<std::pair<uint64_t, int>> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bellwether_book_views_" + std::to_string(::getpid()) +
                                        "_" + std::to_string(GetParam().first));
    generate::GenerateOptions options;
    options.seed = GetParam().first;
    options.accounts = GetParam().second;
    options.as_of = as_of_;
    ASSERT_TRUE(generate::GenerateDataSet(dir_.string(), options).ok());
    snapshot::SnapshotBuilder builder;
    const Result<io::ReadStats> read = io::ReadDataSet(dir_.string(), builder);
    ASSERT_TRUE(read.ok()) << read.status().message();
    snap_ = builder.Finish();
    request_.as_of = as_of_;
    request_.scenario.moves.push_back({Category::kDetractor, Category::kPassive, 0.25});
    request_.scenario.target_account_nps = 40;
    request_.campaign = BookViewsRequest::CampaignWaves{"2026-Q1", "2026-Q2"};
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Every view as JSON text, in one string per view.
  std::vector<std::string> Render(const BookViews& v) const {
    const snapshot::Snapshot& snap = *snap_;
    std::vector<std::string> out = {
        service::SummaryToJson(v.summary).dump(),
        service::MatrixToJson(as_of_, v.matrix).dump(),
        service::LifecycleToJson(as_of_, v.lifecycle).dump(),
        service::DriversToJson(as_of_, v.drivers).dump(),
        service::RetentionReportToJson(as_of_, v.summary.retention, v.retention_segments).dump(),
        service::TouchpointsToJson(snap, as_of_, v.touchpoints, v.rows).dump(),
        service::ResponsesToJson(snap, as_of_, v.responses, v.rows).dump(),
        service::SimulationToJson(as_of_, v.simulation).dump(),
        service::HealthCheckToJson(as_of_, v.health_check).dump(),
        v.campaign ? service::CampaignToJson(as_of_, *v.campaign).dump() : "no campaign",
    };
    for (const AccountRow& row : v.rows) out.push_back(service::AccountRowToJson(snap, row).dump());
    return out;
  }

  fs::path dir_;
  std::shared_ptr<const snapshot::Snapshot> snap_;
  const Day as_of_ = *ParseDate("2026-06-30");
  const MetricParams params_{};
  const HealthConfig health_ = DefaultHealthConfig();
  BookViewsRequest request_;
};

TEST_P(BookViewsTest, EqualsEachViewComputedOnItsOwn) {
  const snapshot::Snapshot& snap = *snap_;
  Result<BookViews> together = ComputeBookViews(snap, request_, params_, health_);
  ASSERT_TRUE(together.ok()) << together.status().message();
  ASSERT_TRUE(together->campaign.has_value());
  ASSERT_GT(together->rows.size(), static_cast<size_t>(GetParam().second) * 3 / 4);

  // Each view by the functions a single report uses, each computing its own facts.
  BookViews alone;
  const AccountFacts facts = ComputeAccountFacts(snap, as_of_, params_);
  alone.summary = ComputeSummary(snap, as_of_, params_);
  alone.rows = ComputeAccountRows(snap, as_of_, params_, health_);
  const std::vector<AccountBasics> basics = ComputeAccountBasics(facts, params_);
  alone.matrix = ComputeMatrix(basics);
  alone.lifecycle = ComputeLifecycle(snap, facts, params_);
  alone.drivers = ComputeDrivers(snap, facts);
  alone.retention_segments = ComputeRetentionSegments(snap, as_of_, params_);
  alone.touchpoints = ComputeTouchpointsReport(basics);
  alone.responses = ComputeResponsesReport(snap, basics, as_of_, params_);
  Result<SimulationReport> simulation = Simulate(snap, facts, params_, request_.scenario);
  ASSERT_TRUE(simulation.ok());
  alone.simulation = std::move(*simulation);
  alone.health_check = ComputeHealthCheck(snap, as_of_, params_, health_);
  const Day classified = BaselineWaveEnd(snap, "2026-Q1", as_of_).value_or(as_of_);
  Result<CampaignReport> campaign =
      ComputeCampaign(snap, as_of_, classified, "2026-Q1", "2026-Q2", params_);
  ASSERT_TRUE(campaign.ok());
  alone.campaign = std::move(*campaign);

  const std::vector<std::string> expected = Render(alone), actual = Render(*together);
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(actual[i], expected[i]) << "view " << i;
}

TEST_P(BookViewsTest, SameFiguresOnOneThread) {
  Result<BookViews> parallel = ComputeBookViews(*snap_, request_, params_, health_);
  ASSERT_TRUE(parallel.ok());
  InlineExecutor one_thread;
  const ScopedProcessExecutor scope(one_thread);
  Result<BookViews> serial = ComputeBookViews(*snap_, request_, params_, health_);
  ASSERT_TRUE(serial.ok());
  EXPECT_EQ(Render(*serial), Render(*parallel));
}

TEST_P(BookViewsTest, ReportsABadRequest) {
  BookViewsRequest unknown_wave = request_;
  unknown_wave.campaign->followup = "1999-Q1";
  Result<BookViews> views = ComputeBookViews(*snap_, unknown_wave, params_, health_);
  ASSERT_FALSE(views.ok());
  EXPECT_EQ(views.status().code(), StatusCode::kNotFound);
  EXPECT_NE(views.status().message().find("1999-Q1"), std::string::npos);

  BookViewsRequest bad_share = request_;
  bad_share.scenario.moves.front().share = 1.5;
  views = ComputeBookViews(*snap_, bad_share, params_, health_);
  ASSERT_FALSE(views.ok());
  EXPECT_EQ(views.status().code(), StatusCode::kInvalidArgument);

  BookViewsRequest no_campaign = request_;
  no_campaign.campaign.reset();
  views = ComputeBookViews(*snap_, no_campaign, params_, health_);
  ASSERT_TRUE(views.ok());
  EXPECT_FALSE(views->campaign.has_value());
}

// The walk over several dates (up to kMaxFactDates at once, in a template per count) gives
// each date the facts a walk for that date alone gives: seven dates take two walks.
TEST_P(BookViewsTest, FactsOfManyDatesEqualTheFactsOfEachDate) {
  const std::vector<Day> dates = {as_of_,       as_of_ - 1,   as_of_ - 90, as_of_ - 180,
                                  as_of_ - 365, as_of_ - 400, as_of_ + 30};
  const std::vector<AccountFacts> together = ComputeAccountFacts(*snap_, dates, params_);
  ASSERT_EQ(together.size(), dates.size());
  for (size_t d = 0; d < dates.size(); ++d) {
    const AccountFacts alone = ComputeAccountFacts(*snap_, dates[d], params_);
    const AccountFacts& f = together[d];
    EXPECT_EQ(f.as_of, dates[d]);
    EXPECT_EQ(f.ttm_start, alone.ttm_start);
    EXPECT_EQ(f.pareto_order, alone.pareto_order) << "date " << d;
    EXPECT_EQ(f.pareto_ttm, alone.pareto_ttm);
    ASSERT_EQ(f.contact_score_response.size(), alone.contact_score_response.size());
    EXPECT_TRUE(std::equal(f.contact_score_response.begin(), f.contact_score_response.end(),
                           alone.contact_score_response.begin()));
    ASSERT_EQ(f.accounts.size(), alone.accounts.size());
    size_t differing = 0;
    for (size_t a = 0; a < f.accounts.size(); ++a) {
      const AccountFact &x = f.accounts[a], &y = alone.accounts[a];
      const bool same =
          x.ttm == y.ttm && x.ttm_prior == y.ttm_prior && x.answers == y.answers &&
          (x.answers == 0 || x.score == y.score) && x.category == y.category &&
          x.active == y.active && x.flags == y.flags &&
          x.invitations_sent == y.invitations_sent &&
          x.invitations_answered == y.invitations_answered &&
          x.days_since_last == y.days_since_last &&
          x.days_since_proactive == y.days_since_proactive &&
          x.marketing_emails_30d == y.marketing_emails_30d &&
          x.support_tickets_90d == y.support_tickets_90d &&
          x.contacts_current == y.contacts_current && x.contacts_by_role == y.contacts_by_role &&
          x.contact_categories == y.contact_categories;
      differing += same ? 0 : 1;
    }
    EXPECT_EQ(differing, 0u) << "date " << d;
  }
  // The categories of one date alone agree with the facts' categories.
  const std::vector<Category> categories = AccountCategoriesAsOf(*snap_, dates[4], params_);
  for (size_t a = 0; a < categories.size(); ++a) {
    ASSERT_EQ(categories[a], together[4].accounts[a].category) << "account " << a;
  }
}

// A book without accounts, and one with a single account and nothing else: every view
// is computed, empty or without a figure, and nothing fails.
TEST(BookViewsEdgeTest, EmptyAndTinyBooks) {
  const MetricParams params;
  const HealthConfig health = DefaultHealthConfig();
  BookViewsRequest request;
  request.as_of = *ParseDate("2026-06-30");
  snapshot::TestData empty;
  Result<BookViews> views = ComputeBookViews(*empty.Build(), request, params, health);
  ASSERT_TRUE(views.ok()) << views.status().message();
  EXPECT_TRUE(views->rows.empty());
  EXPECT_EQ(views->summary.accounts_active, 0);
  EXPECT_FALSE(views->health_check.auc.has_value());

  snapshot::TestData tiny;
  tiny.Account("A1");
  views = ComputeBookViews(*tiny.Build(), request, params, health);
  ASSERT_TRUE(views.ok()) << views.status().message();
  ASSERT_EQ(views->rows.size(), 1u);
  EXPECT_EQ(views->rows[0].basics.category, Category::kNonResponder);
  EXPECT_EQ(views->summary.accounts_active, 1);
  EXPECT_EQ(views->matrix.quadrants[static_cast<size_t>(Quadrant::kMonitor)].accounts, 1);
}

INSTANTIATE_TEST_SUITE_P(Books, BookViewsTest,
                         ::testing::Values(std::pair<uint64_t, int>{3, 1200},
                                           std::pair<uint64_t, int>{11, 20000}));

}  // namespace
}  // namespace bw
