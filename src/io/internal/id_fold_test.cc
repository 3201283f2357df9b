#include "io/internal/id_fold.h"

#include <gtest/gtest.h>

namespace bw::io::internal {
namespace {

TEST(IdFold, PlainIdsAreUnchanged) {
  EXPECT_EQ(FoldAccountId("ACC-001"), "ACC-001");
  EXPECT_EQ(FoldAccountId("Caf\xC3\xA9"), "Caf\xC3\xA9");
  EXPECT_FALSE(MayFold("ACC-001"));
  EXPECT_EQ(FoldAccountId(""), "");
}

TEST(IdFold, DropsByteOrderMarkAndSurroundingSpaces) {
  EXPECT_EQ(FoldAccountId("\xEF\xBB\xBF" "A1"), "A1");
  EXPECT_EQ(FoldAccountId(" A1\t"), "A1");
  EXPECT_EQ(FoldAccountId(" \xEF\xBB\xBF A1 "), "A1");
  EXPECT_EQ(FoldAccountId("A 1"), "A 1");  // inner spaces are part of the id
  EXPECT_TRUE(MayFold(" A1"));
}

TEST(IdFold, ComposesLatinLettersWithACombiningMark) {
  // "e" + U+0301 COMBINING ACUTE ACCENT -> U+00E9; "A" + U+030A -> U+00C5.
  EXPECT_EQ(FoldAccountId("Cafe\xCC\x81"), "Caf\xC3\xA9");
  EXPECT_EQ(FoldAccountId("A\xCC\x8A" "B"), "\xC3\x85" "B");
  // "z" + U+030C -> U+017E (Latin Extended-A).
  EXPECT_EQ(FoldAccountId("z\xCC\x8C"), "\xC5\xBE");
  // A mark without a precomposed form stays as it is.
  EXPECT_EQ(FoldAccountId("q\xCC\x81"), "q\xCC\x81");
}

}  // namespace
}  // namespace bw::io::internal
