// The radix sorts behind the Pareto order and the health check's AUC: against
// std::stable_sort on random keys, with ties, negative TTMs and equal high bytes.
#include "analytics/internal/radix_sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "analytics/health_check.h"

namespace bw::analytics::internal {
namespace {

TEST(RadixSortTest, SortsPairsStablyLikeStableSort) {
  std::mt19937_64 random(7);
  for (const uint64_t range : {uint64_t{3}, uint64_t{1000}, ~uint64_t{0}}) {
    std::vector<std::pair<uint64_t, int>> items;
    for (int i = 0; i < 5000; ++i) items.emplace_back(random() % range, i);
    std::vector<std::pair<uint64_t, int>> expected = items;
    std::stable_sort(expected.begin(), expected.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    StableRadixSort(items);
    EXPECT_EQ(items, expected) << "keys below " << range;
  }
}

TEST(RadixSortTest, SortsKeysWhoseHighBytesAreAllEqual) {
  std::vector<uint64_t> keys = {0xff00000000000003, 0xff00000000000001, 0xff00000000000002};
  RadixSort(keys);
  EXPECT_EQ(keys, (std::vector<uint64_t>{0xff00000000000001, 0xff00000000000002,
                                         0xff00000000000003}));
  std::vector<uint64_t> one = {42}, none;
  RadixSort(one);
  RadixSort(none);
  EXPECT_EQ(one, std::vector<uint64_t>{42});
}

// The Pareto order's key: signed TTM, descending, as an unsigned key (account_facts.cc).
TEST(RadixSortTest, DescendingSignedKeysKeepTheirOrder) {
  const std::vector<int64_t> ttm = {500, -20, 0, 500, -1, 7'000'000'000'000, -7'000'000'000'000};
  std::vector<std::pair<uint64_t, int>> keyed;
  for (size_t i = 0; i < ttm.size(); ++i) {
    keyed.emplace_back(~(static_cast<uint64_t>(ttm[i]) ^ (uint64_t{1} << 63)),
                       static_cast<int>(i));
  }
  StableRadixSort(keyed);
  std::vector<int> order;
  for (const auto& [key, i] : keyed) order.push_back(i);
  EXPECT_EQ(order, (std::vector<int>{5, 0, 3, 2, 4, 1, 6}));  // ties keep their order
}

// The AUC by Mann-Whitney against the definition: the share of (positive, negative) pairs
// where the positive has the higher risk, ties counting one half.
TEST(RadixSortTest, AucMatchesThePairwiseDefinition) {
  std::mt19937_64 random(11);
  std::vector<double> risk;
  std::vector<uint8_t> positive;
  for (int i = 0; i < 600; ++i) {
    risk.push_back(static_cast<double>(random() % 40) / 8.0 - 2.0);  // many ties, negatives
    positive.push_back(random() % 5 == 0 ? 1 : 0);
  }
  risk.push_back(-0.0);  // ties with 0.0
  positive.push_back(1);
  double wins = 0, pairs = 0;
  for (size_t p = 0; p < risk.size(); ++p) {
    if (!positive[p]) continue;
    for (size_t n = 0; n < risk.size(); ++n) {
      if (positive[n]) continue;
      pairs += 1;
      wins += risk[p] > risk[n] ? 1.0 : risk[p] == risk[n] ? 0.5 : 0.0;
    }
  }
  const std::optional<double> auc = RocAuc(risk, positive);
  ASSERT_TRUE(auc.has_value());
  EXPECT_DOUBLE_EQ(*auc, wins / pairs);
}

}  // namespace
}  // namespace bw::analytics::internal
