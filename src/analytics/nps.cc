#include "analytics/nps.h"

#include <cmath>

namespace bw::analytics {

std::optional<double> NpsCounts::Nps() const {
  const int64_t n = total();
  if (n == 0) return std::nullopt;
  return 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(n);
}

std::optional<double> NpsCounts::Margin() const {
  const int64_t n = total();
  if (n == 0) return std::nullopt;
  const double p = static_cast<double>(promoters) / static_cast<double>(n);
  const double d = static_cast<double>(detractors) / static_cast<double>(n);
  const double variance = p + d - (p - d) * (p - d);
  // Rounding can push a zero variance a hair below zero (all answers one category).
  return 196.0 * std::sqrt(std::max(variance, 0.0) / static_cast<double>(n));
}

}  // namespace bw::analytics
