#include "io/internal/key_table.h"

#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

namespace bw::io::internal {
namespace {

TEST(KeyTableTest, FindsWhatWasInsertedWithItsLine) {
  KeyTable table;
  EXPECT_EQ(table.Find("A1"), -1);
  EXPECT_TRUE(table.Insert("A1", 2));
  EXPECT_TRUE(table.Insert("", 3));
  EXPECT_TRUE(table.Insert("a1", 4));
  EXPECT_FALSE(table.Insert("A1", 9));
  EXPECT_EQ(table.Find("A1"), 2);
  EXPECT_EQ(table.Find(""), 3);
  EXPECT_EQ(table.Find("a1"), 4);
  EXPECT_EQ(table.Find("A"), -1);
  EXPECT_EQ(table.size(), 3u);
  table.Clear();
  EXPECT_EQ(table.size(), 0u);
  EXPECT_EQ(table.Find("A1"), -1);
}

TEST(KeyTableTest, AgreesWithUnorderedMapThroughManyGrowths) {
  KeyTable table;
  std::unordered_map<std::string, int64_t> reference;
  for (int64_t i = 0; i < 200000; ++i) {
    // Keys of every length up to 24 bytes, many sharing prefixes.
    std::string key = std::to_string(i * 7919 % 100003);
    key.append(static_cast<size_t>(i % 12), 'x');
    const bool inserted = reference.emplace(key, i).second;
    EXPECT_EQ(table.Insert(key, i), inserted) << key;
  }
  EXPECT_EQ(table.size(), reference.size());
  for (const auto& [key, line] : reference) ASSERT_EQ(table.Find(key), line) << key;
  EXPECT_EQ(table.Find("100003"), -1);
}

}  // namespace
}  // namespace bw::io::internal
