// Does the health scorecard predict churn? (shared/spec/metrics.md, "Health check"): for
// the accounts active at T - 180 days, the ROC AUC of (100 - health score as of T - 180)
// against "churned in (T - 180, T]", and the churn rate per colour.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "analytics/account_rows.h"

namespace bw::analytics {

struct ColourChurn {
  int64_t accounts = 0;
  int64_t churned = 0;
  std::optional<double> churn_rate() const {
    if (accounts == 0) return std::nullopt;
    return static_cast<double>(churned) / static_cast<double>(accounts);
  }
};

struct HealthCheckReport {
  Day scored_on = 0;                     // T - lookback
  int64_t accounts = 0;                  // active then, with a health score
  int64_t churned = 0;                   // of them, churned in (T - lookback, T]
  int64_t unscored = 0;                  // active then without any measurable component
  std::optional<double> auc;             // null without both churners and survivors
  std::array<ColourChurn, 3> by_colour;  // green, yellow, red
  // How well each component alone separated the churners (its AUC over the accounts it
  // was measured for), so a scorecard can be tuned to what predicts churn here.
  struct ComponentCheck {
    std::string name;
    int64_t accounts = 0;
    std::optional<double> auc;
  };
  std::vector<ComponentCheck> by_component;
  // Verdict for people: "separates well" (AUC >= 0.7), "separates weakly" (>= 0.6),
  // "does not separate churners" (below), "not enough history".
  std::string verdict() const;
};

inline constexpr int kHealthCheckLookbackDays = 180;
HealthCheckReport ComputeHealthCheck(const Snapshot& snap, Day as_of, const MetricParams& params,
                                     const HealthConfig& health,
                                     int lookback_days = kHealthCheckLookbackDays);
// The same from the facts as of the scoring day (T - lookback) already computed.
HealthCheckReport ComputeHealthCheck(const Snapshot& snap, Day as_of,
                                     const AccountFacts& facts_then, const MetricParams& params,
                                     const HealthConfig& health);

// ROC AUC of `risk` against `positive` (Mann-Whitney U with ties counted half); nullopt
// without at least one positive and one negative.
std::optional<double> RocAuc(const std::vector<double>& risk, const std::vector<uint8_t>& positive);

}  // namespace bw::analytics
