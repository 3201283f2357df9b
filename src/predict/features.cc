#include "predict/features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <numeric>

#include "analytics/account_facts.h"
#include "analytics/account_rows.h"
#include "analytics/health.h"
#include "core/executor.h"

namespace bw::predict {
namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
constexpr float kFeatureLimit = 1e30f;  // infinities become this, with their sign

// The fixed features, in column order (docs/churn.md describes each).
enum Fixed : int {
  kAccountScore = 0,
  kAccountScoreChange90,
  kAccountScoreChange180,
  kDecisionMakerScore,
  kUserScore,
  kDetractorShare,
  kAnswers,
  kInvitationsUnanswered,
  kResponseRate,
  kContactsCurrent,
  kContactsDecisionMaker,
  kContactsInfluencer,
  kContactsUser,
  kSingleThreaded,
  kContactsLeft180,
  kChampionLeft,
  kTtm,
  kRevenueTrend12m,
  kRevenueTrend3m,
  kMonthsWithoutRevenue,
  kRevenueVolatility,
  kDaysSinceTouchpoint,
  kDaysSinceProactive,
  kSupportTickets90,
  kSupportTicketsChange90,
  kMarketingEmails30,
  kTenureDays,
  kAcquisitionEarned,
  kAcquisitionBought,
  kTier,
  kMeanScore365,
  kMeanScore730,
  kRevenueSlope6m,
  kRevenueSlope12m,
  kSupportTickets180,
  kRevenueSlope24m,
  kMeanScoreAll,
  kResponseRate730,
  kMeanScoreRecent,
  kAnswersRecent,
  kResponseRateRecent,
  kHealthScore,
  kStakeholderCoverage,
  kSupportTicketRate,
  kRevenueSlopeAll,
  kFixedCount,
};

const FeatureInfo kFixedFeatures[kFixedCount] = {
    {"account_score", FeatureKind::kScore},
    {"account_score_change_90d", FeatureKind::kChange},
    {"account_score_change_180d", FeatureKind::kChange},
    {"decision_maker_score", FeatureKind::kScore},
    {"user_score", FeatureKind::kScore},
    {"detractor_share", FeatureKind::kRatio},
    {"answers", FeatureKind::kCount},
    {"invitations_unanswered", FeatureKind::kCount},
    {"response_rate", FeatureKind::kRatio},
    {"contacts_current", FeatureKind::kCount},
    {"contacts_decision_maker", FeatureKind::kCount},
    {"contacts_influencer", FeatureKind::kCount},
    {"contacts_user", FeatureKind::kCount},
    {"single_threaded", FeatureKind::kFlag},
    {"contacts_left_180d", FeatureKind::kCount},
    {"champion_left", FeatureKind::kFlag},
    {"ttm", FeatureKind::kMoney},
    {"revenue_trend_12m", FeatureKind::kRatio},
    {"revenue_trend_3m", FeatureKind::kRatio},
    {"months_without_revenue", FeatureKind::kCount},
    {"revenue_volatility", FeatureKind::kRatio},
    {"days_since_touchpoint", FeatureKind::kDays},
    {"days_since_proactive", FeatureKind::kDays},
    {"support_tickets_90d", FeatureKind::kCount},
    {"support_tickets_change_90d", FeatureKind::kChange},
    {"marketing_emails_30d", FeatureKind::kCount},
    {"tenure_days", FeatureKind::kDays},
    {"acquisition_earned", FeatureKind::kFlag},
    {"acquisition_bought", FeatureKind::kFlag},
    {"tier", FeatureKind::kLevel},
    {"mean_score_365d", FeatureKind::kScore},
    {"mean_score_730d", FeatureKind::kScore},
    {"revenue_slope_6m", FeatureKind::kRatio},
    {"revenue_slope_12m", FeatureKind::kRatio},
    {"support_tickets_180d", FeatureKind::kCount},
    {"revenue_slope_24m", FeatureKind::kRatio},
    {"mean_score_all", FeatureKind::kScore},
    {"response_rate_730d", FeatureKind::kRatio},
    {"mean_score_recent", FeatureKind::kScore},
    {"answers_recent", FeatureKind::kCount},
    {"response_rate_recent", FeatureKind::kRatio},
    {"health_score", FeatureKind::kScore},
    {"stakeholder_coverage", FeatureKind::kRatio},
    {"support_tickets_per_month", FeatureKind::kRatio},
    {"revenue_slope_all", FeatureKind::kRatio},
};

// Where a feature's inputs come from and how far back it looks: a feature whose look-back
// reaches before the first record of its source is missing (NaN), not zero. A support desk
// connected last spring has no tickets from before; "no tickets" then would be a lie the
// model learns from the old training dates (docs/churn.md, "Coverage").
enum class Source : uint8_t { kNone, kResponses, kInvitations, kTouchpoints, kRevenue };
struct Reach {
  Source source;
  int days;
};
const Reach kFixedReach[] = {
    {Source::kResponses, 365},        // account_score
    {Source::kResponses, 365 + 90},   // account_score_change_90d
    {Source::kResponses, 365 + 180},  // account_score_change_180d
    {Source::kResponses, 365},        // decision_maker_score
    {Source::kResponses, 365},        // user_score
    {Source::kResponses, 365},        // detractor_share
    {Source::kResponses, 365},        // answers
    {Source::kInvitations, 365},      // invitations_unanswered
    {Source::kInvitations, 365},      // response_rate
    {Source::kNone, 0},               // contacts_current
    {Source::kNone, 0},               // contacts_decision_maker
    {Source::kNone, 0},               // contacts_influencer
    {Source::kNone, 0},               // contacts_user
    {Source::kNone, 0},               // single_threaded
    {Source::kNone, 0},               // contacts_left_180d
    {Source::kNone, 0},               // champion_left
    {Source::kRevenue, 365},          // ttm
    {Source::kRevenue, 730},          // revenue_trend_12m
    {Source::kRevenue, 180},          // revenue_trend_3m
    {Source::kRevenue, 365},          // months_without_revenue
    {Source::kRevenue, 365},          // revenue_volatility
    {Source::kTouchpoints, 90},       // days_since_touchpoint
    {Source::kTouchpoints, 90},       // days_since_proactive
    {Source::kTouchpoints, 90},       // support_tickets_90d
    {Source::kTouchpoints, 180},      // support_tickets_change_90d
    {Source::kTouchpoints, 30},       // marketing_emails_30d
    {Source::kNone, 0},               // tenure_days
    {Source::kNone, 0},               // acquisition_earned
    {Source::kNone, 0},               // acquisition_bought
    {Source::kNone, 0},               // tier
    {Source::kResponses, 365},        // mean_score_365d
    {Source::kResponses, 365},        // mean_score_730d: over what is known (an estimate)
    {Source::kRevenue, 180},          // revenue_slope_6m
    {Source::kRevenue, 365},          // revenue_slope_12m
    {Source::kTouchpoints, 180},      // support_tickets_180d
    {Source::kRevenue, 365},          // revenue_slope_24m: over the months known
    {Source::kResponses, 365},        // mean_score_all
    {Source::kInvitations, 365},      // response_rate_730d: over what is known
    {Source::kResponses, 365},        // mean_score_recent
    {Source::kResponses, 365},        // answers_recent
    {Source::kInvitations, 365},      // response_rate_recent
    {Source::kNone, 0},               // health_score: its components are each measured or
                                      // dropped (the scorecard renormalises the weights)
    {Source::kNone, 0},               // stakeholder_coverage
    {Source::kTouchpoints, 90},       // support_tickets_per_month: over what is known
    {Source::kRevenue, 365},          // revenue_slope_all
};
static_assert(std::size(kFixedReach) == kFixedCount);
// last, change, days_since, mean_180d, count_180d, mean_365d, per_month, trend (the last
// three over what is known of the year)
constexpr int kSignalReach[] = {90, 90, 90, 180, 180, 90, 90, 90};

// The first record of each source (kNoDay when it has none).
struct Coverage {
  Day first[5] = {kNoDay, kNoDay, kNoDay, kNoDay, kNoDay};  // by Source
  std::vector<Day> signal_first;                            // by signal name

