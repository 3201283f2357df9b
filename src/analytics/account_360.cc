#include "analytics/account_360.h"

#include <algorithm>

namespace bw::analytics {

std::string_view ScoreTrendName(ScoreTrend trend) {
  switch (trend) {
    case ScoreTrend::kNew:
      return "new";
    case ScoreTrend::kUp:
      return "up";
    case ScoreTrend::kDown:
      return "down";
    case ScoreTrend::kSteady:
      return "steady";
  }
  return "";
}

Result<Account360> ComputeAccount360(const Snapshot& snap, std::string_view account_id, Day as_of,
                                     const MetricParams& params, const HealthConfig& health) {
  const AccountIndex a = snap.FindAccount(account_id);
  if (a == snapshot::kNone)
    return NotFound("account \"" + std::string(account_id) + "\" not found");
  Account360 view;
  view.account = a;
  view.active = IsActive(snap, a, as_of);
  if (view.active) {
    for (AccountRow& row : ComputeAccountRows(snap, as_of, params, health)) {
      if (row.basics.account == a) {
        view.health = HealthScorer(snap, health).Score(row.basics, as_of);
        view.row = std::move(row);
        break;
      }
    }
  }

  const snapshot::IndexRange contacts = snap.ContactsOf(a);
  for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
    StakeholderEntry e;
    e.contact = static_cast<ContactIndex>(c);
    e.current = IsCurrentContact(snap, e.contact, as_of);
    e.latest_response = ContactScoreResponse(snap, e.contact, as_of, params.window_days);
    if (e.latest_response != snapshot::kNone) {
      const uint32_t first = snap.ResponsesOf(e.contact).begin;
      if (static_cast<uint32_t>(e.latest_response) > first)
        e.previous_response = e.latest_response - 1;
      if (e.previous_response == snapshot::kNone) {
        e.trend = ScoreTrend::kNew;
      } else {
        const int now = snap.response_score[e.latest_response];
        const int then = snap.response_score[e.previous_response];
        e.trend = now > then   ? ScoreTrend::kUp
                  : now < then ? ScoreTrend::kDown
                               : ScoreTrend::kSteady;
      }
    }
    view.stakeholders.push_back(e);
  }
  std::stable_sort(view.stakeholders.begin(), view.stakeholders.end(),
                   [&snap](const StakeholderEntry& x, const StakeholderEntry& y) {
                     if (x.current != y.current) return x.current;
                     return snap.contact_role[x.contact] < snap.contact_role[y.contact];
                   });

  const MonthIndex last = MonthOf(as_of);
  for (MonthIndex m = last - 23; m <= last; ++m) {
    view.revenue.push_back({m, RevenueInMonths(snap, a, m, m)});
  }

  for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
    const snapshot::IndexRange responses = snap.ResponsesOf(static_cast<ContactIndex>(c));
    for (uint32_t r = responses.begin; r < responses.end; ++r) {
      if (snap.response_day[r] <= as_of) {
        view.responses.push_back({r, static_cast<ContactIndex>(c)});
      }
    }
  }
  std::sort(view.responses.begin(), view.responses.end(),
            [&snap](const ResponseRef& x, const ResponseRef& y) {
              const Day dx = snap.response_day[x.response], dy = snap.response_day[y.response];
              if (dx != dy) return dx > dy;
              return snap.response_id[x.response] > snap.response_id[y.response];
            });

  const snapshot::IndexRange touchpoints = snap.TouchpointsOf(a);
  for (uint32_t t = touchpoints.end; t > touchpoints.begin; --t) {
    if (snap.touchpoint_day[t - 1] <= as_of) view.touchpoints.push_back(t - 1);
  }

  const snapshot::IndexRange signals = snap.SignalsOf(a);
  for (uint32_t s = signals.begin; s < signals.end; ++s) {
    if (snap.signal_day[s] > as_of) continue;
    if (view.signals.empty() || view.signals.back().signal != snap.signal_name[s]) {
      view.signals.push_back({snap.signal_name[s], {}});
    }
    view.signals.back().observations.push_back(s);
  }
  return view;
}

}  // namespace bw::analytics
