#include "analytics/lifecycle.h"

#include <utility>

#include "analytics/internal/parallel.h"

namespace bw::analytics {

namespace {

template <typename Rows>
MatrixReport MatrixOf(const Rows& rows) {
  MatrixReport report;
  for (const auto& row : rows) {
    const AccountBasics& b = BasicsOf(row);
    AccountsAndRevenue& cell = report.quadrants[static_cast<size_t>(b.quadrant)];
    ++cell.accounts;
    cell.ttm += b.ttm;
  }
  return report;
}

}  // namespace

MatrixReport ComputeMatrix(const std::vector<AccountBasics>& rows) { return MatrixOf(rows); }
MatrixReport ComputeMatrix(const std::vector<AccountRow>& rows) { return MatrixOf(rows); }

LifecycleReport ComputeLifecycle(const Snapshot& snap, const AccountFacts& facts,
                                 const MetricParams& params) {
  LifecycleReport report;
  const std::vector<AccountIndex>& order = facts.pareto_order;
  const size_t prefix = ShortestPrefixReaching(facts, params.pareto);
  for (size_t i = 0; i < order.size(); ++i) {
    const AccountIndex a = order[i];
    AccountsAndRevenue& cell =
        (i < prefix ? report.pareto : report.rest)[static_cast<size_t>(facts.accounts[a].category)];
    ++cell.accounts;
    cell.ttm += facts.accounts[a].ttm;
  }

  // metrics.md, Climbers / fallers: contacts of active accounts (current or not) with at
  // least two responses in (T - 2W, T]; the latest against the one before it.
  const Day as_of = facts.as_of;
  const Day since = as_of - 2 * params.window_days;
  using Movements = std::array<ContactMovement, 3>;  // fallers, steady, climbers
  const std::vector<Movements> partials = internal::ParallelPartials(
      facts.accounts.size(), Movements{}, [&](size_t begin, size_t end, Movements& movements) {
        for (size_t a = begin; a < end; ++a) {
          if (!facts.accounts[a].active) continue;
          std::array<bool, 3> counted = {false, false, false};  // the account's TTM, once
          const snapshot::IndexRange contacts = snap.ContactsOf(static_cast<AccountIndex>(a));
          for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
            const snapshot::IndexRange responses = snap.ResponsesOf(c);
            int32_t latest = snapshot::kNone, before = snapshot::kNone;
            for (uint32_t r = responses.end; r > responses.begin; --r) {
              const Day day = snap.response_day[r - 1];
              if (day > as_of) continue;
              if (day <= since) break;
              if (latest != snapshot::kNone) {
                before = static_cast<int32_t>(r - 1);
                break;
              }
              latest = static_cast<int32_t>(r - 1);
            }
            if (before == snapshot::kNone) continue;
            const int now = static_cast<int>(CategoryOfScore(snap.response_score[latest]));
            const int then = static_cast<int>(CategoryOfScore(snap.response_score[before]));
            const size_t group = now < then ? 0 : now == then ? 1 : 2;
            ++movements[group].contacts;
            if (!counted[group]) movements[group].ttm += facts.accounts[a].ttm;
            counted[group] = true;
          }
        }
      });
  for (const Movements& movements : partials) {
    for (auto [group, total] : {std::pair{0, &report.fallers}, std::pair{1, &report.steady},
                                std::pair{2, &report.climbers}}) {
      total->contacts += movements[group].contacts;
      total->ttm += movements[group].ttm;
    }
  }
  return report;
}

}  // namespace bw::analytics