  static Day Min(Day a, Day b) { return a == kNoDay ? b : (b == kNoDay ? a : std::min(a, b)); }
  explicit Coverage(const Snapshot& snap) : signal_first(snap.signal_names.size(), kNoDay) {
    first[static_cast<int>(Source::kNone)] = std::numeric_limits<Day>::min() / 2;
    for (Day d : snap.response_day) first[1] = Min(first[1], d);
    for (Day d : snap.invitation_sent_on) first[2] = Min(first[2], d);
    for (Day d : snap.touchpoint_day) first[3] = Min(first[3], d);
    for (MonthIndex m : snap.revenue_month) first[4] = Min(first[4], FirstDayOf(m));
    for (size_t i = 0; i < snap.signal_day.size(); ++i) {
      Day& f = signal_first[static_cast<size_t>(snap.signal_name[i])];
      f = Min(f, snap.signal_day[i]);
    }
  }
  // Whether a look-back of `days` from t stays within the source's records. When the
  // source's first record is after t, no record before t exists either: not covered.
  static bool Covers(Day first_day, Day t, int days) {
    return first_day != kNoDay && first_day <= t - days;
  }
};

constexpr int kSignalFeatures = std::size(kSignalReach);

// The imported signals that become features: the kMaxSignalsAsFeatures with the most
// observations (ties by name), in that order. A book may name thousands of signals (one
// per row, by mistake or on purpose), and eight columns each would make the training
// matrix grow with them; a signal beyond the cap is still imported and shown, only not
// learned from (docs/limits.md).
struct SignalColumns {
  std::vector<int32_t> slot_of;  // by signal name index: its slot, or -1
  std::vector<int32_t> names;    // by slot: the signal name index

