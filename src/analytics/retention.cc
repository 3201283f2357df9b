#include "analytics/retention.h"

#include <algorithm>

#include "analytics/account_facts.h"
#include "analytics/params.h"

namespace bw::analytics {
namespace {

std::optional<double> Ratio(Cents numerator, Cents denominator) {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

}  // namespace

RetentionFigures RetentionTotals::Figures() const {
  RetentionFigures f;
  f.cohort = cohort;
  if (cohort > 0) f.logo_churn = static_cast<double>(churned) / static_cast<double>(cohort);
  f.revenue_churn = Ratio(churned_base, base);
  f.grr = Ratio(kept, base);
  f.nrr = Ratio(current, base);
  f.enc = Ratio(earned_new, base);
  f.bnc = Ratio(bought_new, base);
  // metrics.md: EGR = NRR + ENC - 1.
  if (f.nrr && f.enc) f.egr = *f.nrr + *f.enc - 1.0;
  return f;
}

namespace {

// metrics.md: P1 = the 12 months ending with T's month, P0 the 12 months before it,
// S = first day of P1. Cohort: base > 0 and not churned before S.
AccountRetention Classify(const snapshot::Snapshot& snap, snapshot::AccountIndex a, Day as_of,
                          Day s, Cents base, Cents cur) {
  AccountRetention r;
  r.base = base;
  r.cur = cur;
  const Day churned_on = snap.churned_on[a];
  r.in_cohort = r.base > 0 && (churned_on == kNoDay || churned_on >= s);
  r.churned = r.in_cohort && churned_on != kNoDay && churned_on <= as_of;
  return r;
}

}  // namespace

AccountRetention RetentionOfAccount(const snapshot::Snapshot& snap, snapshot::AccountIndex a,
                                    Day as_of) {
  const MonthIndex m = MonthOf(as_of);
  return Classify(snap, a, as_of, FirstDayOf(m - 11), RevenueInMonths(snap, a, m - 23, m - 12),
                  RevenueInMonths(snap, a, m - 11, m));
}

AccountRetention RetentionOfAccount(const snapshot::Snapshot& snap, const AccountFacts& facts,
                                    snapshot::AccountIndex a) {
  return Classify(snap, a, facts.as_of, facts.ttm_start, facts.accounts[a].ttm_prior,
                  facts.accounts[a].ttm);
}

void AddToTotals(const snapshot::Snapshot& snap, snapshot::AccountIndex a,
                 const AccountRetention& r, RetentionTotals& t) {
  if (r.in_cohort) {
    ++t.cohort;
    t.base += r.base;
    t.kept += std::min(r.cur, r.base);
    t.current += r.cur;
    if (r.churned) {
      ++t.churned;
      t.churned_base += r.base;
    }
  } else if (r.base == 0) {
    // metrics.md: ENC / BNC: new accounts (base = 0) by acquisition.
    if (snap.acquisition[a] == Acquisition::kEarned) t.earned_new += r.cur;
    if (snap.acquisition[a] == Acquisition::kBought) t.bought_new += r.cur;
  }
}

RetentionFigures ComputeRetention(const snapshot::Snapshot& snap, Day as_of) {
  RetentionTotals totals;
  for (snapshot::AccountIndex a = 0; a < snap.account_count(); ++a) {
    AddToTotals(snap, a, RetentionOfAccount(snap, a, as_of), totals);
  }
  return totals.Figures();
}

RetentionFigures ComputeRetention(const snapshot::Snapshot& snap, const AccountFacts& facts) {
  RetentionTotals totals;
  for (snapshot::AccountIndex a = 0; a < snap.account_count(); ++a) {
    AddToTotals(snap, a, RetentionOfAccount(snap, facts, a), totals);
  }
  return totals.Figures();
}

}  // namespace bw::analytics

namespace bw::analytics {

RetentionSegments ComputeRetentionSegments(const snapshot::Snapshot& snap, Day as_of,
                                           const MetricParams& params) {
  return ComputeRetentionSegments(snap, ComputeAccountFacts(snap, as_of, params), params);
}

RetentionSegments ComputeRetentionSegments(const snapshot::Snapshot& snap,
                                           const AccountFacts& facts, const MetricParams& params) {
  return ComputeRetentionSegments(
      snap, facts, AccountCategoriesAsOf(snap, PriorCategoryDay(facts.as_of), params));
}

RetentionSegments ComputeRetentionSegments(const snapshot::Snapshot& snap,
                                           const AccountFacts& facts,
                                           const std::vector<Category>& prior_category) {
  // Totals by dictionary code: an array index per account instead of a string lookup.
  std::vector<RetentionTotals> industry(snap.industry.values().size()),
      region(snap.region.values().size()), owner(snap.owner.values().size()), prior(4);
  for (snapshot::AccountIndex a = 0; a < snap.account_count(); ++a) {
    const AccountRetention r = RetentionOfAccount(snap, facts, a);
    if (!r.in_cohort && r.base != 0) continue;  // counts in no total
    AddToTotals(snap, a, r, industry[snap.industry.code(a)]);
    AddToTotals(snap, a, r, region[snap.region.code(a)]);
    AddToTotals(snap, a, r, owner[snap.owner.code(a)]);
    AddToTotals(snap, a, r, prior[static_cast<size_t>(prior_category[a])]);
  }
  auto figures = [](const std::vector<RetentionTotals>& totals, auto name_of) {
    std::map<std::string, RetentionFigures> out;
    for (size_t code = 0; code < totals.size(); ++code) {
      if (totals[code].cohort > 0) out.emplace(name_of(code), totals[code].Figures());
    }
    return out;
  };
  auto names = [](const snapshot::DictColumn& column) {
    return [&column](size_t code) { return column.values()[code]; };
  };
  return {figures(industry, names(snap.industry)), figures(region, names(snap.region)),
          figures(owner, names(snap.owner)), figures(prior, [](size_t code) {
            return std::string(CategoryName(static_cast<Category>(code)));
          })};
}

}  // namespace bw::analytics
