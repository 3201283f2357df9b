// Hand-made cases for the account row (shared/spec/metrics.md, "The account row").
#include "analytics/account_rows.h"

#include <gtest/gtest.h>

#include "snapshot/testing.h"

namespace bw::analytics {
namespace {

using snapshot::TestData;

Day D(const char* text) { return *ParseDate(text); }

const AccountRow& RowOf(const Snapshot& snap, const std::vector<AccountRow>& rows,
                        const std::string& id) {
  for (const AccountRow& row : rows) {
    if (snap.account_id[row.basics.account] == id) return row;
  }
  ADD_FAILURE() << "no row for " << id;
  return rows.front();
}

std::vector<std::string> FlagNames(const AccountBasics& b) {
  std::vector<std::string> names;
  for (int f = 0; f < kAccountFlagCount; ++f) {
    if (b.Has(static_cast<AccountFlag>(f)))
      names.emplace_back(FlagName(static_cast<AccountFlag>(f)));
  }
  return names;
}

// TTM 50 / 30 / 10 / 5 / 5 of 100: A = T1 (50 %), B = T2 (80 %), C = T3, T4 (90, 95 %),
// D = T5; T4 and T5 tie and T4 comes first by account_id.
TestData TierData() {
  TestData d;
  d.Account("T5").Revenue("T5", "2026-05", 5);
  d.Account("T1").Revenue("T1", "2026-05", 50);
  d.Account("T3").Revenue("T3", "2026-05", 10);
  d.Account("T2").Revenue("T2", "2026-05", 30);
  d.Account("T4").Revenue("T4", "2026-05", 5);
  return d;
}

TEST(AccountRowsTest, TiersFollowCumulativeRevenueShares) {
  const auto snap = TierData().Build();
  const auto rows =
      ComputeAccountRows(*snap, D("2026-06-30"), MetricParams{}, DefaultHealthConfig());
  ASSERT_EQ(rows.size(), 5u);
  std::vector<std::string> order, tiers;
  for (const AccountRow& row : rows) {
    order.push_back(snap->account_id[row.basics.account]);
    tiers.emplace_back(TierName(row.basics.tier));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"T1", "T2", "T3", "T4", "T5"}));
  EXPECT_EQ(tiers, (std::vector<std::string>{"A", "B", "C", "C", "D"}));
  // Non-responders: key accounts are blind spots, the others are monitored.
  EXPECT_EQ(rows[0].basics.quadrant, Quadrant::kBlindSpot);
  EXPECT_EQ(rows[1].basics.quadrant, Quadrant::kBlindSpot);
  EXPECT_EQ(rows[2].basics.quadrant, Quadrant::kMonitor);
  // No contacts at all: the check asks for the tier's minimum and every required role.
  EXPECT_EQ(rows[0].basics.check.required, 6);
  EXPECT_EQ(rows[0].basics.check.missing_contacts, 6);
  EXPECT_EQ(rows[0].basics.check.missing_roles(),
            (std::vector<std::string>{"decision_maker", "influencer", "user"}));
  EXPECT_EQ(rows[4].basics.check.required, 1);
  EXPECT_TRUE(rows[4].basics.check.missing_roles().empty());
  EXPECT_FALSE(rows[4].basics.check.ok);
}

TEST(AccountRowsTest, TierBWithOnlyADecisionMaker) {
  TestData d = TierData();
  d.Contact("K1", "T2", Role::kDecisionMaker).Response("S1", "K1", "2026-05-01", 5);
  const auto snap = d.Build();
  const auto rows =
      ComputeAccountRows(*snap, D("2026-06-30"), MetricParams{}, DefaultHealthConfig());
  const AccountBasics& b = RowOf(*snap, rows, "T2").basics;
  EXPECT_EQ(b.tier, Tier::kB);
  EXPECT_EQ(b.check.required, 4);
  EXPECT_EQ(b.check.missing_contacts, 3);
  EXPECT_EQ(b.check.missing_roles(), (std::vector<std::string>{"influencer_or_user"}));
  EXPECT_EQ(b.category, Category::kDetractor);
  EXPECT_EQ(b.quadrant, Quadrant::kFirefighting);
  EXPECT_EQ(FlagNames(b),
            (std::vector<std::string>{"executive_detractor", "silent", "single_threaded"}));
}

