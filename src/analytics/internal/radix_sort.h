// Stable sorts by an unsigned 64-bit key: LSD radix sort 11 bits at a time, skipping the
// digits every key shares. Ordering 100,000 accounts by TTM, or the health scores of the
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
  // 11-bit digits: six passes cover 64 bits, and the counts (6 x 2048) stay in the cache.
  constexpr int kBits = 11;
  constexpr int kDigits = (64 + kBits - 1) / kBits;
  constexpr size_t kBuckets = size_t{1} << kBits;
  constexpr uint64_t kMask = kBuckets - 1;
  const size_t n = items.size();
  if (n < 2) return;
  std::vector<std::array<size_t, kBuckets>> counts(kDigits);
  for (const T& item : items) {
    const uint64_t k = key(item);
    for (int b = 0; b < kDigits; ++b) ++counts[b][(k >> (kBits * b)) & kMask];
  }
  std::vector<T> scratch(n);
  for (int b = 0; b < kDigits; ++b) {
    const size_t first_digit = (key(items.front()) >> (kBits * b)) & kMask;
    if (counts[b][first_digit] == n) continue;  // every key has this digit: nothing to do
    size_t sum = 0;
    for (size_t& count : counts[b]) {
      const size_t here = count;
      count = sum;  // now the offset of the digit's first item
      sum += here;
    }
    for (const T& item : items) scratch[counts[b][(key(item) >> (kBits * b)) & kMask]++] = item;
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
