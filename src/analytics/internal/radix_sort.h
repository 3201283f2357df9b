// Stable sorts by an unsigned 64-bit key: LSD radix sort a byte at a time, skipping the
// bytes every key shares. Ordering 100,000 accounts by TTM, or the health scores of the
// health check, this way takes a fraction of a comparison sort's time, and it runs on
// every refresh.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace bw::analytics::internal {

// Sorts `items` by key(item) ascending; items with equal keys keep their order.
template <typename T, typename Key>
void StableRadixSortBy(std::vector<T>& items, const Key& key) {
  constexpr int kBytes = 8;
  const size_t n = items.size();
  if (n < 2) return;
  std::array<std::array<size_t, 256>, kBytes> counts{};
  for (const T& item : items) {
    const uint64_t k = key(item);
    for (int b = 0; b < kBytes; ++b) ++counts[b][(k >> (8 * b)) & 0xff];
  }
  std::vector<T> scratch(n);
  for (int b = 0; b < kBytes; ++b) {
    const size_t first_digit = (key(items.front()) >> (8 * b)) & 0xff;
    if (counts[b][first_digit] == n) continue;  // every key has this byte: nothing to do
    std::array<size_t, 256> offset;
    size_t sum = 0;
    for (size_t d = 0; d < 256; ++d) {
      offset[d] = sum;
      sum += counts[b][d];
    }
    for (const T& item : items) scratch[offset[(key(item) >> (8 * b)) & 0xff]++] = item;
    items.swap(scratch);
  }
}

// Sorts (key, value) pairs by key ascending, stably.
template <typename Value>
void StableRadixSort(std::vector<std::pair<uint64_t, Value>>& items) {
  StableRadixSortBy(items, [](const std::pair<uint64_t, Value>& item) { return item.first; });
}

// Sorts keys ascending.
inline void RadixSort(std::vector<uint64_t>& keys) {
  StableRadixSortBy(keys, [](uint64_t key) { return key; });
}

}  // namespace bw::analytics::internal
