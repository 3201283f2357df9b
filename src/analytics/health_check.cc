#include "analytics/health_check.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

#include "analytics/internal/parallel.h"
#include "analytics/internal/radix_sort.h"

namespace bw::analytics {

namespace {

// An unsigned key with the order of the double (for finite values and infinities):
// flip the sign bit of positives, every bit of negatives.
uint64_t OrderedBits(double x) {
  if (x == 0) x = 0;  // -0.0 ties with 0.0
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return (bits >> 63) != 0 ? ~bits : bits | (uint64_t{1} << 63);
}

}  // namespace

std::optional<double> RocAuc(const std::vector<double>& risk,
                             const std::vector<uint8_t>& positive) {
  // Mann-Whitney: AUC = U / (P x N), U = sum over positives of the negatives with a lower
  // risk, ties counting one half. Both groups are radix-sorted (the health check computes
  // one AUC per component on every refresh), then walked together.
  std::vector<uint64_t> positives, negatives;
  for (size_t i = 0; i < risk.size(); ++i) {
    (positive[i] ? positives : negatives).push_back(OrderedBits(risk[i]));
  }
  if (positives.empty() || negatives.empty()) return std::nullopt;
  internal::RadixSort(positives);
  internal::RadixSort(negatives);
  double u = 0;
  size_t below = 0, at_or_below = 0;  // negatives with a lower risk, and lower or equal
  for (const uint64_t p : positives) {
    while (below < negatives.size() && negatives[below] < p) ++below;
    at_or_below = std::max(at_or_below, below);
    while (at_or_below < negatives.size() && negatives[at_or_below] <= p) ++at_or_below;
    u += static_cast<double>(below) + 0.5 * static_cast<double>(at_or_below - below);
  }
  return u / (static_cast<double>(positives.size()) * static_cast<double>(negatives.size()));
}

std::string HealthCheckReport::verdict() const {
  if (!auc) return "not enough history";
  if (*auc >= 0.7) return "separates well";
  if (*auc >= 0.6) return "separates weakly";
  return "does not separate churners";
}

HealthCheckReport ComputeHealthCheck(const Snapshot& snap, Day as_of, const MetricParams& params,
                                     const HealthConfig& health, int lookback_days) {
  return ComputeHealthCheck(snap, as_of, ComputeAccountFacts(snap, as_of - lookback_days, params),
                            params, health);
}

HealthCheckReport ComputeHealthCheck(const Snapshot& snap, Day as_of,
                                     const AccountFacts& facts_then, const MetricParams& params,
                                     const HealthConfig& health) {
  HealthCheckReport report;
  const Day then = facts_then.as_of;
  report.scored_on = then;
  const std::vector<Tier> tiers = ComputeTiers(facts_then, params);
  const HealthScorer scorer(snap, health);
  const size_t components = scorer.component_count();
  // The accounts active then, in account order (the AUC does not depend on it).
  std::vector<AccountIndex> accounts;
  accounts.reserve(facts_then.pareto_order.size());
  for (size_t a = 0; a < facts_then.accounts.size(); ++a) {
    if (facts_then.accounts[a].active) accounts.push_back(static_cast<AccountIndex>(a));
  }
  // Every account's score and components, on all cores: (score, components...) per account,
  // NaN for a missing score or a dropped component.
  const size_t stride = components + 1;
  std::vector<double> scores(accounts.size() * stride);
  internal::ParallelChunks(accounts.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const AccountIndex a = accounts[i];
      const std::optional<double> score = scorer.Evaluate(
          BasicsOfAccount(facts_then, a, tiers[a], params), then, scores.data() + i * stride + 1);
      scores[i * stride] = score.value_or(std::numeric_limits<double>::quiet_NaN());
    }
  });

  std::vector<double> risk;
  std::vector<uint8_t> churned;
  std::vector<std::vector<double>> component_risk(components);
  std::vector<std::vector<uint8_t>> component_churned(components);
  for (size_t i = 0; i < accounts.size(); ++i) {
    const double score = scores[i * stride];
    if (std::isnan(score)) {
      ++report.unscored;
      continue;
    }
    const Day churned_on = snap.churned_on[accounts[i]];
    const bool lost = churned_on != kNoDay && churned_on > then && churned_on <= as_of;
    risk.push_back(100.0 - score);
    churned.push_back(lost ? 1 : 0);
    for (size_t c = 0; c < components; ++c) {
      const double normalised = scores[i * stride + 1 + c];
      if (std::isnan(normalised)) continue;  // dropped for this account
      component_risk[c].push_back(1.0 - normalised);
      component_churned[c].push_back(lost ? 1 : 0);
    }
    ++report.accounts;
    report.churned += lost ? 1 : 0;
    ColourChurn& by_colour = report.by_colour[static_cast<size_t>(scorer.ColourOf(score))];
    ++by_colour.accounts;
    by_colour.churned += lost ? 1 : 0;
  }
  // The AUC of the score and of each component, on all cores.
  std::vector<std::optional<double>> aucs(components + 1);
  internal::ParallelTasks(components + 1, [&](size_t task) {
    aucs[task] = task == 0 ? RocAuc(risk, churned)
                           : RocAuc(component_risk[task - 1], component_churned[task - 1]);
  });
  report.auc = aucs[0];
  for (size_t c = 0; c < components; ++c) {
    report.by_component.push_back(
        {health.components[c].name, static_cast<int64_t>(component_risk[c].size()), aucs[c + 1]});
  }
  return report;
}

}  // namespace bw::analytics