  explicit SignalColumns(const Snapshot& snap) : slot_of(snap.signal_names.size(), -1) {
    std::vector<int64_t> count(snap.signal_names.size(), 0);
    for (int32_t name : snap.signal_name) {
      if (name >= 0 && static_cast<size_t>(name) < count.size()) ++count[static_cast<size_t>(name)];
    }
    names.resize(count.size());
    std::iota(names.begin(), names.end(), 0);
    std::sort(names.begin(), names.end(), [&](int32_t x, int32_t y) {
      const size_t a = static_cast<size_t>(x), b = static_cast<size_t>(y);
      if (count[a] != count[b]) return count[a] > count[b];
      return snap.signal_names[a] < snap.signal_names[b];
    });
    if (names.size() > kMaxSignalsAsFeatures) names.resize(kMaxSignalsAsFeatures);
    for (size_t k = 0; k < names.size(); ++k) {
      slot_of[static_cast<size_t>(names[k])] = static_cast<int32_t>(k);
    }
  }
  // The slot of signal name `name`, or -1.
  int32_t SlotOf(int32_t name) const {
    return name >= 0 && static_cast<size_t>(name) < slot_of.size()
               ? slot_of[static_cast<size_t>(name)]
               : -1;
  }
};

// The days of the year before t that a source covers: min(365, t - its first record + 1),
// at least 1. Rates "per month of the last year" divide by this, so a source connected
// five months ago gives a rate over five months, not a count diluted over twelve.
int KnownDaysOfYear(Day first_record, Day t) {
  if (first_record == kNoDay || first_record > t) return 1;
  return std::clamp(t - first_record + 1, 1, 365);
}

// The last month whose revenue is complete on day t: t's month when t is its last day,
// else the month before. Revenue is booked per month, so a month is known once it ended.
MonthIndex LastCompleteMonth(Day t) {
  const MonthIndex m = MonthOf(t);
  return FirstDayOf(m + 1) - 1 == t ? m : m - 1;
}

// What the change features of a later day read from an earlier one.
struct Earlier {
  std::vector<float> score;    // account score, NaN without answers
  std::vector<float> tickets;  // support tickets in the 90 days before
};

// Monthly revenue of account a for the 24 complete months ending with `last`, oldest
// first, in currency units; `first_month` is the account's first month with revenue on
// or before `last` (INT32_MAX when none).
void MonthlyRevenue(const Snapshot& snap, AccountIndex a, MonthIndex last,
                    std::array<double, 24>& months, MonthIndex& first_month) {
  months.fill(0);
  first_month = std::numeric_limits<MonthIndex>::max();
  const snapshot::IndexRange r = snap.RevenueOf(a);
  const MonthIndex from = last - 23;
  for (uint32_t i = r.begin; i < r.end; ++i) {
    const MonthIndex m = snap.revenue_month[i];
    if (m > last) break;
    if (snap.revenue_cents[i] != 0 && first_month == std::numeric_limits<MonthIndex>::max()) {
      first_month = m;
    }
    if (m >= from) months[static_cast<size_t>(m - from)] += CentsToDouble(snap.revenue_cents[i]);
  }
}

// A least-squares line through points (x, y), added one at a time.
class SlopeFit {
 public:
  void Add(double x, double y) {
    sx_ += x;
    sy_ += y;
    sxx_ += x * x;
    sxy_ += x * y;
    ++n_;
  }
  // The slope, NaN with fewer than `min_points` points or all at one x.
  float Slope(int min_points) const {
    if (n_ < min_points) return kMissing;
    const double denom = n_ * sxx_ - sx_ * sx_;
    if (denom <= 0) return kMissing;
    return static_cast<float>((n_ * sxy_ - sx_ * sy_) / denom);
  }

 private:
  double sx_ = 0, sy_ = 0, sxx_ = 0, sxy_ = 0;
  int n_ = 0;
};

// Least-squares slope of the natural log of the monthly revenue over the last `n` of the
// 24 months (months without revenue left out): the monthly growth rate. NaN with fewer
// than 3 months of revenue.
float LogSlope(const std::array<double, 24>& months, size_t n) {
  SlopeFit fit;
  for (size_t i = 24 - n; i < 24; ++i) {
    if (months[i] > 0) fit.Add(static_cast<double>(i), std::log(months[i]));
  }
  return fit.Slope(3);
}

// Least-squares slope of the log monthly revenue over every complete month up to `last`
// (at most 120), leaving out months without revenue and an account's first six months
// (new accounts ramp up): the account's long-run growth rate, steadier than the 24-month
// slope against monthly noise. NaN with fewer than 6 such months.
float WholeHistoryLogSlope(const Snapshot& snap, AccountIndex a, MonthIndex last) {
  const Day created = snap.created_on[a];
  MonthIndex from = last - 119;
  if (created != kNoDay) from = std::max(from, MonthOf(created) + 6);
  SlopeFit fit;
  const snapshot::IndexRange r = snap.RevenueOf(a);
  uint32_t i = r.begin;
  while (i < r.end) {
    const MonthIndex m = snap.revenue_month[i];
    if (m > last) break;
    int64_t cents = 0;
    for (; i < r.end && snap.revenue_month[i] == m; ++i) cents += snap.revenue_cents[i];
    if (m >= from && cents > 0) {
      fit.Add(static_cast<double>(m - from), std::log(static_cast<double>(cents)));
    }
  }
  return fit.Slope(6);
}

// Revenue tiers (metrics.md, Key accounts) from the complete-month TTM of the active
// accounts: tier A is the shortest prefix by TTM descending reaching tier_shares[0] of
// the total, and so on.
std::vector<uint8_t> TiersOf(const Snapshot& snap, const std::vector<AccountIndex>& active,
                             const std::vector<double>& ttm,
                             const analytics::MetricParams& params) {
  std::vector<uint32_t> order(active.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (ttm[x] != ttm[y]) return ttm[x] > ttm[y];
    return snap.account_id_rank[active[x]] < snap.account_id_rank[active[y]];
  });
  double total = 0;
  for (double v : ttm) total += v;
  std::vector<uint8_t> tier(active.size(), 3);
  double running = 0;
  uint8_t current = 0;
  for (uint32_t i : order) {
    while (current < 3 && (total <= 0 || running >= params.tier_shares[current] * total)) {
      ++current;
    }
    if (current >= 3) break;
    tier[i] = current;
    running += ttm[i];
  }
  return tier;
}

