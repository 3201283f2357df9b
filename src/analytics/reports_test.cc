// Hand-made cases for the reports (shared/spec/metrics.md, "Report objects").
#include <gtest/gtest.h>

#include "analytics/account_360.h"
#include "analytics/drivers.h"
#include "analytics/engagement_classes.h"
#include "analytics/health_check.h"
#include "analytics/lifecycle.h"
#include "analytics/retention.h"
#include "analytics/simulator.h"
#include "snapshot/testing.h"

namespace bw::analytics {
namespace {

using snapshot::TestData;

Day D(const char* text) { return *ParseDate(text); }
constexpr size_t kPromoter = static_cast<size_t>(Category::kPromoter);
constexpr size_t kPassive = static_cast<size_t>(Category::kPassive);
constexpr size_t kDetractor = static_cast<size_t>(Category::kDetractor);
constexpr size_t kNonResponder = static_cast<size_t>(Category::kNonResponder);

TEST(LifecycleTest, ClimbersFallersAndSteadyCountEachAccountOnce) {
  TestData d;
  d.Account("L1").Revenue("L1", "2026-01", 1000);
  d.Account("L2").Revenue("L2", "2026-01", 200);
  d.Account("L3", {.churned_on = "2026-02-01"}).Revenue("L3", "2026-01", 50);
  d.Contact("X1", "L1", Role::kUser)
      .Response("a1", "X1", "2025-01-01", 5)
      .Response("a2", "X1", "2026-01-01", 9);
  d.Contact("X2", "L1", Role::kUser)
      .Response("b1", "X2", "2025-02-01", 10)
      .Response("b2", "X2", "2026-02-01", 7);
  d.Contact("X7", "L1", Role::kUser)
      .Response("g1", "X7", "2025-05-01", 6)
      .Response("g2", "X7", "2026-05-01", 10);
  // The first answer is exactly T - 2W: outside, so only one answer counts.
  d.Contact("X3", "L2", Role::kUser)
      .Response("c1", "X3", "2024-06-30", 0)
      .Response("c2", "X3", "2026-03-01", 8);
  d.Contact("X4", "L2", Role::kUser)
      .Response("d1", "X4", "2025-03-01", 8)
      .Response("d2", "X4", "2026-03-01", 7);
  // Left the customer, but still a climber.
  d.Contact("X5", "L2", Role::kUser, "2025-12-01")
      .Response("e1", "X5", "2025-01-01", 3)
      .Response("e2", "X5", "2025-06-01", 9);
  // Inactive account: ignored.
  d.Contact("X6", "L3", Role::kUser)
      .Response("f1", "X6", "2025-01-01", 0)
      .Response("f2", "X6", "2026-01-01", 10);
  const auto snap = d.Build();
  const AccountFacts facts = ComputeAccountFacts(*snap, D("2026-06-30"), MetricParams{});
  const LifecycleReport report = ComputeLifecycle(*snap, facts, MetricParams{});
  EXPECT_EQ(report.climbers.contacts, 3);   // X1, X7, X5
  EXPECT_EQ(report.climbers.ttm, 120'000);  // L1 once + L2
  EXPECT_EQ(report.fallers.contacts, 1);    // X2
  EXPECT_EQ(report.fallers.ttm, 100'000);
  EXPECT_EQ(report.steady.contacts, 1);  // X4
  EXPECT_EQ(report.steady.ttm, 20'000);
  // Pareto set: L1 (1000 of 1200 >= 80 %): L1 is in it, L2 is the rest.
  // L1: X1 9, X2 7, X7 10 -> 8.67 passive. L2: X3 8, X4 7, X5 9 -> 8.0 passive.
  EXPECT_EQ(report.pareto[kPassive].accounts, 1);
  EXPECT_EQ(report.pareto[kPassive].ttm, 100'000);
  EXPECT_EQ(report.rest[kPassive].accounts, 1);
  EXPECT_EQ(report.rest[kPromoter].accounts, 0);
}

TEST(DriversTest, CountsRevenueWeightsAndBothPriorities) {
  TestData d;
  // D1: TTM 1,200 over 3 contact scores: each response weighs 400.
  d.Account("D1").Revenue("D1", "2026-01", 1200);
  d.Contact("Y1", "D1", Role::kUser)
      .Response("y1", "Y1", "2026-02-01", 3, "", "support;price;onboarding");
  d.Contact("Y2", "D1", Role::kUser).Response("y2", "Y2", "2026-02-01", 10, "", "support");
  d.Contact("Y3", "D1", Role::kUser).Response("y3", "Y3", "2026-02-01", 8);
  // D2: TTM 100 over 2 contact scores: 50 each.
  d.Account("D2").Revenue("D2", "2026-01", 100);
  d.Contact("Z1", "D2", Role::kUser).Response("z1", "Z1", "2026-02-01", 0, "", "price;x");
  d.Contact("Z2", "D2", Role::kUser).Response("z2", "Z2", "2026-02-01", 5, "", "x");
  const auto snap = d.Build();
  const DriversReport report =
      ComputeDrivers(*snap, ComputeAccountFacts(*snap, D("2026-06-30"), MetricParams{}));
  ASSERT_EQ(report.drivers.size(), 4u);
  EXPECT_EQ(report.drivers[0].driver, "onboarding");
  EXPECT_EQ(report.drivers[1].driver, "price");
  EXPECT_EQ(report.drivers[1].mentions, 2);
  EXPECT_EQ(report.drivers[1].detractor, 2);
  EXPECT_DOUBLE_EQ(*report.drivers[1].nps, -100.0);
  EXPECT_DOUBLE_EQ(report.drivers[1].detractor_revenue, 450.0);
  EXPECT_EQ(report.drivers[2].driver, "support");
  EXPECT_EQ(report.drivers[2].promoter, 1);
  EXPECT_DOUBLE_EQ(*report.drivers[2].nps, 0.0);
  EXPECT_DOUBLE_EQ(report.drivers[2].detractor_revenue, 400.0);
  EXPECT_DOUBLE_EQ(report.drivers[3].detractor_revenue, 100.0);
  EXPECT_EQ(report.priority_by_nps,
            (std::vector<std::string>{"price", "x", "onboarding", "support"}));
  EXPECT_EQ(report.priority_by_revenue,
            (std::vector<std::string>{"price", "onboarding", "support", "x"}));
}

TEST(DriversTest, RevenueTiesUpToRoundingGoByName) {
  // "aa": 0.03 from one detractor; "zz": 0.01/3 + 0.07/3 + 0.01/3 = 0.03, which double
  // arithmetic makes 0.030000000000000006. Equal sums tie, and ties go by name.
  TestData d;
  d.Account("A").Revenue("A", "2026-01", 0.03);
  d.Contact("a", "A", Role::kUser).Response("ra", "a", "2026-02-01", 0, "", "aa");
  const char* ttm[] = {"0.01", "0.07", "0.01"};
  for (int i = 0; i < 3; ++i) {
    const std::string id = "Z" + std::to_string(i);
    d.Account(id).Revenue(id, "2026-01", std::stod(ttm[i]));
    d.Contact(id + "d", id, Role::kUser).Response(id + "r1", id + "d", "2026-02-01", 0, "", "zz");
    d.Contact(id + "p", id, Role::kUser).Response(id + "r2", id + "p", "2026-02-01", 9);
    d.Contact(id + "q", id, Role::kUser).Response(id + "r3", id + "q", "2026-02-01", 9);
  }
  const auto snap = d.Build();
  const DriversReport report =
      ComputeDrivers(*snap, ComputeAccountFacts(*snap, D("2026-06-30"), MetricParams{}));
  ASSERT_EQ(report.drivers.size(), 2u);
  EXPECT_NEAR(report.drivers[1].detractor_revenue, 0.03, 1e-12);
  EXPECT_EQ(report.priority_by_revenue, (std::vector<std::string>{"aa", "zz"}));
}

TEST(RetentionSegmentsTest, SegmentsByIndustryAndPriorCategory) {
  TestData d;
  d.Account("R1", {.churned_on = "2026-01-10", .industry = "Pharma"}).Revenue("R1", "2025-01", 100);
  d.Account("R2").Revenue("R2", "2025-01", 100).Revenue("R2", "2026-01", 120);
  d.Account("R3", {.industry = "Pharma"}).Revenue("R3", "2026-01", 50);  // new: no cohort
  d.Account("R4", {.industry = "Retail"});  // no revenue: segment not listed
  // R2 was a promoter a year before T (answer in the window ending 2025-06-30).
  d.Contact("P", "R2", Role::kUser).Response("p1", "P", "2025-06-01", 10);
  const auto snap = d.Build();
  const RetentionSegments s = ComputeRetentionSegments(*snap, D("2026-06-30"), MetricParams{});
  ASSERT_EQ(s.industry.size(), 2u);
  EXPECT_EQ(s.industry.at("Pharma").cohort, 1);
  EXPECT_DOUBLE_EQ(*s.industry.at("Pharma").logo_churn, 1.0);
  EXPECT_DOUBLE_EQ(*s.industry.at("Pharma").nrr, 0.0);
  EXPECT_EQ(s.industry.at("").cohort, 1);
  EXPECT_DOUBLE_EQ(*s.industry.at("").nrr, 1.2);
  EXPECT_EQ(s.industry.count("Retail"), 0u);
  EXPECT_DOUBLE_EQ(*s.prior_category.at("promoter").nrr, 1.2);
  EXPECT_DOUBLE_EQ(*s.prior_category.at("non_responder").logo_churn, 1.0);
  EXPECT_EQ(s.prior_category.count("detractor"), 0u);
}

TestData SimulatorData() {
  TestData d;
  d.Account("G1").Revenue("G1", "2025-01", 100).Revenue("G1", "2026-01", 150);
  d.Contact("g1", "G1", Role::kUser)
      .Response("r1", "g1", "2025-06-01", 10)
      .Response("r2", "g1", "2026-06-01", 10);
  d.Account("G2").Revenue("G2", "2025-01", 200).Revenue("G2", "2026-01", 100);
  d.Contact("g2", "G2", Role::kUser)
      .Response("r3", "g2", "2025-05-01", 3)
      .Response("r4", "g2", "2026-05-01", 5);
  d.Account("G3").Revenue("G3", "2025-01", 100).Revenue("G3", "2026-01", 100);
  return d;
}

TEST(SimulatorTest, ProjectsWithEachCategorysNrr) {
  const auto snap = SimulatorData().Build();
  const AccountFacts facts = ComputeAccountFacts(*snap, D("2026-06-30"), MetricParams{});
  SimulationScenario scenario;
  scenario.moves.push_back({Category::kDetractor, Category::kPromoter, 1.0});
  const Result<SimulationReport> r = Simulate(*snap, facts, MetricParams{}, scenario);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_DOUBLE_EQ(*r->nrr_by_group[kPromoter], 1.5);
  EXPECT_DOUBLE_EQ(*r->nrr_by_group[kDetractor], 0.5);
  EXPECT_DOUBLE_EQ(*r->nrr_by_group[kNonResponder], 1.0);
  EXPECT_FALSE(r->nrr_by_group[kPassive].has_value());
  EXPECT_DOUBLE_EQ(r->nrr_used[kPassive], 350.0 / 400.0);  // the book's NRR
  // 150 x 1.5 + 100 x 0.5 + 100 x 1.0.
  EXPECT_DOUBLE_EQ(r->baseline_projected, 375.0);
  // The detractor's 100 now grows like a promoter's: 250 x 1.5 + 100.
  EXPECT_DOUBLE_EQ(r->scenario_projected, 475.0);
  EXPECT_DOUBLE_EQ(r->change(), 100.0);
}

TEST(SimulatorTest, TargetNpsMovesDetractorsUpFirst) {
  const auto snap = SimulatorData().Build();
  const AccountFacts facts = ComputeAccountFacts(*snap, D("2026-06-30"), MetricParams{});
  SimulationScenario scenario;
  scenario.target_account_nps = 50;
  const Result<SimulationReport> r = Simulate(*snap, facts, MetricParams{}, scenario);
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(*r->account_nps_before, 0.0);
  EXPECT_DOUBLE_EQ(*r->account_nps_after, 50.0);
  ASSERT_EQ(r->moves.size(), 1u);
  EXPECT_EQ(r->moves[0].from, Category::kDetractor);
  EXPECT_EQ(r->moves[0].to, Category::kPassive);
  EXPECT_DOUBLE_EQ(r->moves[0].share, 1.0);
  EXPECT_DOUBLE_EQ(r->scenario_projected, 225.0 + 100.0 * 0.875 + 100.0);
}

TEST(SimulatorTest, RejectsShareOutsideZeroToOne) {
  const auto snap = SimulatorData().Build();
  const AccountFacts facts = ComputeAccountFacts(*snap, D("2026-06-30"), MetricParams{});
  SimulationScenario scenario;
  scenario.moves.push_back({Category::kDetractor, Category::kPassive, 1.5});
  const Result<SimulationReport> r = Simulate(*snap, facts, MetricParams{}, scenario);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "move detractor:passive: share must be from 0 to 1");
}

TEST(SimulatorTest, MovesOutOfOneCategoryAddUpToAtMostAll) {
  const auto snap = SimulatorData().Build();
  const AccountFacts facts = ComputeAccountFacts(*snap, D("2026-06-30"), MetricParams{});
  SimulationScenario scenario;
  scenario.moves.push_back({Category::kDetractor, Category::kPassive, 0.7});
  scenario.moves.push_back({Category::kDetractor, Category::kPromoter, 0.3});
  Result<SimulationReport> r = Simulate(*snap, facts, MetricParams{}, scenario);
  ASSERT_TRUE(r.ok()) << r.status().message();
  // Shares are of the detractors before any move: 0.7 + 0.3 moves the one detractor.
  EXPECT_NEAR(r->scenario_accounts[kDetractor], 0.0, 1e-12);
  EXPECT_NEAR(r->scenario_accounts[kPassive], 0.7, 1e-12);
  EXPECT_NEAR(r->scenario_accounts[kPromoter], 1.3, 1e-12);

  scenario.moves.push_back({Category::kDetractor, Category::kPassive, 0.2});
  r = Simulate(*snap, facts, MetricParams{}, scenario);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "the moves out of detractor add up to 120 % of its accounts; at most 100 % can move");
}

// metrics.md, Revenue simulator: accounts created less than 12 months before T - 12 months
// form the group `new` for the NRR; accounts younger than 12 months at T are projected with
// it, whatever they answered.
TEST(SimulatorTest, YoungAccountsFormTheirOwnGroup) {
  TestData d = SimulatorData();
  // Created 2025-03-01: young at T - 12 months (2025-06-30); tripled since.
  d.Account("Y1", {.created_on = "2025-03-01"})
      .Revenue("Y1", "2025-03", 100)
      .Revenue("Y1", "2026-01", 300);
  d.Contact("y1", "Y1", Role::kUser).Response("r5", "y1", "2025-04-01", 2);
  // Created 2026-02-01: young now, a detractor now.
  d.Account("Y2", {.created_on = "2026-02-01"}).Revenue("Y2", "2026-02", 40);
  d.Contact("y2", "Y2", Role::kUser).Response("r6", "y2", "2026-03-01", 1);
  const auto snap = d.Build();
  const AccountFacts facts = ComputeAccountFacts(*snap, D("2026-06-30"), MetricParams{});
  SimulationScenario scenario;
  scenario.moves.push_back({Category::kDetractor, Category::kPromoter, 1.0});
  const Result<SimulationReport> r = Simulate(*snap, facts, MetricParams{}, scenario);
  ASSERT_TRUE(r.ok()) << r.status().message();
  // Y1 was a detractor a year ago, but young: its growth is `new`'s, not the detractors'.
  EXPECT_DOUBLE_EQ(*r->nrr_by_group[kDetractor], 0.5);
  EXPECT_DOUBLE_EQ(*r->nrr_by_group[kNewGroup], 3.0);
  EXPECT_EQ(r->basis[kNewGroup].accounts, 1);
  EXPECT_EQ(r->basis[kNewGroup].revenue_then, 10000);
  EXPECT_EQ(r->basis[kNewGroup].revenue_now, 30000);
  // 2025-03-01 to 2025-06-30: 121 days.
  EXPECT_NEAR(*r->basis[kNewGroup].mean_age_months, 121 / (365.25 / 12), 1e-9);
  EXPECT_EQ(r->basis[kDetractor].accounts, 1);
  EXPECT_FALSE(r->basis[kDetractor].mean_age_months.has_value());
  // Now: Y2 is young (group new); Y1 is 16 months old and its only answer left the window,
  // so it is a non-responder now.
  EXPECT_EQ(r->accounts[kNewGroup], 1);
  EXPECT_EQ(r->ttm[kNewGroup], 4000);
  EXPECT_EQ(r->accounts[kDetractor], 1);     // G2
  EXPECT_EQ(r->accounts[kNonResponder], 2);  // G3 and Y1
  EXPECT_DOUBLE_EQ(*r->nrr_by_group[kNonResponder], 1.0);
  EXPECT_DOUBLE_EQ(r->nrr_used[kPassive], 650.0 / 500.0);  // the book's NRR, Y1 included
  // The account NPS counts young Y2's category too: promoter G1; detractors G2 and Y2.
  EXPECT_DOUBLE_EQ(*r->account_nps_before, 100.0 * (1 - 2) / 3);
  EXPECT_DOUBLE_EQ(*r->account_nps_after, 100.0);
  // Baseline: G1 150 x 1.5 + G2 100 x 0.5 + (G3 100 + Y1 300) x 1.0 + Y2 40 x 3.0.
  EXPECT_DOUBLE_EQ(r->baseline_projected, 225.0 + 50.0 + 400.0 + 120.0);
  // The detractors' TTM grows like promoters'; Y2 keeps growing like a new account.
  EXPECT_DOUBLE_EQ(r->scenario_projected, 250.0 * 1.5 + 400.0 + 120.0);
}

TEST(HealthCheckTest, RocAucCountsTiesHalf) {
  EXPECT_DOUBLE_EQ(*RocAuc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75);
  EXPECT_DOUBLE_EQ(*RocAuc({1, 1}, {1, 0}), 0.5);
  EXPECT_DOUBLE_EQ(*RocAuc({5, 1, 2}, {1, 0, 0}), 1.0);
  EXPECT_FALSE(RocAuc({1, 2}, {0, 0}).has_value());
}

TEST(HealthCheckTest, ScoresAccountsActiveThenAgainstLaterChurn) {
  TestData d;
  // Scored on 2026-01-01 (T - 180). H1 unhappy and churned in the window; H2 happy, stays;
  // H3 churned before the scoring day: not scored.
  d.Account("H1", {.churned_on = "2026-03-01"});
  d.Contact("h1", "H1", Role::kUser).Response("a", "h1", "2025-12-01", 2);
  d.Account("H2");
  d.Contact("h2", "H2", Role::kUser).Response("b", "h2", "2025-12-01", 10);
  d.Account("H3", {.churned_on = "2025-12-01"});
  d.Contact("h3", "H3", Role::kUser).Response("c", "h3", "2025-11-01", 10);
  const auto snap = d.Build();
  HealthConfig loyalty_only;
  loyalty_only.components = {
      {"loyalty", HealthSource::kLoyalty, 1.0, Direction::kHigherIsBetter, 0, 10, std::nullopt}};
  const HealthCheckReport r =
      ComputeHealthCheck(*snap, D("2026-06-30"), MetricParams{}, loyalty_only);
  EXPECT_EQ(FormatDate(r.scored_on), "2026-01-01");
  EXPECT_EQ(r.accounts, 2);
  EXPECT_EQ(r.churned, 1);
  EXPECT_DOUBLE_EQ(*r.auc, 1.0);
  EXPECT_EQ(r.verdict(), "separates well");
  EXPECT_EQ(r.by_colour[static_cast<size_t>(HealthColour::kRed)].churned, 1);
  EXPECT_EQ(r.by_colour[static_cast<size_t>(HealthColour::kGreen)].accounts, 1);
}

TEST(CampaignTest, ComparesEachClassBetweenWaves) {
  TestData d;
  d.Account("A").Touchpoint("t1", "A", TouchpointType::kMeeting, "2026-02-01");
  d.Contact("a1", "A", Role::kUser)
      .Response("a1q1", "a1", "2026-02-15", 9, "2026-Q1")
      .Response("a1q2", "a1", "2026-05-15", 6, "2026-Q2");
  d.Account("B");  // no answers, silent: class D
  d.Contact("b1", "B", Role::kUser).Response("b1q2", "b1", "2026-05-20", 10, "2026-Q2");
  d.Invitation("i1", "b1", "2026-Q1", "2026-02-10");
  const auto snap = d.Build();
  const std::optional<Day> end = BaselineWaveEnd(*snap, "2026-Q1", D("2026-06-30"));
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(FormatDate(*end), "2026-02-15");
  const Result<CampaignReport> r =
      ComputeCampaign(*snap, D("2026-06-30"), *end, "2026-Q1", "2026-Q2", MetricParams{});
  ASSERT_TRUE(r.ok()) << r.status().message();
  const CampaignClass& a = r->classes[static_cast<size_t>(EngagementClass::kA)];
  const CampaignClass& dd = r->classes[static_cast<size_t>(EngagementClass::kD)];
  ASSERT_EQ(a.accounts, 1);
  ASSERT_TRUE(a.baseline.nps().has_value() && a.followup.nps().has_value());
  EXPECT_DOUBLE_EQ(*a.baseline.nps(), 100.0);
  EXPECT_DOUBLE_EQ(*a.followup.nps(), -100.0);
  ASSERT_EQ(dd.accounts, 1);
  EXPECT_FALSE(dd.baseline.nps().has_value());
  ASSERT_TRUE(dd.followup.nps().has_value());
  EXPECT_DOUBLE_EQ(*dd.followup.nps(), 100.0);
  const Result<CampaignReport> missing =
      ComputeCampaign(*snap, D("2026-06-30"), *end, "2025-Q9", "2026-Q2", MetricParams{});
  EXPECT_EQ(missing.status().message(), "survey wave \"2025-Q9\" not found");
}

TEST(Account360Test, StakeholdersWithTrendAndWhoLeft) {
  TestData d;
  d.Account("A").Revenue("A", "2026-06", 10);
  d.Contact("u", "A", Role::kUser)
      .Response("1", "u", "2025-01-01", 5)
      .Response("2", "u", "2026-01-01", 8);
  d.Contact("dm", "A", Role::kDecisionMaker).Response("3", "dm", "2026-02-01", 9);
  d.Contact("gone", "A", Role::kInfluencer, "2026-03-01");
  const auto snap = d.Build();
  const Result<Account360> v =
      ComputeAccount360(*snap, "A", D("2026-06-30"), MetricParams{}, DefaultHealthConfig());
  ASSERT_TRUE(v.ok());
  ASSERT_TRUE(v->row.has_value());
  ASSERT_EQ(v->stakeholders.size(), 3u);
  EXPECT_EQ(snap->contact_id[v->stakeholders[0].contact], "dm");
  EXPECT_EQ(*v->stakeholders[0].trend, ScoreTrend::kNew);
  EXPECT_EQ(snap->contact_id[v->stakeholders[1].contact], "u");
  EXPECT_EQ(*v->stakeholders[1].trend, ScoreTrend::kUp);
  EXPECT_FALSE(v->stakeholders[2].current);
  EXPECT_EQ(v->revenue.size(), 24u);
  EXPECT_EQ(v->revenue.back().cents, 1000);
  ASSERT_EQ(v->responses.size(), 3u);
  EXPECT_EQ(snap->response_id[v->responses[0].response], "3");
  EXPECT_EQ(ComputeAccount360(*snap, "nope", D("2026-06-30"), MetricParams{}, DefaultHealthConfig())
                .status()
                .message(),
            "account \"nope\" not found");
}

}  // namespace
}  // namespace bw::analytics
