#include "core/suggest.h"

#include <algorithm>
#include <numeric>

#include "core/ascii.h"

namespace bw {

size_t EditDistance(std::string_view a, std::string_view b) {
  const std::string x = AsciiLower(a), y = AsciiLower(b);
  // One row of the dynamic programme at a time.
  std::vector<size_t> row(y.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= x.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

std::optional<std::string> ClosestName(std::string_view typed,
                                       const std::vector<std::string_view>& candidates) {
  std::optional<std::string> best;
  size_t best_distance = 3;
  for (std::string_view candidate : candidates) {
    const size_t distance = EditDistance(typed, candidate);
    if (distance == 0) return std::nullopt;
    if (distance < best_distance && 2 * distance < candidate.size()) {
      best = std::string(candidate);
      best_distance = distance;
    }
  }
  return best;
}

std::string DidYouMean(std::string_view typed, const std::vector<std::string_view>& candidates) {
  const std::optional<std::string> closest = ClosestName(typed, candidates);
  return closest ? " (did you mean \"" + *closest + "\"?)" : "";
}

}  // namespace bw
