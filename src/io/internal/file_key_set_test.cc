#include "io/internal/file_key_set.h"

#include <gtest/gtest.h>

#include <string>

namespace bw::io::internal {
namespace {

TEST(FileKeySetTest, SortedKeysStayAListAndAreAllNew) {
  const std::string file = "I1,I2,I3";
  FileKeySet keys;
  keys.Reset(file, 3);
  for (int i = 0; i < 3; ++i) {
    const std::string_view key(file.data() + static_cast<ptrdiff_t>(3) * i, 2);
    EXPECT_EQ(keys.FirstLine(key), -1) << key;
    keys.Add(key, i + 2);
  }
  EXPECT_FALSE(keys.hashed());
}

TEST(FileKeySetTest, ARepeatRightAfterItselfIsFound) {
  const std::string file = "A,B,B";
  FileKeySet keys;
  keys.Reset(file, 3);
  keys.Add(std::string_view(file.data(), 1), 2);
  ASSERT_EQ(keys.FirstLine(std::string_view(file.data() + 2, 1)), -1);
  keys.Add(std::string_view(file.data() + 2, 1), 3);
  EXPECT_EQ(keys.FirstLine(std::string_view(file.data() + 4, 1)), 3);
  EXPECT_TRUE(keys.hashed());
}

TEST(FileKeySetTest, KeysOutOfOrderMoveToTheTableAndKeepTheirLines) {
  FileKeySet keys;
  const std::string file = "R10,R2,R9";
  keys.Reset(file, 8);
  keys.Add(std::string_view(file.data(), 3), 2);      // R10
  keys.Add(std::string_view(file.data() + 4, 2), 3);  // R2 > R10 as bytes: still sorted
  EXPECT_FALSE(keys.hashed());
  EXPECT_EQ(keys.FirstLine("R1"), -1);  // out of order: a lookup now, and new
  EXPECT_TRUE(keys.hashed());
  keys.Add("R1", 4);
  EXPECT_EQ(keys.FirstLine("R10"), 2);
  EXPECT_EQ(keys.FirstLine("R2"), 3);
  EXPECT_EQ(keys.FirstLine("R1"), 4);
  EXPECT_EQ(keys.FirstLine("R9"), -1);
}

TEST(FileKeySetTest, KeysOutsideTheFileAreCopied) {
  FileKeySet keys;
  keys.Reset("unrelated", 4);
  std::string scratch = "K\"1";  // e.g. an unescaped quoted field in a reused buffer
  keys.Add(scratch, 2);
  scratch = "K\"0";  // the buffer is reused for the next row
  EXPECT_EQ(keys.FirstLine(scratch), -1);  // out of order: moves to the table
  EXPECT_EQ(keys.FirstLine("K\"1"), 2);
}

TEST(FileKeySetTest, ResetForgetsTheKeys) {
  FileKeySet keys;
  keys.Reset("", 1);
  keys.Add("B", 2);
  EXPECT_EQ(keys.FirstLine("A"), -1);
  keys.Reset("", 1);
  EXPECT_EQ(keys.FirstLine("B"), -1);
  EXPECT_FALSE(keys.hashed());
}

}  // namespace
}  // namespace bw::io::internal
