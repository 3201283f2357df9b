// A stable sort of (key, value) pairs by an unsigned 64-bit key: LSD radix sort a byte at
// a time, skipping the bytes every key shares. Ordering 100,000 accounts by TTM this way
// takes a fraction of a comparison sort's time, and it runs on every refresh.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace bw::analytics::internal {

// Sorts `items` by .first ascending; items with equal keys keep their order.
template <typename Value>
void StableRadixSort(std::vector<std::pair<uint64_t, Value>>& items) {
  constexpr int kBytes = 8;
  const size_t n = items.size();
  if (n < 2) return;
  std::array<std::array<size_t, 256>, kBytes> counts{};
  for (const auto& item : items) {
    for (int b = 0; b < kBytes; ++b) ++counts[b][(item.first >> (8 * b)) & 0xff];
  }
  std::vector<std::pair<uint64_t, Value>> scratch(n);
  for (int b = 0; b < kBytes; ++b) {
    const size_t first_digit = (items.front().first >> (8 * b)) & 0xff;
    if (counts[b][first_digit] == n) continue;  // every key has this byte: nothing to do
    std::array<size_t, 256> offset;
    size_t sum = 0;
    for (size_t d = 0; d < 256; ++d) {
      offset[d] = sum;
      sum += counts[b][d];
    }
    for (const auto& item : items) scratch[offset[(item.first >> (8 * b)) & 0xff]++] = item;
    items.swap(scratch);
  }
}

}  // namespace bw::analytics::internal