TEST(AccountRowsTest, StakeholderFlags) {
  TestData d;
  d.Account("S").Revenue("S", "2026-06", 100);
  // Users mean 9.5, decision maker 6: split opinion and executive detractor.
  d.Contact("U1", "S", Role::kUser).Response("U1a", "U1", "2026-06-01", 10);
  d.Contact("U2", "S", Role::kUser).Response("U2a", "U2", "2026-06-01", 9);
  d.Contact("DM", "S", Role::kDecisionMaker).Response("DMa", "DM", "2026-06-01", 6);
  // A promoter who left 60 days before T: champion_left. Her later answer (after she left)
  // does not count as "before leaving".
  d.Contact("CH", "S", Role::kInfluencer, "2026-05-01")
      .Response("CHa", "CH", "2026-04-01", 10)
      .Response("CHb", "CH", "2026-05-02", 3);
  const auto snap = d.Build();
  const auto rows =
      ComputeAccountRows(*snap, D("2026-06-30"), MetricParams{}, DefaultHealthConfig());
  const AccountBasics& b = rows.at(0).basics;
  EXPECT_EQ(b.contacts_current, 3);
  EXPECT_EQ(b.contacts_by_role, (std::array<int, 3>{1, 0, 2}));
  EXPECT_EQ(FlagNames(b), (std::vector<std::string>{"champion_left", "executive_detractor",
                                                    "silent", "split_opinion"}));
  // Account score over all contact scores, the leaver's latest (3) included: (10+9+6+3)/4.
  EXPECT_DOUBLE_EQ(*b.score, 7.0);
  EXPECT_EQ(b.answers, 4);
}

TEST(AccountRowsTest, AnAnswerOnTheLeavingDayIsNotBeforeLeaving) {
  TestData d;
  d.Account("S").Revenue("S", "2026-06", 100);
  d.Contact("CH", "S", Role::kInfluencer, "2026-03-01")
      .Response("a", "CH", "2026-02-01", 4)
      .Response("b", "CH", "2026-03-01", 10);
  const auto snap = d.Build();
  const auto rows =
      ComputeAccountRows(*snap, D("2026-06-30"), MetricParams{}, DefaultHealthConfig());
  EXPECT_FALSE(rows.at(0).basics.Has(AccountFlag::kChampionLeft));
}

TEST(AccountRowsTest, RoleMeanOfSixAndAHalfIsNotADetractorMean) {
  TestData d;
  d.Account("S").Revenue("S", "2026-06", 100);
  d.Contact("U1", "S", Role::kUser).Response("a", "U1", "2026-06-01", 9);
  d.Contact("D1", "S", Role::kDecisionMaker).Response("b", "D1", "2026-06-01", 7);
  d.Contact("D2", "S", Role::kDecisionMaker).Response("c", "D2", "2026-06-01", 6);
  const auto snap = d.Build();
  const auto rows =
      ComputeAccountRows(*snap, D("2026-06-30"), MetricParams{}, DefaultHealthConfig());
  EXPECT_FALSE(rows.at(0).basics.Has(AccountFlag::kSplitOpinion));
  EXPECT_TRUE(rows.at(0).basics.Has(AccountFlag::kExecutiveDetractor));
}

