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
};

}  // namespace bw::analytics
