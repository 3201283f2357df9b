#include "store/internal/id_key_map.h"

#include <string>

#include "gtest/gtest.h"

namespace bw::store::internal {
namespace {

TEST(IdKeyMapTest, AnEmptyMapFindsNothing) {
  IdKeyMap map;
  EXPECT_EQ(map.Find("A1"), std::nullopt);
  EXPECT_EQ(map.Find(""), std::nullopt);
  EXPECT_EQ(map.size(), 0u);
}

TEST(IdKeyMapTest, FindsEveryInsertedIdAcrossGrowth) {
  IdKeyMap map;
  // 100,000 ids make the table grow from 1,024 slots seven times.
  for (int i = 0; i < 100'000; ++i) map.Insert("C" + std::to_string(i), 3 * i + 1);
  EXPECT_EQ(map.size(), 100'000u);
  for (int i = 0; i < 100'000; ++i) {
    ASSERT_EQ(map.Find("C" + std::to_string(i)), 3 * i + 1) << i;
  }
  EXPECT_EQ(map.Find("C100000"), std::nullopt);
  EXPECT_EQ(map.Find("C"), std::nullopt);
  EXPECT_EQ(map.Find("c1"), std::nullopt);
}

TEST(IdKeyMapTest, ASecondInsertOfAnIdKeepsTheFirstKey) {
  IdKeyMap map;
  map.Insert("Müller-Ä", 7);
  map.Insert("Müller-Ä", 9);
  EXPECT_EQ(map.size(), 1u);
  EXPECT_EQ(map.Find("Müller-Ä"), 7);
  // Ids that differ only after a prefix, or by a byte >= 0x80, are different.
  map.Insert("Müller-A", 8);
  EXPECT_EQ(map.Find("Müller-A"), 8);
  EXPECT_EQ(map.Find("Müller-"), std::nullopt);
}

}  // namespace
}  // namespace bw::store::internal
