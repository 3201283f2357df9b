#include "predict/evaluation.h"

#include <algorithm>
#include <numeric>

#include "analytics/account_rows.h"
#include "analytics/health_check.h"

namespace bw::predict {

std::optional<double> PrAuc(const std::vector<double>& risk, const std::vector<uint8_t>& churned) {
  std::vector<size_t> order(risk.size());
  std::iota(order.begin(), order.end(), 0);
  // Riskiest first; among equal risks the survivors first (no credit for a lucky tie order).
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    if (risk[x] != risk[y]) return risk[x] > risk[y];
    return churned[x] < churned[y];
  });
  int64_t positives = 0, seen = 0;
  double sum = 0;
  for (size_t i : order) {
    ++seen;
    if (churned[i]) {
      ++positives;
      sum += static_cast<double>(positives) / static_cast<double>(seen);
    }
  }
  if (positives == 0) return std::nullopt;
  return sum / static_cast<double>(positives);
}

Evaluation Evaluate(const std::string& method, const std::vector<double>& risk,
                    const std::vector<uint8_t>& churned, const std::vector<double>& ttm,
                    bool probability) {
  Evaluation e;
  e.method = method;
  e.roc_auc = analytics::RocAuc(risk, churned);
  e.pr_auc = PrAuc(risk, churned);
  const size_t n = risk.size();
  if (n == 0) return e;
  if (probability) {
    double brier = 0;
    for (size_t i = 0; i < n; ++i) brier += (risk[i] - churned[i]) * (risk[i] - churned[i]);
    e.brier = brier / static_cast<double>(n);
    const double edges[] = {0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0000001};
    for (size_t b = 0; b + 1 < std::size(edges); ++b) {
      ReliabilityBin bin{edges[b], std::min(1.0, edges[b + 1]), 0, 0, 0};
      double predicted = 0, observed = 0;
      for (size_t i = 0; i < n; ++i) {
        if (risk[i] >= edges[b] && risk[i] < edges[b + 1]) {
          ++bin.accounts;
          predicted += risk[i];
          observed += churned[i];
        }
      }
      if (bin.accounts > 0) {
        bin.mean_predicted = predicted / static_cast<double>(bin.accounts);
        bin.observed = observed / static_cast<double>(bin.accounts);
      }
      e.reliability.push_back(bin);
    }
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return risk[x] * ttm[x] > risk[y] * ttm[y]; });
  const size_t top = std::max<size_t>(1, n / 10);
  double churned_all = 0, churned_top = 0, revenue_all = 0, revenue_top = 0;
  for (size_t k = 0; k < n; ++k) {
    const size_t i = order[k];
    churned_all += churned[i];
    if (churned[i]) revenue_all += ttm[i];
    if (k < top) {
      churned_top += churned[i];
      if (churned[i]) revenue_top += ttm[i];
    }
  }
  if (churned_all > 0) {
    e.top_decile_lift =
        (churned_top / static_cast<double>(top)) / (churned_all / static_cast<double>(n));
  }
  if (revenue_all > 0) e.top_decile_revenue_share = revenue_top / revenue_all;
  return e;
}

Result<Backtest> RunBacktest(const Snapshot& snap, Day as_of, const analytics::MetricParams& params,
                             const analytics::HealthConfig& health,
                             const TrainingOptions& options) {
  Backtest bt;
  bt.as_of = as_of;
  bt.scored_on = as_of - kHorizonDays;
  BW_ASSIGN_OR_RETURN(const ChurnModel model, TrainChurnModel(snap, bt.scored_on, params, options));
  bt.training_dates = model.training_dates;
  bt.rounds = model.rounds;
  const FeatureRows rows = ComputeFeatures(snap, {bt.scored_on}, params);
  BW_ASSIGN_OR_RETURN(const std::vector<float> p, model.Predict(rows));
  const std::vector<double> logistic = model.logistic.Predict(rows);
  // The health score then, as the scorecard would have shown it.
  const analytics::AccountFacts facts = analytics::ComputeAccountFacts(snap, bt.scored_on, params);
  const std::vector<analytics::Tier> tiers = analytics::ComputeTiers(facts, params);
  const analytics::HealthScorer scorer(snap, health);
  const size_t n = rows.rows();
  std::vector<double> model_risk(p.begin(), p.end()), health_risk(n), ttm(n);
  std::vector<uint8_t> churned(n);
  for (size_t i = 0; i < n; ++i) {
    const AccountIndex a = rows.account[i];
    churned[i] = ChurnedWithin(snap, a, bt.scored_on) ? 1 : 0;
    bt.churned += churned[i];
    ttm[i] = CentsToDouble(facts.accounts[a].ttm);
    const analytics::AccountBasics basics = analytics::BasicsOfAccount(facts, a, tiers[a], params);
    const std::optional<double> h = scorer.Evaluate(basics, bt.scored_on);
    // An account without any measurable component is neither healthy nor not: 50.
    health_risk[i] = (100.0 - h.value_or(50.0)) / 100.0;
  }
  bt.accounts = static_cast<int64_t>(n);
  bt.methods.push_back(Evaluate("model", model_risk, churned, ttm, true));
  bt.methods.push_back(Evaluate("logistic", logistic, churned, ttm, true));
  bt.methods.push_back(Evaluate("health_score", health_risk, churned, ttm, false));
  return bt;
}

}  // namespace bw::predict
