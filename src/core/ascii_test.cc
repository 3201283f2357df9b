#include "core/ascii.h"

#include <gtest/gtest.h>

namespace bw {
namespace {

TEST(AsciiTest, LowersOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("Anna.Müller@Example.COM"), "anna.müller@example.com");
  EXPECT_EQ(AsciiLower("ÄÖÜ 09_-"), "ÄÖÜ 09_-");
  EXPECT_EQ(AsciiLower(""), "");
}

}  // namespace
}  // namespace bw
