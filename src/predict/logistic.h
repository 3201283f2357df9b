// The logistic-regression baseline (docs/churn.md, "Baselines"): the same features, each
// log-scaled when it is a count, a number of days or money, then standardised with the
// training mean and deviation, missing values imputed with the mean, clipped to +-5
// deviations; L2-regularised, fitted by Newton's method.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/status.h"
#include "predict/features.h"

namespace bw::predict {

class Logistic {
 public:
  // Fits on `rows` with 0/1 `labels`; `kinds` says which features are log-scaled.
  // `l2` is the penalty per example on the standardised coefficients.
  static Logistic Fit(const FeatureRows& rows, const std::vector<float>& labels,
                      const std::vector<FeatureKind>& kinds, double l2 = 1e-3,
                      size_t max_rows = 50000);

  double Predict(const float* row) const;
  std::vector<double> Predict(const FeatureRows& rows) const;
  // The log-odds of a row: intercept() plus its Contributions.
  double LogOdds(const float* row) const;
  // Each feature's term of the log-odds, coefficient x standardised value: the exact
  // additive explanation of a linear model (relative to the training mean, where the
  // standardised value is 0). `out` holds one per feature.
  void Contributions(const float* row, double* out) const;
  double intercept() const { return intercept_; }

  nlohmann::json ToJson() const;
  static Result<Logistic> FromJson(const nlohmann::json& j, size_t feature_count);

 private:
  double Transform(size_t k, float x) const;

  std::vector<uint8_t> log_scale_;
  std::vector<double> mean_, scale_, coef_;
  double intercept_ = 0;
};

}  // namespace bw::predict
