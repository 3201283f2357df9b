// Hand-computed cases for the summary object (shared/spec/metrics.md). Each expected
// figure is worked out in the comments next to it.
#include "analytics/summary.h"

#include <gtest/gtest.h>

#include <cmath>

#include "analytics/nps.h"
#include "snapshot/testing.h"

namespace bw::analytics {
namespace {

using snapshot::TestData;

Day D(const char* text) { return *ParseDate(text); }

// The spec's worked example: 9 accounts worth 5.0 M, two lost worth 1.0 M each.
TestData RetentionExample() {
  TestData d;
  d.Account("A1", {.churned_on = "2025-09-15"})
      .Revenue("A1", "2025-01", 1'000'000)
      .Revenue("A1", "2025-08", 100'000);
  // Churned on T itself: churned as of T (churned_on <= T), not active (needs > T).
  d.Account("A2", {.churned_on = "2026-06-30"})
      .Revenue("A2", "2025-01", 1'000'000)
      .Revenue("A2", "2026-01", 500'000);
  d.Account("A3")
      .Revenue("A3", "2025-01", 1'200'000)
      .Revenue("A3", "2026-02", 1'500'000)
      .Revenue("A3", "2026-07", 9'000'000);  // after T's month: ignored
  d.Account("A4").Revenue("A4", "2024-12", 600'000).Revenue("A4", "2026-03", 300'000);
  for (const char* id : {"A5", "A6", "A7", "A8", "A9"}) {
    d.Account(id).Revenue(id, "2024-07", 240'000).Revenue(id, "2026-06", 240'000);
  }
  // Churned before S = 2025-07-01: not in the cohort although it has base revenue.
  d.Account("A10", {.churned_on = "2025-06-30"}).Revenue("A10", "2025-03", 500'000);
  d.Account("A11", {.acquisition = Acquisition::kEarned}).Revenue("A11", "2026-04", 200'000);
  // Two rows of the same month are summed: 60k + 40k.
  d.Account("A12", {.acquisition = Acquisition::kBought})
      .Revenue("A12", "2026-05", 60'000)
      .Revenue("A12", "2026-05", 40'000);
  return d;
}

TEST(SummaryTest, RetentionWorkedExample) {
  const auto snap = RetentionExample().Build();
  const Summary s = ComputeSummary(*snap, D("2026-06-30"), MetricParams{});
  EXPECT_EQ(s.accounts_total, 12);
  EXPECT_EQ(s.accounts_active, 9);  // A3..A9, A11, A12
  const RetentionFigures& r = s.retention;
  EXPECT_EQ(r.cohort, 9);
  EXPECT_DOUBLE_EQ(*r.logo_churn, 2.0 / 9.0);  // 22.2 %
  EXPECT_NEAR(*r.logo_churn, 0.222, 0.0005);
  EXPECT_DOUBLE_EQ(*r.revenue_churn, 0.4);  // 2.0 M of 5.0 M
  // min(cur, base): 0.1 + 0.5 + 1.2 + 0.3 + 5 x 0.24 = 3.3 M of 5.0 M.
  EXPECT_DOUBLE_EQ(*r.grr, 0.66);
  // cur: 0.1 + 0.5 + 1.5 + 0.3 + 1.2 = 3.6 M of 5.0 M.
  EXPECT_DOUBLE_EQ(*r.nrr, 0.72);
  EXPECT_DOUBLE_EQ(*r.enc, 0.04);  // 0.2 M earned new
  EXPECT_DOUBLE_EQ(*r.bnc, 0.02);  // 0.1 M bought new
  EXPECT_NEAR(*r.egr, 0.72 + 0.04 - 1.0, 1e-12);
}

TEST(SummaryTest, ParetoSetBreaksTiesByAccountId) {
  const auto snap = RetentionExample().Build();
  const Summary s = ComputeSummary(*snap, D("2026-06-30"), MetricParams{});
  // Active TTM: A3 1.5 M, A4 0.3 M, A5..A9 0.24 M each, A11 0.2 M, A12 0.1 M = 3.3 M.
  // 80 % = 2.64 M: A3, A4, A5, A6, A7 reach 2.52 M; A8 brings 2.76 M.
  EXPECT_EQ(s.pareto_accounts, 6);
  EXPECT_EQ(s.pareto_revenue, 276'000'000);  // cents
  EXPECT_EQ(s.active_ttm, 330'000'000);
}

// Loyalty figures: window edges, events after T, ties, a contact who left, inactive accounts.
TestData LoyaltyExample() {
  TestData d;
  d.Account("B1").Revenue("B1", "2026-06", 1000);
  d.Account("B2").Revenue("B2", "2025-07", 3000);
  d.Account("B3").Revenue("B3", "2026-01", 6000);
  d.Account("B4", {.churned_on = "2026-01-01"});
  d.Account("B5", {.created_on = "2026-07-01"});  // becomes a customer after T
  d.Contact("C1", "B1", Role::kDecisionMaker)
      .Response("R1", "C1", "2025-06-30", 10)  // exactly T - 365: outside the window
      .Response("R2", "C1", "2026-01-10", 6, "2026-Q1");
  d.Contact("C2", "B1", Role::kUser)
      .Response("R3", "C2", "2026-06-30", 10, "2026-Q2")  // on T: inside
      .Response("R4", "C2", "2026-07-01", 0, "2026-Q3");  // after T: ignored
  d.Contact("C3", "B1", Role::kInfluencer, "2026-03-01")  // left, but the answer counts
      .Response("R5", "C3", "2026-02-01", 8);
  // Same day: the greater response_id as a byte string wins, and "R9" > "R10".
  d.Contact("C4", "B2", Role::kDecisionMaker)
      .Response("R10", "C4", "2026-05-05", 9)
      .Response("R9", "C4", "2026-05-05", 2);
  d.Contact("C5", "B2", Role::kUser).Response("R11", "C5", "2025-12-01", 7);
  d.Contact("C6", "B4", Role::kDecisionMaker).Response("R12", "C6", "2026-02-01", 10, "2026-Q1");
  d.Contact("C7", "B3", Role::kUser);
  d.Invitation("I1", "C1", "2026-Q1", "2026-01-05")      // answered by R2
      .Invitation("I2", "C2", "2026-Q2", "2026-06-20")   // answered by R3
      .Invitation("I3", "C5", "2026-Q2", "2026-06-01")   // R11 has no survey: not answered
      .Invitation("I4", "C7", "2025-Q2", "2025-06-30")   // outside the window
      .Invitation("I5", "C6", "2026-Q1", "2026-01-05")   // churned account: counted, answered
      .Invitation("I6", "C4", "2026-Q3", "2026-07-02")   // after T
      .Invitation("I7", "C2", "2026-Q3", "2026-06-25");  // answered only after T (R4)
  return d;
}

TEST(SummaryTest, LoyaltyFigures) {
  const auto snap = LoyaltyExample().Build();
  const Summary s = ComputeSummary(*snap, D("2026-06-30"), MetricParams{});
  EXPECT_EQ(s.accounts_total, 5);
  EXPECT_EQ(s.accounts_active, 3);
  // Contact scores of active accounts: C1 6, C2 10, C3 8, C4 2, C5 7.
  EXPECT_EQ(s.contact_answers, 5);
  EXPECT_DOUBLE_EQ(*s.contact_nps, -20.0);  // (1 - 2) / 5
  // p = 0.2, d = 0.4: 196 x sqrt((0.6 - 0.04) / 5).
  EXPECT_NEAR(*s.contact_margin, 196.0 * std::sqrt(0.56 / 5.0), 1e-9);
  // B1 (6 + 10 + 8) / 3 = 8.0 passive; B2 (2 + 7) / 2 = 4.5 detractor; B3 non-responder.
  EXPECT_EQ(s.passives, 1);
  EXPECT_EQ(s.detractors, 1);
  EXPECT_EQ(s.promoters, 0);
  EXPECT_EQ(s.non_responders, 1);
  EXPECT_EQ(s.responding_accounts, 2);
  EXPECT_DOUBLE_EQ(*s.account_nps, -50.0);
  EXPECT_NEAR(*s.account_margin, 196.0 * std::sqrt(0.25 / 2.0), 1e-9);
  // (0 - 3000) / (1000 + 3000).
  EXPECT_DOUBLE_EQ(*s.revenue_weighted_nps, -75.0);
  EXPECT_DOUBLE_EQ(*s.account_coverage, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(*s.revenue_coverage, 0.4);
  // I1, I2, I3, I5, I7 sent in the window; I1, I2, I5 answered.
  EXPECT_EQ(s.invitations_sent, 5);
  EXPECT_EQ(s.invitations_answered, 3);
  EXPECT_DOUBLE_EQ(*s.response_rate, 0.6);
  // No revenue in P0: empty cohort, every retention ratio undefined.
  EXPECT_EQ(s.retention.cohort, 0);
  EXPECT_FALSE(s.retention.logo_churn.has_value());
  EXPECT_FALSE(s.retention.nrr.has_value());
  EXPECT_FALSE(s.retention.enc.has_value());
  EXPECT_FALSE(s.retention.egr.has_value());
  // TTM 10,000: B3 6,000 then B2 3,000 reach 8,000.
  EXPECT_EQ(s.pareto_accounts, 2);
  EXPECT_EQ(s.pareto_revenue, 900'000);
}

TEST(SummaryTest, RoleWeightsChangeTheAccountScore) {
  const auto snap = LoyaltyExample().Build();
  MetricParams params;
  params.role_weights = {2.0, 1.0, 1.0};
  const Summary s = ComputeSummary(*snap, D("2026-06-30"), params);
  // B1 (2 x 6 + 10 + 8) / 4 = 7.5 passive; B2 (2 x 2 + 7) / 3 = 3.67 detractor.
  EXPECT_EQ(s.passives, 1);
  EXPECT_EQ(s.detractors, 1);
}

TEST(SummaryTest, NothingToDivideByGivesNulls) {
  TestData d;
  d.Account("E1");
  const Summary s = ComputeSummary(*d.Build(), D("2026-06-30"), MetricParams{});
  EXPECT_EQ(s.accounts_active, 1);
  EXPECT_FALSE(s.contact_nps.has_value());
  EXPECT_FALSE(s.contact_margin.has_value());
  EXPECT_FALSE(s.account_nps.has_value());
  EXPECT_FALSE(s.account_margin.has_value());
  EXPECT_FALSE(s.revenue_weighted_nps.has_value());
  EXPECT_DOUBLE_EQ(*s.account_coverage, 0.0);
  EXPECT_FALSE(s.revenue_coverage.has_value());
  EXPECT_FALSE(s.response_rate.has_value());
  EXPECT_EQ(s.pareto_accounts, 0);
  EXPECT_EQ(s.non_responders, 1);
}

TEST(SummaryTest, EmptyDataSet) {
  const Summary s = ComputeSummary(*TestData().Build(), D("2026-06-30"), MetricParams{});
  EXPECT_EQ(s.accounts_total, 0);
  EXPECT_EQ(s.accounts_active, 0);
  EXPECT_FALSE(s.account_coverage.has_value());
  EXPECT_EQ(s.retention.cohort, 0);
}

TEST(SummaryTest, AsOfMidMonthCountsTheWholeMonth) {
  TestData d;
  d.Account("M1")
      .Revenue("M1", "2025-06", 1)     // 13 months back: outside TTM
      .Revenue("M1", "2025-07", 10)    // first month of TTM
      .Revenue("M1", "2026-06", 100);  // T's month, booked in full
  const auto snap = d.Build();
  const Summary s = ComputeSummary(*snap, D("2026-06-15"), MetricParams{});
  EXPECT_EQ(s.active_ttm, 11'000);
  // P0 = 2024-07..2025-06 has 1.00, so the cohort holds M1; NRR = 110 / 1.
  EXPECT_EQ(s.retention.cohort, 1);
  EXPECT_DOUBLE_EQ(*s.retention.nrr, 110.0);
  EXPECT_DOUBLE_EQ(*s.retention.grr, 1.0);
}

TEST(SummaryTest, AccountCreatedAfterAsOfIsNotActive) {
  TestData d;
  d.Account("F1", {.created_on = "2026-07-01"}).Account("F2", {.created_on = "2026-06-30"});
  const Summary s = ComputeSummary(*d.Build(), D("2026-06-30"), MetricParams{});
  EXPECT_EQ(s.accounts_active, 1);
}

TEST(NpsCountsTest, AllPromotersHaveZeroMargin) {
  NpsCounts counts;
  for (int i = 0; i < 7; ++i) counts.Add(Category::kPromoter);
  EXPECT_DOUBLE_EQ(*counts.Nps(), 100.0);
  EXPECT_DOUBLE_EQ(*counts.Margin(), 0.0);
}

}  // namespace
}  // namespace bw::analytics