// Weights of an answer (half-life 180 days) and an invitation (365 days) by age in days:
// the hidden state of an account drifts, so recent answers say more about it now.
class RecencyWeights {
 public:
  static constexpr int kMaxAge = 3650;  // beyond ten years a weight is 0
  RecencyWeights() : score_(kMaxAge + 1), invitation_(kMaxAge + 1) {
    for (int d = 0; d <= kMaxAge; ++d) {
      score_[static_cast<size_t>(d)] = std::exp2(-d / 180.0);
      invitation_[static_cast<size_t>(d)] = std::exp2(-d / 365.0);
    }
  }
  double score(int age) const { return age > kMaxAge ? 0.0 : score_[static_cast<size_t>(age)]; }
  double invitation(int age) const {
    return age > kMaxAge ? 0.0 : invitation_[static_cast<size_t>(age)];
  }

 private:
  std::vector<double> score_, invitation_;
};

// The whole book's mean answer and response rate as known at t: what an account with few
// answers is shrunk towards.
struct BookPrior {
  static constexpr double kScoreWeight = 1.0;  // in answers
  static constexpr double kRateWeight = 2.0;   // in invitations
  bool score_known = false, rate_known = false;
  double mean_score = 0, response_rate = 0;
  BookPrior(const Snapshot& snap, Day t) {
    double sum = 0;
    int64_t n = 0, sent = 0, answered = 0;
    for (size_t r = 0; r < snap.response_day.size(); ++r) {
      if (snap.response_day[r] > t) continue;
      sum += snap.response_score[r];
      ++n;
    }
    for (size_t k = 0; k < snap.invitation_sent_on.size(); ++k) {
      if (snap.invitation_sent_on[k] > t) continue;
      ++sent;
      answered += snap.invitation_answered_on[k] <= t;
    }
    score_known = n > 0;
    rate_known = sent > 0;
    if (score_known) mean_score = sum / static_cast<double>(n);
    if (rate_known) response_rate = static_cast<double>(answered) / static_cast<double>(sent);
  }
};

// The health scorecard the `health_score` feature reads: always the default one
// (docs/health-score.md), so a saved model's feature keeps its meaning when a workspace
// edits its scorecard.
const analytics::HealthConfig& FeatureHealthConfig() {
  static const analytics::HealthConfig config = analytics::DefaultHealthConfig();
  return config;
}

size_t ComponentIndex(const analytics::HealthConfig& config, std::string_view name) {
  for (size_t i = 0; i < config.components.size(); ++i) {
    if (config.components[i].name == name) return i;
  }
  return config.components.size();
}

// Revenue of the 12 complete months ending with `last` (currency units).
double CompleteTtm(const Snapshot& snap, AccountIndex a, MonthIndex last) {
  double sum = 0;
  const snapshot::IndexRange r = snap.RevenueOf(a);
  for (uint32_t i = r.begin; i < r.end; ++i) {
    const MonthIndex m = snap.revenue_month[i];
    if (m > last) break;
    if (m > last - 12) sum += CentsToDouble(snap.revenue_cents[i]);
  }
  return sum;
}

