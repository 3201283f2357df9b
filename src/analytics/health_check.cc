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
  const size_t n = risk.size();
  // Radix-sorted by risk: the health check computes one AUC per component on every refresh.
  std::vector<std::pair<uint64_t, uint8_t>> sorted(n);
  for (size_t i = 0; i < n; ++i) sorted[i] = {OrderedBits(risk[i]), positive[i]};
  internal::StableRadixSort(sorted);
  // Sum of the (average) ranks of the positives.
  double rank_sum = 0;
  int64_t positives = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    int64_t tied_positives = 0;
    while (j < n && sorted[j].first == sorted[i].first) tied_positives += sorted[j++].second;
    const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    rank_sum += average_rank * static_cast<double>(tied_positives);
    positives += tied_positives;
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
  return ComputeHealthCheck(snap, as_of, ComputeAccountFacts(snap, as_of - lookback_days, params),
                            params, health);
}

HealthCheckReport ComputeHealthCheck(const Snapshot& snap, Day as_of, const AccountFacts& facts_then,
                                     const MetricParams& params, const HealthConfig& health) {
  HealthCheckReport report;
  const Day then = facts_then.as_of;
  report.scored_on = then;
  const std::vector<AccountBasics> basics = ComputeAccountBasics(facts_then, params);
  const HealthScorer scorer(snap, health);
  const size_t components = scorer.component_count();
  // Every account's score and components, on all cores: (score, components...) per account,
  // the score NaN when the account has none.
  const size_t stride = components + 1;
  std::vector<double> scores(basics.size() * stride);
  std::vector<uint8_t> used(basics.size() * components);
  internal::ParallelChunks(basics.size(), [&](size_t begin, size_t end) {
    std::vector<HealthComponent> buffer(components);
    HealthColour colour;
    for (size_t i = begin; i < end; ++i) {
      const std::optional<double> score = scorer.ScoreInto(basics[i], then, buffer.data(), colour);
      scores[i * stride] = score.value_or(std::numeric_limits<double>::quiet_NaN());
      for (size_t c = 0; c < components; ++c) {
        scores[i * stride + 1 + c] = buffer[c].normalised;
        used[i * components + c] = buffer[c].used ? 1 : 0;
      }
    }
  });

  std::vector<double> risk;
  std::vector<uint8_t> churned;
  std::vector<std::vector<double>> component_risk(components);
  std::vector<std::vector<uint8_t>> component_churned(components);
  for (size_t i = 0; i < basics.size(); ++i) {
    const double score = scores[i * stride];
    if (std::isnan(score)) {
      ++report.unscored;
      continue;
    }
    const Day churned_on = snap.churned_on[basics[i].account];
    const bool lost = churned_on != kNoDay && churned_on > then && churned_on <= as_of;
    risk.push_back(100.0 - score);
    churned.push_back(lost ? 1 : 0);
    for (size_t c = 0; c < components; ++c) {
      if (!used[i * components + c]) continue;
      component_risk[c].push_back(1.0 - scores[i * stride + 1 + c]);
      component_churned[c].push_back(lost ? 1 : 0);
    }
    ++report.accounts;
    report.churned += lost ? 1 : 0;
    const HealthColour colour = score >= health.green_at    ? HealthColour::kGreen
                                : score >= health.yellow_at ? HealthColour::kYellow
                                                            : HealthColour::kRed;
    ColourChurn& by_colour = report.by_colour[static_cast<size_t>(colour)];
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
    report.by_component.push_back({health.components[c].name,
                                   static_cast<int64_t>(component_risk[c].size()), aucs[c + 1]});
  }
  return report;
}

}  // namespace bw::analytics