TEST(AccountRowsTest, TouchpointsAndInvitations) {
  TestData d;
  d.Account("P").Revenue("P", "2026-06", 100);
  d.Contact("C1", "P", Role::kUser).Contact("C2", "P", Role::kDecisionMaker, "2026-01-01");
  for (const char* day : {"11", "12", "13", "14", "15", "16", "17", "18", "19"}) {
    // 9 marketing emails in the last 30 days: overloaded.
    d.Touchpoint(std::string("M") + day, "P", TouchpointType::kMarketingEmail,
                 std::string("2026-06-") + day);
  }
  d.Touchpoint("M0", "P", TouchpointType::kMarketingEmail, "2026-05-31");  // day 30: outside
  d.Touchpoint("S1", "P", TouchpointType::kSupportTicket, "2026-04-02");   // day 89: inside
  d.Touchpoint("S2", "P", TouchpointType::kSupportTicket, "2026-04-01");   // day 90: outside
  d.Touchpoint("X1", "P", TouchpointType::kMeeting, "2026-07-01");         // after T
  d.Invitation("I1", "C1", "Q1", "2026-01-10").Invitation("I2", "C2", "Q1", "2025-12-01");
  const auto snap = d.Build();
  const auto rows =
      ComputeAccountRows(*snap, D("2026-06-30"), MetricParams{}, DefaultHealthConfig());
  const AccountBasics& b = rows.at(0).basics;
  EXPECT_EQ(b.touchpoints.marketing_emails_30d, 9);
  EXPECT_EQ(b.touchpoints.support_tickets_90d, 1);
  ASSERT_TRUE(b.touchpoints.days_since_last.has_value());
  EXPECT_EQ(*b.touchpoints.days_since_last, 89);
  // Invitations count all contacts, the one who left included.
  EXPECT_EQ(b.invitations.sent, 2);
  EXPECT_EQ(b.invitations.answered, 0);
  EXPECT_EQ(FlagNames(b),
            (std::vector<std::string>{"overloaded", "single_threaded", "unresponsive"}));
}

TEST(AccountRowsTest, SilentAfterNinetyDays) {
  TestData d;
  d.Account("Q").Touchpoint("t", "Q", TouchpointType::kCall, "2026-04-01");  // 90 days: not silent
  d.Account("R").Touchpoint("u", "R", TouchpointType::kCall, "2026-03-31");  // 91 days: silent
  const auto snap = d.Build();
  const auto rows =
      ComputeAccountRows(*snap, D("2026-06-30"), MetricParams{}, DefaultHealthConfig());
  EXPECT_FALSE(RowOf(*snap, rows, "Q").basics.Has(AccountFlag::kSilent));
  EXPECT_TRUE(RowOf(*snap, rows, "R").basics.Has(AccountFlag::kSilent));
}

TEST(HealthTest, WeightedMeanOfNormalisedComponentsWithRenormalisedWeights) {
  TestData d;
  d.Account("H").Revenue("H", "2025-03", 100).Revenue("H", "2026-03", 100);
  d.Contact("C", "H", Role::kUser).Response("r", "C", "2026-06-01", 9);
  d.Touchpoint("t", "H", TouchpointType::kCall, "2026-06-16");  // 14 days: full engagement
  d.Signal("H", "usage", "2026-06-01", 50);
  const auto snap = d.Build();
  HealthConfig config;
  config.components = {
      {"loyalty", HealthSource::kLoyalty, 2.0, Direction::kHigherIsBetter, 4, 9, std::nullopt},
      {"revenue_trend", HealthSource::kRevenueTrend, 1.0, Direction::kHigherIsBetter, 0.8, 1.2,
       std::nullopt},
      {"engagement", HealthSource::kEngagement, 1.0, Direction::kLowerIsBetter, 14, 120, 0.0},
      {"usage", HealthSource::kSignal, 2.0, Direction::kHigherIsBetter, 0, 200, std::nullopt},
      {"response_rate", HealthSource::kResponseRate, 5.0, Direction::kHigherIsBetter, 0, 1,
       std::nullopt},  // no invitations: dropped
  };
  const auto rows = ComputeAccountRows(*snap, D("2026-06-30"), MetricParams{}, config);
  const HealthScore h = HealthScorer(*snap, config).Score(rows.at(0).basics, D("2026-06-30"));
  EXPECT_EQ(rows.at(0).health.score, h.score);
  EXPECT_EQ(rows.at(0).health.colour, h.colour);
  // loyalty 1.0 (w 2), trend 1.0/1.0 -> 0.5 (w 1), engagement 1.0 (w 1), usage 0.25 (w 2):
  // (2 + 0.5 + 1 + 0.5) / 6 = 4 / 6.
  ASSERT_TRUE(h.score.has_value());
  EXPECT_NEAR(*h.score, 100.0 * 4.0 / 6.0, 1e-9);
  EXPECT_EQ(h.colour, HealthColour::kYellow);
  EXPECT_FALSE(h.components[4].used);
  EXPECT_NEAR(h.components[3].contribution, 100.0 * 0.25 * 2.0 / 6.0, 1e-9);
}

}  // namespace
}  // namespace bw::analytics
