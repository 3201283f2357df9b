#include "analytics/lifecycle.h"

#include <unordered_set>

namespace bw::analytics {

MatrixReport ComputeMatrix(const std::vector<AccountBasics>& rows) {
  MatrixReport report;
  for (const AccountBasics& b : rows) {
    AccountsAndRevenue& cell = report.quadrants[static_cast<size_t>(b.quadrant)];
    ++cell.accounts;
    cell.ttm += b.ttm;
  }
  return report;
}

LifecycleReport ComputeLifecycle(const Snapshot& snap, const AccountFacts& facts,
                                 const MetricParams& params) {
  LifecycleReport report;
  const std::vector<AccountIndex>& order = facts.pareto_order;
  const size_t prefix = ShortestPrefixReaching(order, facts, params.pareto);
  for (size_t i = 0; i < order.size(); ++i) {
    const AccountIndex a = order[i];
    AccountsAndRevenue& cell =
        (i < prefix ? report.pareto : report.rest)[static_cast<size_t>(facts.account_category[a])];
    ++cell.accounts;
    cell.ttm += facts.ttm[a];
  }

  // metrics.md, Climbers / fallers: contacts of active accounts (current or not) with at
  // least two responses in (T - 2W, T]; the latest against the one before it.
  const Day as_of = facts.as_of;
  const Day since = as_of - 2 * params.window_days;
  std::unordered_set<AccountIndex> climber_accounts, faller_accounts, steady_accounts;
  // Accounts in storage order: their contacts and responses lie side by side in memory.
  for (AccountIndex a = 0; a < snap.account_count(); ++a) {
    if (!facts.active[a]) continue;
    const snapshot::IndexRange contacts = snap.ContactsOf(a);
    for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
      const snapshot::IndexRange responses = snap.ResponsesOf(c);
      int32_t latest = snapshot::kNone, before = snapshot::kNone;
      for (uint32_t r = responses.end; r > responses.begin; --r) {
        const Day day = snap.response_day[r - 1];
        if (day > as_of) continue;
        if (day <= since) break;
        if (latest == snapshot::kNone) {
          latest = static_cast<int32_t>(r - 1);
        } else {
          before = static_cast<int32_t>(r - 1);
          break;
        }
      }
      if (before == snapshot::kNone) continue;
      const int now = static_cast<int>(CategoryOfScore(snap.response_score[latest]));
      const int then = static_cast<int>(CategoryOfScore(snap.response_score[before]));
      ContactMovement& group = now > then   ? report.climbers
                               : now < then ? report.fallers
                                            : report.steady;
      auto& accounts = now > then   ? climber_accounts
                       : now < then ? faller_accounts
                                    : steady_accounts;
      ++group.contacts;
      if (accounts.insert(a).second) group.ttm += facts.ttm[a];
    }
  }
  return report;
}

}  // namespace bw::analytics
