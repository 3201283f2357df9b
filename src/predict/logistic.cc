#include "predict/logistic.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace bw::predict {
namespace {

constexpr double kClip = 5.0;

bool LogScaled(FeatureKind kind) {
  return kind == FeatureKind::kCount || kind == FeatureKind::kDays || kind == FeatureKind::kMoney;
}

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Solves A x = b for a symmetric positive definite A (n x n, row-major) by Cholesky.
std::vector<double> SolveSpd(std::vector<double> a, std::vector<double> b, size_t n) {
  for (size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    d = std::sqrt(std::max(d, 1e-12));
    a[j * n + j] = d;
    for (size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  for (size_t i = 0; i < n; ++i) {  // L y = b
    for (size_t k = 0; k < i; ++k) b[i] -= a[i * n + k] * b[k];
    b[i] /= a[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {  // L^T x = y
    for (size_t k = i + 1; k < n; ++k) b[i] -= a[k * n + i] * b[k];
    b[i] /= a[i * n + i];
  }
  return b;
}

}  // namespace

double Logistic::Transform(size_t k, float x) const {
  if (std::isnan(x)) return 0.0;  // the mean
  double v = x;
  if (log_scale_[k]) v = std::log1p(std::max(0.0, v));
  return std::clamp((v - mean_[k]) / scale_[k], -kClip, kClip);
}

Logistic Logistic::Fit(const FeatureRows& rows, const std::vector<float>& labels,
                       const std::vector<FeatureKind>& kinds, double l2, size_t max_rows) {
  Logistic m;
  const size_t p = rows.feature_count;
  m.log_scale_.resize(p);
  for (size_t k = 0; k < p; ++k) m.log_scale_[k] = LogScaled(kinds[k]) ? 1 : 0;
  // Every step-th row: a deterministic sample of at most max_rows.
  const size_t step =
      std::max<size_t>(1, (rows.rows() + max_rows - 1) / std::max<size_t>(1, max_rows));
  std::vector<size_t> sample;
  for (size_t i = 0; i < rows.rows(); i += step) sample.push_back(i);
  m.mean_.assign(p, 0.0);
  m.scale_.assign(p, 1.0);
  std::vector<double> count(p, 0.0), sq(p, 0.0);
  for (size_t i : sample) {
    for (size_t k = 0; k < p; ++k) {
      const float x = rows.row(i)[k];
      if (std::isnan(x)) continue;
      double v = x;
      if (m.log_scale_[k]) v = std::log1p(std::max(0.0, v));
      m.mean_[k] += v;
      sq[k] += v * v;
      count[k] += 1;
    }
  }
  for (size_t k = 0; k < p; ++k) {
    if (count[k] == 0) continue;
    m.mean_[k] /= count[k];
    const double var = sq[k] / count[k] - m.mean_[k] * m.mean_[k];
    m.scale_[k] = var > 1e-12 ? std::sqrt(var) : 1.0;
  }
  // Standardised design matrix with an intercept column.
  const size_t n = sample.size(), d = p + 1;
  std::vector<double> x(n * d);
  for (size_t r = 0; r < n; ++r) {
    x[r * d] = 1.0;
    for (size_t k = 0; k < p; ++k) x[r * d + 1 + k] = m.Transform(k, rows.row(sample[r])[k]);
  }
  std::vector<double> w(d, 0.0);
  double positives = 0;
  for (size_t r = 0; r < n; ++r) positives += labels[sample[r]];
  const double base =
      std::clamp(positives / std::max<double>(1, static_cast<double>(n)), 1e-6, 1 - 1e-6);
  w[0] = std::log(base / (1 - base));
  const double lambda = l2 * static_cast<double>(n);
  for (int iter = 0; iter < 15; ++iter) {
    std::vector<double> g(d, 0.0), h(d * d, 0.0);
    for (size_t r = 0; r < n; ++r) {
      const double* xr = &x[r * d];
      double z = 0;
      for (size_t k = 0; k < d; ++k) z += w[k] * xr[k];
      const double pr = Sigmoid(z);
      const double err = pr - labels[sample[r]];
      const double wt = std::max(pr * (1 - pr), 1e-9);
      for (size_t i = 0; i < d; ++i) {
        g[i] += err * xr[i];
        const double wi = wt * xr[i];
        for (size_t j = 0; j <= i; ++j) h[i * d + j] += wi * xr[j];
      }
    }
    for (size_t i = 0; i < d; ++i) {
      for (size_t j = 0; j < i; ++j) h[j * d + i] = h[i * d + j];
      if (i > 0) {  // the intercept is not penalised
        g[i] += lambda * w[i];
        h[i * d + i] += lambda;
      }
    }
    const std::vector<double> step_vec = SolveSpd(h, g, d);
    double change = 0;
    for (size_t i = 0; i < d; ++i) {
      w[i] -= step_vec[i];
      change = std::max(change, std::abs(step_vec[i]));
    }
    if (change < 1e-4) break;  // standardised coefficients: far below what matters
  }
  m.intercept_ = w[0];
  m.coef_.assign(w.begin() + 1, w.end());
  return m;
}

double Logistic::LogOdds(const float* row) const {
  double z = intercept_;
  for (size_t k = 0; k < coef_.size(); ++k) z += coef_[k] * Transform(k, row[k]);
  return z;
}

double Logistic::Predict(const float* row) const { return Sigmoid(LogOdds(row)); }

void Logistic::Contributions(const float* row, double* out) const {
  for (size_t k = 0; k < coef_.size(); ++k) out[k] = coef_[k] * Transform(k, row[k]);
}

std::vector<double> Logistic::Predict(const FeatureRows& rows) const {
  std::vector<double> out(rows.rows());
  for (size_t i = 0; i < rows.rows(); ++i) out[i] = Predict(rows.row(i));
  return out;
}

nlohmann::json Logistic::ToJson() const {
  nlohmann::json j;
  j["intercept"] = intercept_;
  j["coefficients"] = coef_;
  j["means"] = mean_;
  j["scales"] = scale_;
  j["log_scaled"] = log_scale_;
  return j;
}

Result<Logistic> Logistic::FromJson(const nlohmann::json& j, size_t feature_count) {
  Logistic m;
  try {
    m.intercept_ = j.at("intercept").get<double>();
    m.coef_ = j.at("coefficients").get<std::vector<double>>();
    m.mean_ = j.at("means").get<std::vector<double>>();
    m.scale_ = j.at("scales").get<std::vector<double>>();
    m.log_scale_ = j.at("log_scaled").get<std::vector<uint8_t>>();
  } catch (const nlohmann::json::exception& e) {
    return InvalidArgument(std::string("logistic baseline: ") + e.what());
  }
  if (m.coef_.size() != feature_count || m.mean_.size() != feature_count ||
      m.scale_.size() != feature_count || m.log_scale_.size() != feature_count) {
    return InvalidArgument("logistic baseline: expected " + std::to_string(feature_count) +
                           " coefficients, means, scales and log_scaled entries");
  }
  for (double s : m.scale_) {
    if (!(s > 0) || !std::isfinite(s))
      return InvalidArgument("logistic baseline: a scale is not > 0");
  }
  return m;
}

}  // namespace bw::predict
