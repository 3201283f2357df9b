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
  // Pareto order visits the facts at random: ask for those a few accounts ahead.
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i + kAhead < order.size()) __builtin_prefetch(&facts.accounts[order[i + kAhead]]);
    AccountsAndRevenue& cell = (i < prefix ? report.pareto : report.rest)[static_cast<size_t>(
        facts.accounts[order[i]].category)];
    ++cell.accounts;
    cell.ttm += facts.pareto_ttm[i];
  }

  // metrics.md, Climbers / fallers: contacts of active accounts (current or not) with at
  // least two responses in (T - 2W, T]; the latest against the one before it.
  const Day as_of = facts.as_of;
  const Day since = as_of - 2 * params.window_days;
  using Movements = std::array<ContactMovement, 3>;  // fallers, steady, climbers
  const std::vector<Movements> partials = internal::ParallelPartials(
      facts.accounts.size(), Movements{}, [&](size_t begin, size_t end, Movements& movements) {
        // By contact of the account at hand: the categories of the latest answer in the
        // window and of the one before it (-1: none), from one flat scan over the
        // account's responses (sorted by day within each contact).
        std::vector<int8_t> latest, before;
        for (size_t a = begin; a < end; ++a) {
          if (!facts.accounts[a].active) continue;
          const snapshot::IndexRange contacts = snap.ContactsOf(static_cast<AccountIndex>(a));
          latest.assign(contacts.size(), -1);
          before.assign(contacts.size(), -1);
          const uint32_t first = snap.contact_responses_begin[contacts.begin];
          const uint32_t last = snap.contact_responses_begin[contacts.end];
          for (uint32_t r = first; r < last; ++r) {
            const Day day = snap.response_day[r];
            const bool in_window = (day <= as_of) & (day > since);
            const size_t k = static_cast<uint32_t>(snap.response_contact[r]) - contacts.begin;
            const int score = snap.response_score[r];
            const int8_t category = static_cast<int8_t>((score >= 7) + (score >= 9));
            before[k] = in_window ? latest[k] : before[k];
            latest[k] = in_window ? category : latest[k];
          }
          std::array<bool, 3> seen = {false, false, false};  // the account's TTM, once
          for (size_t k = 0; k < contacts.size(); ++k) {
            if (before[k] < 0) continue;  // fewer than two answers in the window
            const size_t group = latest[k] < before[k] ? 0 : latest[k] == before[k] ? 1 : 2;
            ++movements[group].contacts;
            seen[group] = true;
          }
          for (size_t group = 0; group < 3; ++group) {
            if (seen[group]) movements[group].ttm += facts.accounts[a].ttm;
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