// The features of the accounts active at `t` from the facts of t; only the accounts that
// `keep` accepts get a row (the tiers still rank every active account).
// One pass per account over its contiguous columns, every feature of the row at once:
// splitting it would walk the same ranges again, so it is long on purpose.
// NOLINTNEXTLINE(readability-function-size)
void FillDay(const Snapshot& snap, const analytics::AccountFacts& facts,
             const analytics::MetricParams& params, const analytics::HealthScorer& scorer,
             const Coverage& coverage, const SignalColumns& signals, const RowFilter& keep,
             size_t feature_count, FeatureRows& out) {
  const Day t = facts.as_of;
  const MonthIndex last = LastCompleteMonth(t);
  std::vector<AccountIndex> all_active;
  for (AccountIndex a = 0; a < snap.account_count(); ++a) {
    if (analytics::IsActive(snap, a, t)) all_active.push_back(a);
  }
  // Tiers rank the whole book by complete-month TTM, rows or not.
  std::vector<double> all_ttm(all_active.size());
  for (size_t i = 0; i < all_active.size(); ++i)
    all_ttm[i] = CompleteTtm(snap, all_active[i], last);
  const std::vector<uint8_t> all_tiers = TiersOf(snap, all_active, all_ttm, params);
  std::vector<AccountIndex> active;
  std::vector<uint8_t> tiers;
  for (size_t i = 0; i < all_active.size(); ++i) {
    if (keep && !keep(all_active[i], t)) continue;
    active.push_back(all_active[i]);
    tiers.push_back(all_tiers[i]);
  }
  const size_t base = out.rows();
  out.account.insert(out.account.end(), active.begin(), active.end());
  out.day.insert(out.day.end(), active.size(), t);
  out.values.resize(out.rows() * feature_count, kMissing);
  const RecencyWeights recency;
  const BookPrior prior(snap, t);
  const size_t signal_count = signals.names.size();
  const size_t coverage_component = ComponentIndex(FeatureHealthConfig(), "stakeholder_coverage");

  auto fill = [&](size_t begin, size_t end) {
    std::array<double, 24> months;
    std::vector<double> normalised(scorer.component_count());
    for (size_t i = begin; i < end; ++i) {
      const AccountIndex a = active[i];
      float* row = out.values.data() + (base + i) * feature_count;
      const analytics::AccountFact& f = facts.accounts[a];
      // Loyalty.
      if (f.answers > 0) {
        row[kAccountScore] = static_cast<float>(f.score);
        row[kDetractorShare] =
            static_cast<float>(f.contact_categories[0]) / static_cast<float>(f.answers);
      }
      row[kAnswers] = static_cast<float>(f.answers);
      row[kInvitationsUnanswered] = static_cast<float>(f.invitations_sent - f.invitations_answered);
      if (f.invitations_sent > 0) {
        row[kResponseRate] =
            static_cast<float>(f.invitations_answered) / static_cast<float>(f.invitations_sent);
      }
      double role_sum[kRoleCount] = {0, 0, 0};
      int role_n[kRoleCount] = {0, 0, 0};
      int left = 0;
      double sum365 = 0, sum730 = 0, sum_all = 0;
      int n365 = 0, n730 = 0, n_all = 0, sent730 = 0, answered730 = 0;
      double recent_sum = 0, recent_weight = 0, invited_weight = 0, answered_weight = 0;
      const snapshot::IndexRange contacts = snap.ContactsOf(a);
      for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
        // Every answer of the last one and two years, contacts who left included: more
        // answers than the latest per contact, so a steadier view of the account.
        const snapshot::IndexRange rs = snap.ResponsesOf(static_cast<int32_t>(c));
        for (uint32_t r = rs.begin; r < rs.end; ++r) {
          const Day d = snap.response_day[r];
          if (d > t) break;
          sum_all += snap.response_score[r];
          ++n_all;
          const double w = recency.score(t - d);
          recent_sum += w * snap.response_score[r];
          recent_weight += w;
          if (d <= t - 730) continue;
          sum730 += snap.response_score[r];
          ++n730;
          if (d > t - 365) {
            sum365 += snap.response_score[r];
            ++n365;
          }
        }
        const snapshot::IndexRange is = snap.InvitationsOf(static_cast<int32_t>(c));
        for (uint32_t k = is.begin; k < is.end; ++k) {
          const Day sent = snap.invitation_sent_on[k];
          if (sent > t) break;
          const double w = recency.invitation(t - sent);
          invited_weight += w;
          answered_weight += snap.invitation_answered_on[k] <= t ? w : 0.0;
          if (sent <= t - 730) continue;
          ++sent730;
          answered730 += snap.invitation_answered_on[k] <= t;
        }
        const Day left_on = snap.contact_left_on[c];
        if (left_on != kNoDay && left_on <= t && left_on > t - kChangeLongDays) ++left;
        if (!analytics::IsCurrentContact(snap, static_cast<int32_t>(c), t)) continue;
        const int32_t r = facts.contact_score_response[c];
        if (r == snapshot::kNone) continue;
        const size_t role = static_cast<size_t>(snap.contact_role[c]);
        role_sum[role] += snap.response_score[static_cast<size_t>(r)];
        ++role_n[role];
      }
      if (n365 > 0) row[kMeanScore365] = static_cast<float>(sum365 / n365);
      if (n730 > 0) row[kMeanScore730] = static_cast<float>(sum730 / n730);
      if (n_all > 0) row[kMeanScoreAll] = static_cast<float>(sum_all / n_all);
      if (sent730 > 0)
        row[kResponseRate730] = static_cast<float>(answered730) / static_cast<float>(sent730);
      // Recency-weighted and shrunk towards the book: one answer (two invitations) of the
      // book's mean, so an account with a single old answer does not sit at an extreme.
      if (prior.score_known) {
        row[kMeanScoreRecent] =
            static_cast<float>((recent_sum + BookPrior::kScoreWeight * prior.mean_score) /
                               (recent_weight + BookPrior::kScoreWeight));
      }
      row[kAnswersRecent] = static_cast<float>(recent_weight);
      if (prior.rate_known) {
        row[kResponseRateRecent] =
            static_cast<float>((answered_weight + BookPrior::kRateWeight * prior.response_rate) /
                               (invited_weight + BookPrior::kRateWeight));
      }
      if (role_n[0] > 0) row[kDecisionMakerScore] = static_cast<float>(role_sum[0] / role_n[0]);
      if (role_n[2] > 0) row[kUserScore] = static_cast<float>(role_sum[2] / role_n[2]);
      // Stakeholders.
      row[kContactsCurrent] = static_cast<float>(f.contacts_current);
      row[kContactsDecisionMaker] = static_cast<float>(f.contacts_by_role[0]);
      row[kContactsInfluencer] = static_cast<float>(f.contacts_by_role[1]);
      row[kContactsUser] = static_cast<float>(f.contacts_by_role[2]);
      row[kSingleThreaded] =
          (f.flags & analytics::FlagBit(analytics::AccountFlag::kSingleThreaded)) ? 1.f : 0.f;
      row[kContactsLeft180] = static_cast<float>(left);
      row[kChampionLeft] =
          (f.flags & analytics::FlagBit(analytics::AccountFlag::kChampionLeft)) ? 1.f : 0.f;
      // Revenue, complete months only.
      MonthIndex first_month;
      MonthlyRevenue(snap, a, last, months, first_month);
      double recent = 0, prior = 0, last3 = 0, prev3 = 0, sq = 0;
      int without = 0, counted = 0;
      for (size_t k = 0; k < 12; ++k) prior += months[k];
      for (size_t k = 12; k < 24; ++k) {
        recent += months[k];
        const MonthIndex m = last - 23 + static_cast<MonthIndex>(k);
        if (m >= first_month) {
          ++counted;
          if (months[k] == 0) ++without;
        }
      }
      for (size_t k = 18; k < 21; ++k) prev3 += months[k];
      for (size_t k = 21; k < 24; ++k) last3 += months[k];
      row[kTtm] = static_cast<float>(recent);
      if (prior > 0) row[kRevenueTrend12m] = static_cast<float>(recent / prior - 1.0);
      if (prev3 > 0) row[kRevenueTrend3m] = static_cast<float>(last3 / prev3 - 1.0);
      row[kRevenueSlope6m] = LogSlope(months, 6);
      row[kRevenueSlope12m] = LogSlope(months, 12);
      row[kRevenueSlope24m] = LogSlope(months, 24);
      row[kRevenueSlopeAll] = WholeHistoryLogSlope(snap, a, last);
      row[kMonthsWithoutRevenue] = static_cast<float>(counted == 0 ? 12 : without);
      if (recent > 0) {
        const double mean = recent / 12.0;
        for (size_t k = 12; k < 24; ++k) sq += (months[k] - mean) * (months[k] - mean);
        row[kRevenueVolatility] = static_cast<float>(std::sqrt(sq / 12.0) / mean);
      }
      // Touchpoints.
      if (f.days_since_last >= 0) row[kDaysSinceTouchpoint] = static_cast<float>(f.days_since_last);
      if (f.days_since_proactive >= 0) {
        row[kDaysSinceProactive] = static_cast<float>(f.days_since_proactive);
      }
      row[kSupportTickets90] = static_cast<float>(f.support_tickets_90d);
      row[kMarketingEmails30] = static_cast<float>(f.marketing_emails_30d);
      int tickets = 0, tickets_year = 0;
      const int touchpoint_days = KnownDaysOfYear(coverage.first[3], t);
      const snapshot::IndexRange tr = snap.TouchpointsOf(a);
      for (uint32_t k = tr.begin; k < tr.end; ++k) {
        const Day d = snap.touchpoint_day[k];
        if (d > t) break;
        if (snap.touchpoint_type[k] != TouchpointType::kSupportTicket) continue;
        tickets += d > t - 180;
        tickets_year += d > t - touchpoint_days;
      }
      row[kSupportTickets180] = static_cast<float>(tickets);
      row[kSupportTicketRate] = static_cast<float>(tickets_year * 30.0 / touchpoint_days);
      // The account.
      if (snap.created_on[a] != kNoDay) {
        row[kTenureDays] = static_cast<float>(t - snap.created_on[a]);
      }
      row[kAcquisitionEarned] = snap.acquisition[a] == Acquisition::kEarned ? 1.f : 0.f;
      row[kAcquisitionBought] = snap.acquisition[a] == Acquisition::kBought ? 1.f : 0.f;
      row[kTier] = static_cast<float>(tiers[i]);
      // The health score the default scorecard showed at t, its revenue trend from complete
      // months (the facts' TTM includes t's month, not over at t).
      analytics::AccountBasics basics =
          analytics::BasicsOfAccount(facts, a, static_cast<analytics::Tier>(tiers[i]), params);
      basics.ttm = static_cast<Cents>(std::llround(recent * 100.0));
      basics.ttm_prior = static_cast<Cents>(std::llround(prior * 100.0));
      const std::optional<double> health = scorer.Evaluate(basics, t, normalised.data());
      if (health) row[kHealthScore] = static_cast<float>(*health);
      if (coverage_component < normalised.size()) {
        row[kStakeholderCoverage] = static_cast<float>(normalised[coverage_component]);
      }
      // Imported signals: sorted by (signal, day) within the account. A signal never
      // observed in the last year counts 0 observations.
      for (size_t k = 0; k < signal_count; ++k) {
        row[kFixedCount + k * kSignalFeatures + 4] = 0.f;
        row[kFixedCount + k * kSignalFeatures + 6] = 0.f;
      }
      const snapshot::IndexRange sr = snap.SignalsOf(a);
      uint32_t s = sr.begin;
      while (s < sr.end) {
        const int32_t name = snap.signal_name[s];
        const int32_t slot = signals.SlotOf(name);
        uint32_t end_of_name = s;
        if (slot < 0) {  // not a feature: skip its observations
          while (end_of_name < sr.end && snap.signal_name[end_of_name] == name) ++end_of_name;
          s = end_of_name;
          continue;
        }
        int64_t latest = -1, before = -1;
        double year_sum = 0, known_sum = 0, known_abs = 0;
        int year_count = 0, known_count = 0;
        SlopeFit trend;
        const int known_days = KnownDaysOfYear(coverage.signal_first[static_cast<size_t>(name)], t);
        while (end_of_name < sr.end && snap.signal_name[end_of_name] == name) {
          const Day d = snap.signal_day[end_of_name];
          if (d <= t) {
            before = latest;
            latest = end_of_name;
            if (d > t - 180) {
              year_sum += snap.signal_value[end_of_name];
              ++year_count;
            }
            if (d > t - known_days) {
              known_sum += snap.signal_value[end_of_name];
              known_abs += std::abs(snap.signal_value[end_of_name]);
              ++known_count;
              trend.Add((d - t) / 30.0, snap.signal_value[end_of_name]);
            }
          }
          ++end_of_name;
        }
        float* sig = row + kFixedCount + static_cast<size_t>(slot) * kSignalFeatures;
        if (latest >= 0) {
          sig[0] = static_cast<float>(snap.signal_value[static_cast<size_t>(latest)]);
          if (before >= 0) {
            sig[1] = static_cast<float>(snap.signal_value[static_cast<size_t>(latest)] -
                                        snap.signal_value[static_cast<size_t>(before)]);
          }
          sig[2] = static_cast<float>(t - snap.signal_day[static_cast<size_t>(latest)]);
          if (year_count > 0) sig[3] = static_cast<float>(year_sum / year_count);
          if (known_count > 0) sig[5] = static_cast<float>(known_sum / known_count);
          // Relative to the signal's usual size, so that 5 users fewer a month reads the
          // same for a team of 20 as 50 fewer for a team of 200.
          const float slope = trend.Slope(3);
          if (!std::isnan(slope) && known_abs > 0) {
            sig[7] = static_cast<float>(slope / (known_abs / known_count));
          }
        }
        sig[4] = static_cast<float>(year_count);
        sig[6] = static_cast<float>(known_count * 30.0 / known_days);
        s = end_of_name;
      }
    }
  };
  const size_t threads = ProcessExecutor().Concurrency();
  const size_t chunks = std::min(threads, std::max<size_t>(1, active.size() / 2048));
  const size_t step = (active.size() + chunks - 1) / std::max<size_t>(1, chunks);
  if (chunks <= 1) {
    fill(0, active.size());
  } else {
    ProcessExecutor().ParallelFor(chunks, chunks, [&](size_t c) {
      fill(std::min(active.size(), c * step), std::min(active.size(), (c + 1) * step));
    });
  }
}

}  // namespace

