#include "analytics/health_check.h"

#include <algorithm>
#include <numeric>

namespace bw::analytics {

std::optional<double> RocAuc(const std::vector<double>& risk,
                             const std::vector<uint8_t>& positive) {
  const size_t n = risk.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return risk[x] < risk[y]; });
  // Sum of the (average) ranks of the positives.
  double rank_sum = 0;
  int64_t positives = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && risk[order[j]] == risk[order[i]]) ++j;
    const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (size_t k = i; k < j; ++k) {
      if (positive[order[k]]) {
        rank_sum += average_rank;
        ++positives;
      }
    }
    i = j;
  }
  const int64_t negatives = static_cast<int64_t>(n) - positives;
  if (positives == 0 || negatives == 0) return std::nullopt;
  const double u = rank_sum - static_cast<double>(positives) * (positives + 1) / 2.0;
  return u / (static_cast<double>(positives) * static_cast<double>(negatives));
}

std::string HealthCheckReport::verdict() const {
  if (!auc) return "not enough history";
  if (*auc >= 0.7) return "separates well";
  if (*auc >= 0.6) return "separates weakly";
  return "does not separate churners";
}

HealthCheckReport ComputeHealthCheck(const Snapshot& snap, Day as_of, const MetricParams& params,
                                     const HealthConfig& health, int lookback_days) {
  HealthCheckReport report;
  const Day then = as_of - lookback_days;
  report.scored_on = then;
  const AccountFacts facts = ComputeAccountFacts(snap, then, params);
  std::vector<double> risk;
  std::vector<uint8_t> churned;
  const size_t components = health.components.size();
  std::vector<std::vector<double>> component_risk(components);
  std::vector<std::vector<uint8_t>> component_churned(components);
  for (const AccountBasics& b : ComputeAccountBasics(snap, facts, params)) {
    const HealthScore score = ComputeHealth(snap, b, then, health);
    if (!score.score) {
      ++report.unscored;
      continue;
    }
    const Day churned_on = snap.churned_on[b.account];
    const bool lost = churned_on != kNoDay && churned_on > then && churned_on <= as_of;
    risk.push_back(100.0 - *score.score);
    churned.push_back(lost ? 1 : 0);
    for (size_t c = 0; c < components; ++c) {
      if (!score.components[c].used) continue;
      component_risk[c].push_back(1.0 - score.components[c].normalised);
      component_churned[c].push_back(lost ? 1 : 0);
    }
    ++report.accounts;
    report.churned += lost ? 1 : 0;
    ColourChurn& colour = report.by_colour[static_cast<size_t>(score.colour)];
    ++colour.accounts;
    colour.churned += lost ? 1 : 0;
  }
  report.auc = RocAuc(risk, churned);
  for (size_t c = 0; c < components; ++c) {
    report.by_component.push_back({health.components[c].name,
                                   static_cast<int64_t>(component_risk[c].size()),
                                   RocAuc(component_risk[c], component_churned[c])});
  }
  return report;
}

}  // namespace bw::analytics
