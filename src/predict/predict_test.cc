// Churn prediction: features against hand-computed values, no leakage, training, model
// files, scoring edge cases, explanations and the evaluation figures (issue 15).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "analytics/account_rows.h"
#include "analytics/health.h"
#include "analytics/health_check.h"
#include "predict/evaluation.h"
#include "predict/scoring.h"
#include "snapshot/testing.h"

namespace bw::predict {
namespace {

using snapshot::TestData;

Day D(const char* text) { return *ParseDate(text); }

// A small book with a hidden health per account that drives scores, revenue, tickets,
// a signal and churn, over 2023-01 .. 2025-12. `cut` (when set) drops every event after
// that day, `extra` (when set) adds and changes events after that day: the leakage test
// compares the three.
struct BookOptions {
  int accounts = 240;
  bool surveys = true;
  bool revenue = true;
  bool touchpoints = true;
  bool signals = true;
  Day cut = kNoDay;
  Day extra = kNoDay;
};

uint64_t Next(uint64_t& state) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return state >> 33;
}
double Uniform(uint64_t& state) { return static_cast<double>(Next(state) % 1000000) / 1e6; }

std::shared_ptr<const Snapshot> Book(const BookOptions& o) {
  TestData d;
  uint64_t rng = 12345;
  const Day start = D("2023-01-01"), end = D("2025-12-31");
  auto keep = [&](Day day) { return o.cut == kNoDay || day <= o.cut; };
  int response = 0, touch = 0, invitation = 0;
  for (int i = 0; i < o.accounts; ++i) {
    const std::string id = "A" + std::to_string(i);
    const double health = Uniform(rng);
    // Unhealthy accounts churn, at a day spread over the history.
    Day churned = kNoDay;
    if (Uniform(rng) < 0.8 * (1 - health) * (1 - health)) {
      churned =
          start + 200 + static_cast<Day>(Next(rng) % static_cast<uint64_t>(end - start - 200));
    }
    // A churn after the cut is not known at the cut.
    TestData::AccountFields f;
    f.created_on = "2023-01-01";
    if (churned != kNoDay && keep(churned)) f.churned_on = FormatDate(churned);
    if (o.extra != kNoDay && churned == kNoDay && i % 7 == 0)
      f.churned_on = FormatDate(o.extra + 20);
    f.acquisition = i % 3 == 0 ? Acquisition::kEarned : Acquisition::kUnknown;
    d.Account(id, f);
    const Day last = churned == kNoDay ? end : churned - 1;
    const std::string dm = "C" + std::to_string(i) + "a", user = "C" + std::to_string(i) + "b";
    d.Contact(dm, id, Role::kDecisionMaker);
    // The user leaves after the cut in the "extra" book (still current at the cut).
    d.Contact(user, id, Role::kUser,
              o.extra != kNoDay && i % 5 == 0 ? FormatDate(o.extra + 3) : "");
    if (o.revenue) {
      double level = 1000 + 100 * (i % 10);
      for (MonthIndex m = MonthOf(start); FirstDayOf(m) <= last; ++m) {
        level *= 1 + (health - 0.5) * 0.04;
        // The month is known once it ended.
        if (!keep(FirstDayOf(m + 1) - 1)) break;
        d.Revenue(id, FormatMonth(m), std::round(level));
      }
      if (o.extra != kNoDay) d.Revenue(id, FormatMonth(MonthOf(o.extra) + 1), 1);
    }
    for (Day day = start + 30 + (i % 20); day <= last; day += 91) {
      if (o.surveys) {
        for (const std::string& c : {dm, user}) {
          d.Invitation("I" + std::to_string(++invitation), c, "S" + FormatDate(day),
                       FormatDate(day));
          // Both draws happen whether or not the answer is kept, so that the books agree.
          const bool answers = Uniform(rng) < 0.3 + 0.5 * health;
          const double noise = Uniform(rng) - 0.5;
          if (answers && keep(day + 2)) {
            const int score =
                std::clamp(static_cast<int>(std::lround(2 + 8 * health + 2 * noise)), 0, 10);
            d.Response("R" + std::to_string(++response), c, FormatDate(day + 2), score,
                       "S" + FormatDate(day));
          }
        }
      }
      if (o.touchpoints && day >= D("2024-06-01")) {
        const int tickets = static_cast<int>(3 * (1 - health) * Uniform(rng) * 2);
        for (int k = 0; k < tickets; ++k) {
          if (keep(day + k)) {
            d.Touchpoint("T" + std::to_string(++touch), id, TouchpointType::kSupportTicket,
                         FormatDate(day + k));
          }
        }
        if (keep(day + 5))
          d.Touchpoint("T" + std::to_string(++touch), id, TouchpointType::kMeeting,
                       FormatDate(day + 5));
      }
      if (o.signals && keep(day + 1))
        d.Signal(id, "usage", FormatDate(day + 1), std::round(100 * health));
    }
    if (o.extra != kNoDay) {
      // Events after the day: a zero answer, a ticket storm, a new signal value.
      if (o.surveys) {
        d.Invitation("I" + std::to_string(++invitation), dm, "SX", FormatDate(o.extra + 1));
        d.Response("R" + std::to_string(++response), dm, FormatDate(o.extra + 2), 0, "SX");
      }
      if (o.touchpoints) {
        for (int k = 0; k < 5; ++k) {
          d.Touchpoint("T" + std::to_string(++touch), id, TouchpointType::kSupportTicket,
                       FormatDate(o.extra + 1 + k));
        }
      }
      if (o.signals) d.Signal(id, "usage", FormatDate(o.extra + 1), 0);
    }
  }
  return d.Build();
}

TrainingOptions SmallTraining() {
  TrainingOptions o;
  o.booster.nthread = 1;
  o.booster.max_rounds = 60;
  return o;
}

bool SameFloat(float a, float b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// A book with thousands of signal names (one per row) made the training matrix eight
// columns per name wide: only the kMaxSignalsAsFeatures most observed become features.
TEST(FeaturesTest, OnlyTheMostObservedSignalsAreFeatures) {
  TestData d;
  d.Account("A", {.created_on = "2023-01-01"});
  d.Signal("A", "often", "2025-01-10", 1).Signal("A", "often", "2025-02-10", 2);
  for (int k = 0; k < 100; ++k) {
    d.Signal("A", "once_" + std::to_string(1000 + k), "2025-03-01", k);
  }
  const auto snap = d.Build();
  const std::vector<FeatureInfo> list = FeatureList(*snap);
  const std::vector<FeatureInfo> fixed = FeatureList(snapshot::Snapshot{});
  ASSERT_EQ(list.size(), fixed.size() + 8 * kMaxSignalsAsFeatures);
  EXPECT_EQ(list[fixed.size()].name, "signal.often.last");          // most observed first
  EXPECT_EQ(list[fixed.size() + 8].name, "signal.once_1000.last");  // then by name
  EXPECT_LT(FindFeature(list, "signal.once_1099.last"), 0);
  const FeatureRows rows = ComputeFeatures(*snap, {D("2025-06-15")}, analytics::MetricParams{});
  ASSERT_EQ(rows.feature_count, list.size());
  EXPECT_FLOAT_EQ(rows.row(0)[FindFeature(list, "signal.often.last")], 2);
  EXPECT_FLOAT_EQ(rows.row(0)[FindFeature(list, "signal.once_1005.last")], 5);
}

// A signal's trend: the least-squares slope per 30 days over the known year, relative to the
// mean size of its values: 10, 20, 30 users 120, 60 and 0 days before t rise 5 a month on
// a mean of 20, +0.25; the same fall for a team ten times the size, -0.25.
// A finite import value that overflows a float (9.99e299 is a valid signal value) made
// XGBoost refuse the matrix ("Input data contains inf"): features stay finite or missing.
TEST(FeaturesTest, HugeSignalValuesGiveFiniteFeatures) {
  TestData d;
  d.Account("H", {.created_on = "2023-01-01"});
  d.Signal("H", "x", "2025-02-15", 1e300).Signal("H", "x", "2025-04-16", -1e300);
  d.Signal("H", "x", "2025-06-15", 1e300);
  const auto snap = d.Build();
  const FeatureRows rows = ComputeFeatures(*snap, {D("2025-06-15")}, analytics::MetricParams{});
  ASSERT_EQ(rows.rows(), 1u);
  for (size_t k = 0; k < rows.feature_count; ++k) EXPECT_FALSE(std::isinf(rows.row(0)[k])) << k;
  const int last = FindFeature(FeatureList(*snap), "signal.x.last");
  EXPECT_FLOAT_EQ(rows.row(0)[last], 1e30f);
  const Matrix m{rows.values.data(), rows.rows(), rows.feature_count, nullptr, nullptr};
  const std::vector<float> labels = {1.f};
  Matrix train = m;
  train.labels = labels.data();
  EXPECT_TRUE(Booster::Train(train, Matrix{}, BoosterParams{}, 2).ok());
}

TEST(FeaturesTest, SignalTrendIsRelativeToItsSize) {
  TestData d;
  d.Account("S", {.created_on = "2023-01-01"}).Account("L", {.created_on = "2023-01-01"});
  d.Signal("S", "users", "2025-02-15", 10).Signal("S", "users", "2025-04-16", 20);
  d.Signal("S", "users", "2025-06-15", 30).Signal("S", "users", "2025-07-15", 1);  // after t
  d.Signal("L", "users", "2025-02-15", 300).Signal("L", "users", "2025-04-16", 200);
  d.Signal("L", "users", "2025-06-15", 100);
  const auto snap = d.Build();
  const FeatureRows rows = ComputeFeatures(*snap, {D("2025-06-15")}, analytics::MetricParams{});
  ASSERT_EQ(rows.rows(), 2u);
  const int k = FindFeature(FeatureList(*snap), "signal.users.trend");
  ASSERT_GE(k, 0);
  EXPECT_NEAR(rows.row(0)[k], 0.25, 1e-6);
  EXPECT_NEAR(rows.row(1)[k], -0.25, 1e-6);
}

TEST(FeaturesTest, HandComputedValues) {
  TestData d;
  d.Account("A", {.created_on = "2024-01-01", .acquisition = Acquisition::kBought});
  // An account that left long ago: its records start each source's history in 2022, so
  // every look-back below is covered.
  d.Account("OLD", {.created_on = "2022-01-01", .churned_on = "2023-01-01"});
  d.Contact("OC", "OLD", Role::kUser).Invitation("I0", "OC", "S0", "2022-02-01");
  d.Response("R0", "OC", "2022-02-02", 5, "S0").Revenue("OLD", "2022-01", 1);
  d.Touchpoint("T9", "OLD", TouchpointType::kCall, "2022-03-01");
  d.Signal("OLD", "late", "2022-03-01", 1);
  d.Contact("CD", "A", Role::kDecisionMaker).Contact("CU", "A", Role::kUser);
  d.Contact("CL", "A", Role::kInfluencer, "2025-05-01");  // left 45 days before t
  for (int m = 1; m <= 12; ++m)
    d.Revenue("A", "2024-" + std::string(m < 10 ? "0" : "") + std::to_string(m), 100);
  d.Revenue("A", "2025-01", 100).Revenue("A", "2025-02", 100).Revenue("A", "2025-03", 200);
  d.Revenue("A", "2025-04", 0).Revenue("A", "2025-05", 200);
  d.Revenue("A", "2025-06", 999);  // the month of t is not complete yet
  d.Invitation("I1", "CD", "S", "2025-03-01").Invitation("I2", "CU", "S", "2025-03-01");
  d.Response("R1", "CD", "2025-03-03", 3, "S");
  d.Touchpoint("T0", "A", TouchpointType::kMeeting, "2024-06-01");
  d.Touchpoint("T1", "A", TouchpointType::kSupportTicket, "2025-05-20");
  d.Touchpoint("T2", "A", TouchpointType::kBusinessReview, "2024-11-27");
  d.Signal("A", "late", "2025-04-01", 10).Signal("A", "late", "2025-06-01", 25);
  d.Signal("A", "late", "2025-06-20", 40);  // after t
  const auto snap = d.Build();
  const Day t = D("2025-06-15");
  const FeatureRows rows = ComputeFeatures(*snap, {t}, analytics::MetricParams{});
  ASSERT_EQ(rows.rows(), 1u);
  const std::vector<FeatureInfo> list = FeatureList(*snap);
  auto f = [&](const char* name) {
    const int k = FindFeature(list, name);
    EXPECT_GE(k, 0) << name;
    return rows.row(0)[k];
  };
  EXPECT_FLOAT_EQ(f("account_score"), 3);
  EXPECT_FLOAT_EQ(f("decision_maker_score"), 3);
  EXPECT_TRUE(std::isnan(f("user_score")));
  EXPECT_FLOAT_EQ(f("detractor_share"), 1);
  EXPECT_FLOAT_EQ(f("response_rate"), 0.5f);
  EXPECT_FLOAT_EQ(f("invitations_unanswered"), 1);
  EXPECT_FLOAT_EQ(f("contacts_current"), 2);
  EXPECT_FLOAT_EQ(f("contacts_left_180d"), 1);
  // Complete months 2024-06 .. 2025-05: 7 x 100 (2024-06..12) + 100 + 100 + 200 + 0 + 200.
  EXPECT_FLOAT_EQ(f("ttm"), 1300);
  EXPECT_FLOAT_EQ(f("months_without_revenue"), 1);
  // Last 3 complete months (03..05) 400 against the 3 before (12..02) 300.
  EXPECT_NEAR(f("revenue_trend_3m"), 400.0 / 300.0 - 1, 1e-6);
  EXPECT_FLOAT_EQ(f("days_since_touchpoint"), 26);
  EXPECT_FLOAT_EQ(f("days_since_proactive"), 200);
  EXPECT_FLOAT_EQ(f("support_tickets_90d"), 1);
  EXPECT_FLOAT_EQ(f("tenure_days"), t - D("2024-01-01"));
  EXPECT_FLOAT_EQ(f("acquisition_bought"), 1);
  EXPECT_FLOAT_EQ(f("tier"), 0);
  EXPECT_FLOAT_EQ(f("signal.late.last"), 25);
  EXPECT_FLOAT_EQ(f("signal.late.change"), 15);
  EXPECT_FLOAT_EQ(f("signal.late.days_since"), 14);
  EXPECT_FLOAT_EQ(f("signal.late.mean_180d"), 17.5f);
  EXPECT_FLOAT_EQ(f("signal.late.count_180d"), 2);
  // The year before t is known for signals and touchpoints (both begin 2022-03-01): two
  // observations of late (10, 25) and one ticket in 365 days, as rates per 30 days.
  EXPECT_FLOAT_EQ(f("signal.late.mean_365d"), 17.5f);
  EXPECT_NEAR(f("signal.late.per_month"), 2 * 30.0 / 365, 1e-6);
  EXPECT_TRUE(std::isnan(f("signal.late.trend")));  // a trend needs three observations
  EXPECT_NEAR(f("support_tickets_per_month"), 30.0 / 365, 1e-6);
  // Whole-history slope of log revenue from 2024-07 (six months after created_on) to
  // 2025-05, 2025-04 (0) left out: months 0..7 at 100, months 8 and 10 at 200; least
  // squares of (x, ln) gives 0.0660140 a month.
  EXPECT_NEAR(f("revenue_slope_all"), 0.0660140, 1e-5);
  // 12 complete months 2024-06 .. 2025-05 (1300) against the 12 before (2023-06 .. 2024-05:
  // 500 from 2024-01 on).
  EXPECT_NEAR(f("revenue_trend_12m"), 1300.0 / 500.0 - 1, 1e-6);
  // Recency-weighted answers: R1 (3) is 104 days old, weight 2^(-104/180); shrunk by one
  // answer of the book's mean on t, (5 + 3) / 2 = 4.
  const double w = std::exp2(-104.0 / 180.0);
  EXPECT_NEAR(f("answers_recent"), w, 1e-6);
  EXPECT_NEAR(f("mean_score_recent"), (3 * w + 4) / (w + 1), 1e-5);
  // I1 answered, I2 not, both 106 days old, weight 2^(-106/365); shrunk by two invitations
  // of the book's rate on t (I0 and I1 answered of three): 2/3.
  const double v = std::exp2(-106.0 / 365.0);
  EXPECT_NEAR(f("response_rate_recent"), (v + 2.0 * 2.0 / 3.0) / (2 * v + 2), 1e-5);
  // The default scorecard at t (tier A needs 6 contacts): loyalty 3 -> 0 (weight 0.35),
  // coverage (2/6 + 2 of 3 roles) / 2 = 0.5 (0.05), revenue trend 1300 / 500 -> 1 (0.25),
  // no proactive touchpoint for 200 days -> 0 (0.05), 1 ticket of 4 -> 0.75 (0.15),
  // response rate 0.5 of 0.6 (0.15): 100 x (0.025 + 0.25 + 0.1125 + 0.125) = 51.25.
  EXPECT_FLOAT_EQ(f("stakeholder_coverage"), 0.5f);
  EXPECT_NEAR(f("health_score"), 51.25, 1e-4);
}

TEST(FeaturesTest, HealthScoreIsTheScorecardsAtAMonthEnd) {
  // On a month's last day the facts' TTM is complete, so the feature is exactly the health
  // score the account rows show (default scorecard).
  BookOptions o;
  const auto snap = Book(o);
  const Day t = D("2025-06-30");
  const analytics::MetricParams params;
  const FeatureRows rows = ComputeFeatures(*snap, {t}, params);
  const int k = FindFeature(FeatureList(*snap), "health_score");
  ASSERT_GE(k, 0);
  const analytics::AccountFacts facts = analytics::ComputeAccountFacts(*snap, t, params);
  const std::vector<analytics::Tier> tiers = analytics::ComputeTiers(facts, params);
  const analytics::HealthConfig config = analytics::DefaultHealthConfig();
  const analytics::HealthScorer scorer(*snap, config);
  ASSERT_GT(rows.rows(), 100u);
  for (size_t i = 0; i < rows.rows(); ++i) {
    const AccountIndex a = rows.account[i];
    const std::optional<double> h =
        scorer.Evaluate(analytics::BasicsOfAccount(facts, a, tiers[a], params), t);
    ASSERT_TRUE(h.has_value());
    EXPECT_FLOAT_EQ(rows.row(i)[k], static_cast<float>(*h)) << "row " << i;
  }
}

TEST(FeaturesTest, FilteredRowsEqualTheSameRowsOfTheWholeBook) {
  // The training set computes only its sampled rows: each must be what the whole book's
  // computation gives for that account and day (tiers still rank every active account).
  const auto snap = Book({});
  const std::vector<Day> days = {D("2025-06-15"), D("2025-03-17")};
  const FeatureRows all = ComputeFeatures(*snap, days, {});
  const FeatureRows some =
      ComputeFeatures(*snap, days, {}, [](AccountIndex a, Day t) { return (a + t) % 3 == 0; });
  ASSERT_GT(some.rows(), 50u);
  ASSERT_LT(some.rows(), all.rows());
  size_t j = 0;
  for (size_t i = 0; i < all.rows() && j < some.rows(); ++i) {
    if ((all.account[i] + all.day[i]) % 3 != 0) continue;
    ASSERT_EQ(all.account[i], some.account[j]);
    ASSERT_EQ(all.day[i], some.day[j]);
    for (size_t k = 0; k < all.feature_count; ++k) {
      ASSERT_TRUE(SameFloat(all.row(i)[k], some.row(j)[k])) << "row " << i << ", feature " << k;
    }
    ++j;
  }
  EXPECT_EQ(j, some.rows());
}

TEST(FeaturesTest, LookBackBeforeTheFirstRecordIsMissingNotZero) {
  TestData d;
  d.Account("A", {.created_on = "2024-01-01"});
  d.Revenue("A", "2024-01", 100);
  d.Touchpoint("T1", "A", TouchpointType::kMeeting, "2025-05-01");  // the CRM log starts here
  d.Signal("A", "usage", "2025-06-01", 3);
  const auto snap = d.Build();
  const std::vector<FeatureInfo> list = FeatureList(*snap);
  const FeatureRows rows = ComputeFeatures(*snap, {D("2025-06-15"), D("2025-09-15")}, {});
  ASSERT_EQ(rows.rows(), 2u);
  const int tickets = FindFeature(list, "support_tickets_90d");
  const int usage = FindFeature(list, "signal.usage.last");
  EXPECT_TRUE(std::isnan(rows.row(0)[tickets]));  // 2025-06-15 - 90 is before 2025-05-01
  EXPECT_FLOAT_EQ(rows.row(1)[tickets], 0);       // covered: no tickets is a fact now
  EXPECT_TRUE(std::isnan(rows.row(0)[usage]));
  EXPECT_FLOAT_EQ(rows.row(1)[usage], 3);
}

TEST(LeakageTest, EventsAfterTheDayChangeNoFeatureAndNoScore) {
  const Day t = D("2025-06-15");
  BookOptions base;
  BookOptions cut = base;
  cut.cut = t;
  BookOptions extra = base;
  extra.extra = t;
  const auto a = Book(base), b = Book(cut), c = Book(extra);
  const analytics::MetricParams params;
  const FeatureRows fa = ComputeFeatures(*a, {t, t - 30, t - 200}, params);
  const FeatureRows fb = ComputeFeatures(*b, {t, t - 30, t - 200}, params);
  const FeatureRows fc = ComputeFeatures(*c, {t, t - 30, t - 200}, params);
  ASSERT_EQ(fa.rows(), fb.rows());
  ASSERT_EQ(fa.rows(), fc.rows());
  ASSERT_GT(fa.rows(), 300u);
  // The health score (whose facts' TTM would include t's month) is among the compared.
  const int health = FindFeature(FeatureList(*a), "health_score");
  ASSERT_GE(health, 0);
  size_t with_health = 0;
  for (size_t i = 0; i < fa.rows(); ++i) with_health += !std::isnan(fa.row(i)[health]);
  EXPECT_GT(with_health, 300u);
  for (size_t i = 0; i < fa.values.size(); ++i) {
    ASSERT_TRUE(SameFloat(fa.values[i], fb.values[i])) << "cut, value " << i;
    ASSERT_TRUE(SameFloat(fa.values[i], fc.values[i])) << "extra, value " << i;
  }
  // The extra events do show once their day has come: the comparison above can fail.
  const FeatureRows later_a = ComputeFeatures(*a, {t + 10}, params);
  const FeatureRows later_c = ComputeFeatures(*c, {t + 10}, params);
  ASSERT_EQ(later_a.rows(), later_c.rows());
  size_t differing = 0;
  for (size_t i = 0; i < later_a.values.size(); ++i) {
    differing += !SameFloat(later_a.values[i], later_c.values[i]);
  }
  EXPECT_GT(differing, later_a.rows());
  // Trained as of t on each, the models are the same and score alike.
  auto ma = TrainChurnModel(*a, t, params, SmallTraining());
  auto mb = TrainChurnModel(*b, t, params, SmallTraining());
  auto mc = TrainChurnModel(*c, t, params, SmallTraining());
  ASSERT_TRUE(ma.ok()) << ma.status().message();
  ASSERT_TRUE(mb.ok() && mc.ok());
  auto sa = ScoreAccounts(*ma, *a, t, params, "a");
  auto sb = ScoreAccounts(*mb, *b, t, params, "b");
  auto sc = ScoreAccounts(*mc, *c, t, params, "c");
  ASSERT_TRUE(sa.ok() && sb.ok() && sc.ok());
  ASSERT_EQ(sa->accounts.size(), sb->accounts.size());
  ASSERT_EQ(sa->accounts.size(), sc->accounts.size());
  // Compared by account: the order is by revenue at risk, whose TTM (metrics.md, Basics)
  // includes the revenue of t's month.
  for (const AccountRisk& r : sa->accounts) {
    const int64_t ib = FindScore(*sb, r.account), ic = FindScore(*sc, r.account);
    ASSERT_GE(ib, 0);
    ASSERT_GE(ic, 0);
    EXPECT_EQ(r.risk, sb->accounts[static_cast<size_t>(ib)].risk);
    EXPECT_EQ(r.risk, sc->accounts[static_cast<size_t>(ic)].risk);
  }
}

class ModelFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bw_predict_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const char* name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(ModelFileTest, RoundTripGivesIdenticalPredictionsAndIsDeterministic) {
  const auto snap = Book({});
  const Day t = D("2025-12-31");
  auto model = TrainChurnModel(*snap, t, {}, SmallTraining());
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_GT(model->metrics.positives, 0);
  ASSERT_TRUE(SaveModel(*model, Path("m.json")).ok());
  auto loaded = LoadModel(Path("m.json"));
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(FeatureNames(loaded->features), FeatureNames(model->features));
  EXPECT_EQ(loaded->training_dates, model->training_dates);
  EXPECT_EQ(loaded->rounds, model->rounds);
  EXPECT_EQ(loaded->calibration.a, model->calibration.a);
  EXPECT_EQ(loaded->calibration.b, model->calibration.b);
  const FeatureRows rows = ComputeFeatures(*snap, {t}, {});
  auto p1 = model->Predict(rows);
  auto p2 = loaded->Predict(rows);
  ASSERT_TRUE(p1.ok() && p2.ok());
  EXPECT_EQ(*p1, *p2);
  EXPECT_EQ(model->logistic.Predict(rows), loaded->logistic.Predict(rows));
  // The same seed and data give the same model, byte for byte.
  auto again = TrainChurnModel(*snap, t, {}, SmallTraining());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*ModelToJson(*again), *ModelToJson(*model));
}

// The model blends the trees' and the logistic regression's log-odds half and half
// (docs/churn.md, "Model"); its explanations add up to that blend, and a model file
// without "blend" (written before it) scores with the trees alone.
TEST_F(ModelFileTest, BlendOfTreesAndLogisticIsSavedExplainedAndOptional) {
  const auto snap = Book({});
  const Day t = D("2025-12-31");
  auto model = TrainChurnModel(*snap, t, {}, SmallTraining());
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_EQ(model->tree_share, 0.5);
  const FeatureRows rows = ComputeFeatures(*snap, {t}, {});
  ASSERT_GT(rows.rows(), 0u);
  // Uncalibrated, the blend is sigmoid(0.5 logit(trees) + 0.5 logistic log-odds).
  ChurnModel raw = std::move(*model);
  const PlattCalibration calibration = raw.calibration;
  raw.calibration = PlattCalibration{};
  auto blended = raw.Predict(rows);
  raw.tree_share = 1.0;
  auto trees = raw.Predict(rows);
  ASSERT_TRUE(blended.ok() && trees.ok());
  const float* row = rows.row(0);
  const double logit_trees = std::log((*trees)[0] / (1 - (*trees)[0]));
  const double z = 0.5 * logit_trees + 0.5 * raw.logistic.LogOdds(row);
  EXPECT_NEAR((*blended)[0], 1 / (1 + std::exp(-z)), 1e-5);
  // The logistic terms add up to its log-odds.
  std::vector<double> terms(rows.feature_count);
  raw.logistic.Contributions(row, terms.data());
  double sum = raw.logistic.intercept();
  for (double v : terms) sum += v;
  EXPECT_NEAR(sum, raw.logistic.LogOdds(row), 1e-9);
  // Saved with "blend", read back; without it, trees only; out of range refused.
  raw.tree_share = 0.5;
  raw.calibration = calibration;
  auto json = nlohmann::json::parse(*ModelToJson(raw));
  EXPECT_EQ(json.at("blend").at("trees"), 0.5);
  EXPECT_EQ(ModelFromJson(json.dump(), "m.json")->tree_share, 0.5);
  json.erase("blend");
  EXPECT_EQ(ModelFromJson(json.dump(), "m.json")->tree_share, 1.0);
  json["blend"] = {{"trees", 1.5}, {"logistic", -0.5}};
  EXPECT_EQ(ModelFromJson(json.dump(), "m.json").status().message(),
            "m.json: blend.trees is not between 0 and 1");
}

TEST_F(ModelFileTest, WrongFeatureListTruncatedAndMissingFilesGiveClearErrors) {
  const Day t = D("2025-12-31");
  const auto with_signal = Book({});
  BookOptions no_signal_options;
  no_signal_options.signals = false;
  const auto without_signal = Book(no_signal_options);
  auto model = TrainChurnModel(*with_signal, t, {}, SmallTraining());
  ASSERT_TRUE(model.ok());
  ASSERT_TRUE(SaveModel(*model, Path("m.json")).ok());
  auto loaded = LoadModel(Path("m.json"));
  ASSERT_TRUE(loaded.ok());
  auto wrong = ScoreAccounts(*loaded, *without_signal, t, {}, Path("m.json"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(wrong.status().message().find("feature list does not match"), std::string::npos);
  EXPECT_NE(wrong.status().message().find("signal.usage.last"), std::string::npos);
  EXPECT_NE(wrong.status().message().find("m.json"), std::string::npos);

  std::string text;
  {
    std::ifstream in(Path("m.json"));
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  {
    std::ofstream out(Path("cut.json"));
    out << text.substr(0, text.size() / 2);
  }
  auto truncated = LoadModel(Path("cut.json"));
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(truncated.status().message().find("cut.json: not a complete churn model file"),
            std::string::npos)
      << truncated.status().message();

  auto missing = LoadModel(Path("nothing.json"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("nothing.json: no such model file"), std::string::npos);

  {
    std::ofstream out(Path("other.json"));
    out << R"({"format": "something else"})";
  }
  auto other = LoadModel(Path("other.json"));
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("not a churn model file"), std::string::npos);
}

TEST(ScoringTest, AccountsWithoutAnswersRevenueOrTouchpointsGetScores) {
  TestData d;
  d.Account("QUIET", {.created_on = "2023-01-01"});  // nothing at all
  d.Account("NOREV", {.created_on = "2023-01-01"});
  d.Contact("NC", "NOREV", Role::kUser).Response("NR", "NC", "2025-11-01", 4);
  const auto book = Book({});
  // Score the book's model on a book that also holds the empty accounts: same features.
  auto model = TrainChurnModel(*book, D("2025-12-31"), {}, SmallTraining());
  ASSERT_TRUE(model.ok());
  TestData both;
  // Rebuild: the book plus the two accounts (signals keep the same feature list).
  both.Account("QUIET", {.created_on = "2023-01-01"});
  both.Account("NOREV", {.created_on = "2023-01-01"});
  both.Contact("NC", "NOREV", Role::kUser).Response("NR", "NC", "2025-11-01", 4);
  both.Account("SIG", {.created_on = "2023-01-01"}).Signal("SIG", "usage", "2025-12-01", 5);
  const auto snap = both.Build();
  auto scores = ScoreAccounts(*model, *snap, D("2025-12-31"), {}, "model");
  ASSERT_TRUE(scores.ok()) << scores.status().message();
  ASSERT_EQ(scores->accounts.size(), 3u);
  for (const AccountRisk& r : scores->accounts) {
    EXPECT_TRUE(r.risk >= 0 && r.risk <= 1) << r.risk;
    EXPECT_EQ(r.revenue_at_risk, 0);
  }
  std::vector<size_t> all = {0, 1, 2};
  ASSERT_TRUE(Explain(*model, DefaultChurnSettings(), all, *scores).ok());
}

TEST(ScoringTest, ADataSetWithOnlyImportedSignalsTrainsAndScores) {
  BookOptions o;
  o.surveys = o.revenue = o.touchpoints = false;
  const auto snap = Book(o);
  EXPECT_TRUE(snap->response_day.empty());
  auto model = TrainChurnModel(*snap, D("2025-12-31"), {}, SmallTraining());
  ASSERT_TRUE(model.ok()) << model.status().message();
  auto scores = ScoreAccounts(*model, *snap, D("2025-12-31"), {}, "model");
  ASSERT_TRUE(scores.ok());
  EXPECT_GT(scores->accounts.size(), 50u);
  // The signal carries the hidden health: the model ranks better than chance.
  std::vector<double> risk;
  std::vector<uint8_t> churned;
  auto scores_then = ScoreAccounts(*model, *snap, D("2025-06-30"), {}, "model");
  ASSERT_TRUE(scores_then.ok());
  for (const AccountRisk& r : scores_then->accounts) {
    risk.push_back(r.risk);
    churned.push_back(ChurnedWithin(*snap, r.account, D("2025-06-30")));
  }
  const auto auc = analytics::RocAuc(risk, churned);
  ASSERT_TRUE(auc.has_value());
  EXPECT_GT(*auc, 0.6);
}

TEST(ScoringTest, NotEnoughHistoryIsAClearError) {
  TestData d;
  d.Account("A", {.created_on = "2025-01-01"}).Revenue("A", "2025-01", 10);
  const auto snap = d.Build();
  auto model = TrainChurnModel(*snap, D("2025-03-31"), {}, SmallTraining());
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(model.status().message().find("not enough history"), std::string::npos);
}

TEST(ExplainTest, FactorsAreWordsAndMapToConfiguredActions) {
  EXPECT_EQ(FactorText({"days_since_proactive", FeatureKind::kDays}, 210.0),
            "no business review, meeting, call or training for 210 days");
  EXPECT_EQ(FactorText({"decision_maker_score", FeatureKind::kScore}, 3.0),
            "decision maker scored 3");
  EXPECT_EQ(FactorText({"account_score", FeatureKind::kScore}, std::nullopt), "no survey answers");
  EXPECT_EQ(FactorText({"signal.invoice_days_late.last", FeatureKind::kSignal}, 21.0),
            "invoice_days_late is 21");
  EXPECT_EQ(FactorText({"signal.invoice_days_late.per_month", FeatureKind::kRatio}, 0.5),
            "invoice_days_late observed 0.5 times a month");
  EXPECT_EQ(FactorText({"signal.usage.trend", FeatureKind::kRatio}, -0.1),
            "usage trend -10 % a month over the last year");
  EXPECT_EQ(*ActionFor(DefaultChurnSettings(), "signal.usage_active_users.trend"),
            "Adoption programme to re-activate the users");
  EXPECT_EQ(FactorText({"support_tickets_per_month", FeatureKind::kRatio}, 2.0),
            "2 support tickets a month over the last year");
  EXPECT_EQ(FactorText({"revenue_slope_all", FeatureKind::kRatio}, -0.02),
            "revenue trend -2 % a month over the whole history");
  ChurnSettings s = DefaultChurnSettings();
  ASSERT_NE(ActionFor(s, "single_threaded"), nullptr);
  EXPECT_EQ(*ActionFor(s, "single_threaded"), "Map and engage more stakeholders");
  EXPECT_EQ(*ActionFor(s, "signal.invoice_days_late.mean_180d"),
            "Finance check-in about the late invoices");
  EXPECT_EQ(*ActionFor(s, "signal.invoice_days_late.per_month"),
            "Finance check-in about the late invoices");
  EXPECT_EQ(ActionFor(s, "signal.unknown.last"), nullptr);
  s.actions["signal.unknown"] = "Ask";
  EXPECT_EQ(*ActionFor(s, "signal.unknown.days_since"), "Ask");
  EXPECT_TRUE(IsActionKey("tier"));
  EXPECT_TRUE(IsActionKey("signal.x"));
  EXPECT_FALSE(IsActionKey("signal."));
  EXPECT_FALSE(IsActionKey("no_such_feature"));
}

TEST(ExplainTest, ThreatsAreTierAOrBAboveTheThreshold) {
  ChurnScores scores;
  auto add = [&](double risk, analytics::Tier tier) {
    AccountRisk r;
    r.risk = risk;
    r.tier = tier;
    scores.accounts.push_back(r);
  };
  add(0.9, analytics::Tier::kC);
  add(0.6, analytics::Tier::kA);
  add(0.4, analytics::Tier::kA);
  add(0.5, analytics::Tier::kB);
  ChurnSettings s;
  EXPECT_EQ(Threats(scores, s), (std::vector<size_t>{1, 3}));
  s.threat_risk = 0.3;
  EXPECT_EQ(Threats(scores, s), (std::vector<size_t>{1, 2, 3}));
}

TEST(EvaluationTest, FiguresAgainstHandComputedValues) {
  // Risks 0.9 (churned), 0.8, 0.7 (churned), 0.1 x 7: average precision (1/1 + 2/3) / 2.
  std::vector<double> risk = {0.9, 0.8, 0.7, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
  std::vector<uint8_t> churned = {1, 0, 1, 0, 0, 0, 0, 0, 0, 0};
  std::vector<double> ttm = {10, 100, 30, 1, 1, 1, 1, 1, 1, 1};
  EXPECT_NEAR(*PrAuc(risk, churned), (1.0 + 2.0 / 3.0) / 2.0, 1e-12);
  const Evaluation e = Evaluate("m", risk, churned, ttm, true);
  EXPECT_NEAR(*e.roc_auc, 1.0 - 1.0 / 16.0, 1e-12);  // one survivor outranks one churner
  double brier = 0.01 + 0.64 + 0.09 + 7 * 0.01;
  EXPECT_NEAR(*e.brier, brier / 10, 1e-12);
  // Top decile (1 account) by revenue at risk: 0.8 x 100 = 80, a survivor.
  EXPECT_NEAR(*e.top_decile_lift, 0.0, 1e-12);
  EXPECT_NEAR(*e.top_decile_revenue_share, 0.0, 1e-12);
  ttm[1] = 1;  // now 0.7 x 30 = 21 leads: a churner holding 30 of 40
  const Evaluation e2 = Evaluate("m", risk, churned, ttm, true);
  EXPECT_NEAR(*e2.top_decile_lift, 1.0 / (2.0 / 10.0), 1e-12);
  EXPECT_NEAR(*e2.top_decile_revenue_share, 30.0 / 40.0, 1e-12);
  const Evaluation h = Evaluate("h", risk, churned, ttm, false);
  EXPECT_FALSE(h.brier.has_value());
  EXPECT_TRUE(h.reliability.empty());
}

TEST(CalibrationTest, PlattFitAgainstHandComputedValues) {
  // Raw probabilities with logit -1 and +1, four examples each: one of the first four and
  // three of the second four churned. The maximum-likelihood fit puts each group at its
  // observed rate: sigmoid(-a + b) = 1/4 and sigmoid(a + b) = 3/4, so b = 0 and
  // a = logit(3/4) = ln 3.
  const float low = static_cast<float>(1 / (1 + std::exp(1.0)));
  const float high = static_cast<float>(1 / (1 + std::exp(-1.0)));
  const std::vector<float> p = {low, low, low, low, high, high, high, high};
  const std::vector<float> y = {1, 0, 0, 0, 1, 1, 1, 0};
  const PlattCalibration c = PlattCalibration::Fit(p, y);
  EXPECT_NEAR(c.a, std::log(3.0), 1e-4);
  EXPECT_NEAR(c.b, 0.0, 1e-4);
  EXPECT_EQ(c.examples, 8u);
  EXPECT_NEAR(c.Apply(low), 0.25, 1e-4);
  EXPECT_NEAR(c.Apply(high), 0.75, 1e-4);
  // A constant prediction: only the intercept can move, to the observed rate 1/4.
  const PlattCalibration flat = PlattCalibration::Fit({0.5f, 0.5f, 0.5f, 0.5f}, {1, 0, 0, 0});
  EXPECT_NEAR(flat.Apply(0.5), 0.25, 1e-4);
  // One class only: nothing to fit, the identity.
  const PlattCalibration none = PlattCalibration::Fit({0.2f, 0.3f}, {0, 0});
  EXPECT_TRUE(none.identity());
  EXPECT_FLOAT_EQ(static_cast<float>(none.Apply(0.3)), 0.3f);
}

}  // namespace
}  // namespace bw::predict