std::vector<FeatureInfo> FeatureList(const Snapshot& snap) {
  std::vector<FeatureInfo> list(std::begin(kFixedFeatures), std::end(kFixedFeatures));
  for (const int32_t index : SignalColumns(snap).names) {
    const std::string& name = snap.signal_names[static_cast<size_t>(index)];
    list.push_back({"signal." + name + ".last", FeatureKind::kSignal});
    list.push_back({"signal." + name + ".change", FeatureKind::kChange});
    list.push_back({"signal." + name + ".days_since", FeatureKind::kDays});
    list.push_back({"signal." + name + ".mean_180d", FeatureKind::kSignal});
    list.push_back({"signal." + name + ".count_180d", FeatureKind::kCount});
    list.push_back({"signal." + name + ".mean_365d", FeatureKind::kSignal});
    list.push_back({"signal." + name + ".per_month", FeatureKind::kRatio});
    list.push_back({"signal." + name + ".trend", FeatureKind::kRatio});
  }
  return list;
}

std::vector<std::string> FeatureNames(const std::vector<FeatureInfo>& features) {
  std::vector<std::string> names;
  names.reserve(features.size());
  for (const FeatureInfo& f : features) names.push_back(f.name);
  return names;
}

int FindFeature(const std::vector<FeatureInfo>& features, const std::string& name) {
  for (size_t i = 0; i < features.size(); ++i) {
    if (features[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

FeatureRows ComputeFeatures(const Snapshot& snap, const std::vector<Day>& days,
                            const analytics::MetricParams& params, const RowFilter& keep) {
  const analytics::HealthScorer scorer(snap, FeatureHealthConfig());
  const SignalColumns signals(snap);
  const size_t feature_count = kFixedCount + kSignalFeatures * signals.names.size();
  // Every day whose facts are needed, latest first.
  std::vector<Day> needed;
  for (Day d : days) {
    needed.push_back(d);
    needed.push_back(d - kChangeShortDays);
    needed.push_back(d - kChangeLongDays);
  }
  std::sort(needed.begin(), needed.end(), std::greater<>());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  std::vector<Day> wanted(days);
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());

  const Coverage coverage(snap);
  std::map<Day, Earlier> earlier;
  std::map<Day, FeatureRows> by_day;
  for (size_t begin = 0; begin < needed.size(); begin += analytics::kMaxFactDates) {
    const std::vector<Day> chunk(
        needed.begin() + static_cast<std::ptrdiff_t>(begin),
        needed.begin() +
            static_cast<std::ptrdiff_t>(std::min(needed.size(), begin + analytics::kMaxFactDates)));
    std::vector<analytics::AccountFacts> facts =
        analytics::ComputeAccountFacts(snap, chunk, params);
    for (analytics::AccountFacts& f : facts) {
      Earlier& e = earlier[f.as_of];
      e.score.resize(f.accounts.size());
      e.tickets.resize(f.accounts.size());
      for (size_t a = 0; a < f.accounts.size(); ++a) {
        e.score[a] = f.accounts[a].answers > 0 ? static_cast<float>(f.accounts[a].score) : kMissing;
        e.tickets[a] = static_cast<float>(f.accounts[a].support_tickets_90d);
      }
      if (std::binary_search(wanted.begin(), wanted.end(), f.as_of)) {
        FeatureRows& rows = by_day[f.as_of];
        rows.feature_count = feature_count;
        FillDay(snap, f, params, scorer, coverage, signals, keep, feature_count, rows);
      }
    }
  }
  // The change features, now that the earlier days are known, then the coverage mask.
  for (auto& [day, rows] : by_day) {
    std::vector<uint8_t> masked(feature_count, 0);
    for (size_t k = 0; k < kFixedCount; ++k) {
      const Reach r = kFixedReach[k];
      masked[k] = !Coverage::Covers(coverage.first[static_cast<int>(r.source)], day, r.days);
    }
    for (size_t slot = 0; slot < signals.names.size(); ++slot) {
      const size_t name = static_cast<size_t>(signals.names[slot]);
      for (size_t j = 0; j < kSignalFeatures; ++j) {
        masked[kFixedCount + slot * kSignalFeatures + j] =
            !Coverage::Covers(coverage.signal_first[name], day, kSignalReach[j]);
      }
    }
    const Earlier& e90 = earlier.at(day - kChangeShortDays);
    const Earlier& e180 = earlier.at(day - kChangeLongDays);
    for (size_t i = 0; i < rows.rows(); ++i) {
      float* row = rows.values.data() + i * feature_count;
      const size_t a = static_cast<size_t>(rows.account[i]);
      row[kAccountScoreChange90] = row[kAccountScore] - e90.score[a];  // NaN if either is
      row[kAccountScoreChange180] = row[kAccountScore] - e180.score[a];
      row[kSupportTicketsChange90] = row[kSupportTickets90] - e90.tickets[a];
      for (size_t k = 0; k < feature_count; ++k) {
        if (masked[k]) row[k] = kMissing;
        // A finite import value can overflow a float (a signal of 10^300): XGBoost refuses
        // infinities, and no feature means more at 10^30 than at 10^38.
        if (std::isinf(row[k])) row[k] = std::copysign(kFeatureLimit, row[k]);
      }
    }
  }
  FeatureRows out;
  out.feature_count = feature_count;
  if (days.size() == 1) return std::move(by_day.at(days[0]));
  size_t total = 0;
  for (Day d : days) total += by_day.at(d).rows();
  out.values.reserve(total * feature_count);
  out.account.reserve(total);
  out.day.reserve(total);
  for (size_t k = 0; k < days.size(); ++k) {
    auto it = by_day.find(days[k]);
    const FeatureRows& rows = it->second;
    out.values.insert(out.values.end(), rows.values.begin(), rows.values.end());
    out.account.insert(out.account.end(), rows.account.begin(), rows.account.end());
    out.day.insert(out.day.end(), rows.day.begin(), rows.day.end());
    // Free a day's rows once its last occurrence is copied.
    if (std::find(days.begin() + static_cast<std::ptrdiff_t>(k) + 1, days.end(), days[k]) ==
        days.end()) {
      by_day.erase(it);
    }
  }
  return out;
}

}  // namespace bw::predict
