// Platt scaling of churn probabilities (docs/churn.md, "Calibration"): the model's raw
// probabilities p become 1 / (1 + exp(-(a logit(p) + b))), with a and b fitted by maximum
// likelihood on out-of-time examples (the validation dates of the early-stopping split,
// which the model that predicted them had not seen). Shallow boosted trees on a rare,
// noisy outcome tend to spread their probabilities too far; a < 1 pulls them back.
#pragma once

#include <cstddef>
#include <vector>

namespace bw::predict {

struct PlattCalibration {
  double a = 1.0;  // the identity by default: an uncalibrated model
  double b = 0.0;
  size_t examples = 0;  // out-of-time examples it was fitted on, 0 for the identity

  bool identity() const { return a == 1.0 && b == 0.0; }
  double Apply(double p) const;

  // Fits a and b on raw probabilities and their 0/1 labels by Newton's method on the log
  // loss (a tiny ridge keeps it finite when the labels separate perfectly). Without both
  // classes the identity comes back.
  static PlattCalibration Fit(const std::vector<float>& probability,
                              const std::vector<float>& labels);
};

}  // namespace bw::predict
