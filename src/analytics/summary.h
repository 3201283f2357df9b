// The summary object of shared/spec/metrics.md ("The summary object"): the book of
// business in one object, as `bellwether metrics` and GET /api/v1/metrics/summary return it.
#pragma once

#include <cstdint>
#include <optional>

#include "analytics/account_facts.h"
#include "analytics/params.h"
#include "analytics/retention.h"

namespace bw::analytics {

struct Summary {
  Day as_of = 0;
  int64_t accounts_total = 0;
  int64_t accounts_active = 0;
  std::optional<double> contact_nps, account_nps, revenue_weighted_nps;
  std::optional<double> contact_margin, account_margin;
  std::optional<double> account_coverage, revenue_coverage;
  std::optional<double> response_rate;
  int64_t invitations_sent = 0;  // in the window; the response rate's denominator
  int64_t invitations_answered = 0;
  int64_t contact_answers = 0;      // N of the contact NPS
  int64_t responding_accounts = 0;  // N of the account NPS
  RetentionFigures retention;
  int64_t pareto_accounts = 0;
  Cents pareto_revenue = 0;
  Cents active_ttm = 0;
  int64_t promoters = 0, passives = 0, detractors = 0, non_responders = 0;  // active accounts
};

// Computes the summary as of `as_of`. Pure; O(size of the snapshot).
Summary ComputeSummary(const Snapshot& snap, Day as_of, const MetricParams& params);
// The same from facts already computed for `facts.as_of` (saves a pass when a caller needs
// both).
Summary ComputeSummary(const Snapshot& snap, const AccountFacts& facts, const MetricParams& params);

// Length of the shortest prefix of facts.pareto_order whose cumulative TTM >= share x
// the total TTM of active accounts.
size_t ShortestPrefixReaching(const AccountFacts& facts, double share);

}  // namespace bw::analytics
