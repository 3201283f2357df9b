#include "analytics/summary.h"

#include <algorithm>

#include "analytics/nps.h"

namespace bw::analytics {

size_t ShortestPrefixReaching(const AccountFacts& facts, double share) {
  const std::vector<Cents>& ttm = facts.pareto_ttm;
  Cents total = 0;
  for (const Cents cents : ttm) total += cents;
  const double target = share * static_cast<double>(total);
  Cents cumulative = 0;
  size_t length = 0;
  while (length < ttm.size() && static_cast<double>(cumulative) < target) {
    cumulative += ttm[length];
    ++length;
  }
  return length;
}

Summary ComputeSummary(const Snapshot& snap, Day as_of, const MetricParams& params) {
  return ComputeSummary(snap, ComputeAccountFacts(snap, as_of, params), params);
}

Summary ComputeSummary(const Snapshot& snap, const AccountFacts& facts,
                       const MetricParams& params) {
  Summary s;
  s.as_of = facts.as_of;
  s.accounts_total = snap.account_count();

  NpsCounts contact_counts, account_counts;
  Cents ttm_promoters = 0, ttm_detractors = 0, ttm_responding = 0;
  for (AccountIndex a = 0; a < snap.account_count(); ++a) {
    if (!facts.accounts[a].active) continue;
    ++s.accounts_active;
    s.active_ttm += facts.accounts[a].ttm;
    // metrics.md, Loyalty: contact NPS over all contact scores of active accounts,
    // contacts who left included.
    const std::array<int32_t, 3>& categories = facts.accounts[a].contact_categories;
    contact_counts.detractors += categories[static_cast<size_t>(Category::kDetractor)];
    contact_counts.passives += categories[static_cast<size_t>(Category::kPassive)];
    contact_counts.promoters += categories[static_cast<size_t>(Category::kPromoter)];
    const Category category = facts.accounts[a].category;
    switch (category) {
      case Category::kPromoter:
        ++s.promoters;
        ttm_promoters += facts.accounts[a].ttm;
        break;
      case Category::kPassive:
        ++s.passives;
        break;
      case Category::kDetractor:
        ++s.detractors;
        ttm_detractors += facts.accounts[a].ttm;
        break;
      case Category::kNonResponder:
        ++s.non_responders;
        break;
    }
    if (category != Category::kNonResponder) {
      account_counts.Add(category);
      ttm_responding += facts.accounts[a].ttm;
    }
  }
  s.contact_nps = contact_counts.Nps();
  s.contact_margin = contact_counts.Margin();
  s.contact_answers = contact_counts.total();
  s.account_nps = account_counts.Nps();
  s.account_margin = account_counts.Margin();
  s.responding_accounts = account_counts.total();
  // metrics.md, Loyalty: revenue-weighted NPS.
  if (ttm_responding != 0) {
    s.revenue_weighted_nps = 100.0 * static_cast<double>(ttm_promoters - ttm_detractors) /
                             static_cast<double>(ttm_responding);
  }
  // metrics.md, Loyalty: coverage.
  if (s.accounts_active > 0) {
    s.account_coverage =
        static_cast<double>(s.responding_accounts) / static_cast<double>(s.accounts_active);
  }
  if (s.active_ttm != 0) {
    s.revenue_coverage = static_cast<double>(ttm_responding) / static_cast<double>(s.active_ttm);
  }

  // metrics.md, Loyalty: response rate of invitations sent in the window, all accounts.
  for (const AccountFact& account : facts.accounts) {
    s.invitations_sent += account.invitations_sent;
    s.invitations_answered += account.invitations_answered;
  }
  if (s.invitations_sent > 0) {
    s.response_rate =
        static_cast<double>(s.invitations_answered) / static_cast<double>(s.invitations_sent);
  }

  s.retention = ComputeRetention(snap, facts);

  // metrics.md, Key accounts: Pareto set.
  const size_t prefix = ShortestPrefixReaching(facts, params.pareto);
  s.pareto_accounts = static_cast<int64_t>(prefix);
  for (size_t i = 0; i < prefix; ++i) s.pareto_revenue += facts.pareto_ttm[i];
  return s;
}

}  // namespace bw::analytics
