// NPS arithmetic (shared/spec/metrics.md, Basics and Loyalty: NPS, margin of error).
#pragma once

#include <cstdint>
#include <optional>

#include "core/domain.h"

namespace bw::analytics {

// Counts of answers by category; NPS and margin of error follow.
struct NpsCounts {
  int64_t promoters = 0;
  int64_t passives = 0;
  int64_t detractors = 0;

  int64_t total() const { return promoters + passives + detractors; }
  void Add(Category category) {
    if (category == Category::kPromoter) ++promoters;
    if (category == Category::kPassive) ++passives;
    if (category == Category::kDetractor) ++detractors;
  }
  // 100 x (promoters - detractors) / N; nullopt when N = 0.
  std::optional<double> Nps() const;
  // 196 x sqrt((p + d - (p - d)^2) / N) NPS points, p and d the promoter and detractor
  // shares; nullopt when N = 0.
  std::optional<double> Margin() const;
};

}  // namespace bw::analytics
