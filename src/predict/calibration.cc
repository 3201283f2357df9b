#include "predict/calibration.h"

#include <algorithm>
#include <cmath>

namespace bw::predict {
namespace {

// log(p / (1 - p)) with p kept away from 0 and 1, as XGBoost's own outputs can be.
double Logit(double p) {
  const double q = std::clamp(p, 1e-7, 1.0 - 1e-7);
  return std::log(q / (1.0 - q));
}

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

double PlattCalibration::Apply(double p) const {
  if (identity()) return p;
  return Sigmoid(a * Logit(p) + b);
}

PlattCalibration PlattCalibration::Fit(const std::vector<float>& probability,
                                       const std::vector<float>& labels) {
  const size_t n = std::min(probability.size(), labels.size());
  size_t positives = 0;
  for (size_t i = 0; i < n; ++i) positives += labels[i] > 0.5f ? 1 : 0;
  if (positives == 0 || positives == n) return {};
  constexpr double kRidge = 1e-6;  // per example, on both a and b
  const double ridge = kRidge * static_cast<double>(n);
  double a = 1.0, b = 0.0;
  for (int iteration = 0; iteration < 100; ++iteration) {
    // Gradient and Hessian of the mean log loss plus the ridge, in (a, b).
    double ga = ridge * a, gb = ridge * b, haa = ridge, hab = 0, hbb = ridge;
    for (size_t i = 0; i < n; ++i) {
      const double x = Logit(probability[i]);
      const double q = Sigmoid(a * x + b);
      const double r = q - (labels[i] > 0.5f ? 1.0 : 0.0);
      const double w = q * (1.0 - q);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const double det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const double da = (hbb * ga - hab * gb) / det;
    const double db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (std::abs(da) < 1e-10 && std::abs(db) < 1e-10) break;
  }
  if (!std::isfinite(a) || !std::isfinite(b)) return {};
  return {a, b, n};
}

}  // namespace bw::predict
