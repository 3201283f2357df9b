// How well a churn risk separated what happened (docs/churn.md, "Back-test"): ROC AUC,
// PR AUC (average precision), Brier score, a reliability table, and what the top decile by
// revenue at risk caught. And the back-test itself: pretend it is t0 = T - 180 days, train
// on what was known then, score the accounts active then, compare with (t0, T].
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/health.h"
#include "analytics/params.h"
#include "core/status.h"
#include "predict/model.h"

namespace bw::predict {

struct ReliabilityBin {
  double low = 0, high = 0;  // predicted risk in [low, high)
  int64_t accounts = 0;
  double mean_predicted = 0;
  double observed = 0;  // churn rate
};

struct Evaluation {
  std::string method;
  std::optional<double> roc_auc;
  std::optional<double> pr_auc;
  std::optional<double> brier;              // null for a score that is not a probability
  std::vector<ReliabilityBin> reliability;  // empty for a score that is not a probability
  // The top 10 % of accounts by revenue at risk (risk x TTM): churn rate there divided by
  // the overall churn rate, and the share of the churned accounts' TTM they hold.
  std::optional<double> top_decile_lift;
  std::optional<double> top_decile_revenue_share;
};

// `risk` and `churned` per account, `ttm` the revenue weights of the top decile.
// `probability` false: Brier and reliability are left out.
Evaluation Evaluate(const std::string& method, const std::vector<double>& risk,
                    const std::vector<uint8_t>& churned, const std::vector<double>& ttm,
                    bool probability);

// Average precision: the mean of the precision at each churner's rank (ties by risk
// resolved pessimistically); nullopt without a churner.
std::optional<double> PrAuc(const std::vector<double>& risk, const std::vector<uint8_t>& churned);

struct Backtest {
  Day as_of = 0;         // T
  Day scored_on = 0;     // t0 = T - 180
  int64_t accounts = 0;  // active at t0
  int64_t churned = 0;   // of them, churned in (t0, T]
  std::vector<Day> training_dates;
  int rounds = 0;
  std::vector<Evaluation> methods;  // model, logistic baseline, health score
};

Result<Backtest> RunBacktest(const Snapshot& snap, Day as_of, const analytics::MetricParams& params,
                             const analytics::HealthConfig& health, const TrainingOptions& options);

}  // namespace bw::predict
