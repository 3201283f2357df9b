// Revenue retention (shared/spec/metrics.md, "Revenue retention (period P = 12 months)"):
// logo and revenue churn, GRR, NRR, earned and bought new customers, earned growth rate,
// for the whole book and for any segmentation of accounts.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/account_facts.h"
#include "analytics/params.h"
#include "core/date.h"
#include "core/money.h"
#include "snapshot/snapshot.h"

namespace bw::analytics {

// The eight figures; nullopt when undefined (nothing to divide by).
struct RetentionFigures {
  int64_t cohort = 0;
  std::optional<double> logo_churn, revenue_churn, grr, nrr, enc, bnc, egr;
};

// Sums over a set of accounts from which RetentionFigures follow; integer cents, exact.
struct RetentionTotals {
  int64_t cohort = 0;
  int64_t churned = 0;
  Cents base = 0;          // sum of base over the cohort
  Cents churned_base = 0;  // sum of base over churned cohort accounts
  Cents kept = 0;          // sum of min(cur, base) over the cohort
  Cents current = 0;       // sum of cur over the cohort
  Cents earned_new = 0;    // sum of cur over accounts with base = 0, acquisition earned
  Cents bought_new = 0;    // likewise, bought

  RetentionFigures Figures() const;
};

// One account's part in retention as of T.
struct AccountRetention {
  Cents base = 0;  // revenue in P0
  Cents cur = 0;   // revenue in P1
  bool in_cohort = false;
  bool churned = false;  // in the cohort and churned_on <= T
};

AccountRetention RetentionOfAccount(const snapshot::Snapshot& snap, snapshot::AccountIndex a,
                                    Day as_of);
// The same from the facts as of T (base = ttm_prior, cur = ttm: the same months).
AccountRetention RetentionOfAccount(const snapshot::Snapshot& snap, const AccountFacts& facts,
                                    snapshot::AccountIndex a);
void AddToTotals(const snapshot::Snapshot& snap, snapshot::AccountIndex a,
                 const AccountRetention& r, RetentionTotals& totals);

// The book of business: every account of the snapshot.
RetentionFigures ComputeRetention(const snapshot::Snapshot& snap, Day as_of);
RetentionFigures ComputeRetention(const snapshot::Snapshot& snap, const AccountFacts& facts);

}  // namespace bw::analytics

namespace bw::analytics {

// metrics.md, Revenue retention: the same figures per segment. A segment is listed when its
// cohort is not empty. Keys: the segment's value ("" for empty), or the prior category name.
struct RetentionSegments {
  std::map<std::string, RetentionFigures> industry, region, owner, prior_category;
};

// Prior category: the account category as of T minus 12 calendar months, from the contact
// scores of the window ending then, for every account (active then or not).
RetentionSegments ComputeRetentionSegments(const snapshot::Snapshot& snap, Day as_of,
                                           const MetricParams& params);
RetentionSegments ComputeRetentionSegments(const snapshot::Snapshot& snap,
                                           const AccountFacts& facts, const MetricParams& params);
// The same with the prior categories already computed (AccountCategoriesAsOf at
// PriorCategoryDay(T), or the account_category of facts as of then).
RetentionSegments ComputeRetentionSegments(const snapshot::Snapshot& snap,
                                           const AccountFacts& facts,
                                           const std::vector<Category>& prior_category);

}  // namespace bw::analytics
