// Parameters of the figures in shared/spec/metrics.md, with the spec's defaults.
// A workspace may change them (configuration file, issue 4); analytics take them as an
// argument and never read configuration themselves.
#pragma once

#include <array>

#include "core/domain.h"

namespace bw::analytics {

struct MetricParams {
  // metrics.md, Basics: window W in days; a response is current when T - W < day <= T.
  int window_days = 365;
  // metrics.md, Loyalty: account score weights by role (decision_maker, influencer, user).
  std::array<double, kRoleCount> role_weights = {1.0, 1.0, 1.0};
  // metrics.md, Key accounts: share of TTM revenue the Pareto set reaches.
  double pareto = 0.80;
  // metrics.md, Key accounts: revenue tiers A, B, C reach these cumulative TTM shares.
  std::array<double, 3> tier_shares = {0.50, 0.80, 0.95};
  // metrics.md, Account check: required current contacts for tiers A, B, C, D.
  std::array<int, 4> check_min_contacts = {6, 4, 2, 1};
  // metrics.md, Touchpoints: silent after this many days without a (non-marketing) touchpoint.
  int silent_days = 90;
  // metrics.md, Touchpoints: overloaded with more marketing emails than this in 30 days.
  int overloaded_marketing_emails = 8;
  // metrics.md, Stakeholder map: champion_left looks back this many days.
  int champion_left_days = 180;
};

}  // namespace bw::analytics
