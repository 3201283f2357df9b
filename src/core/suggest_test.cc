#include "core/suggest.h"

#include <gtest/gtest.h>

namespace bw {
namespace {

TEST(SuggestTest, EditDistanceCountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("left_on", "lef_on"), 1u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("Decision_Maker", "decision_maker"), 0u);
}

TEST(SuggestTest, SuggestsTheClosestNameOfATypoOnly) {
  const std::vector<std::string_view> roles = {"decision_maker", "influencer", "user"};
  EXPECT_EQ(ClosestName("decision_makr", roles), "decision_maker");
  EXPECT_EQ(ClosestName("usr", roles), "user");
  EXPECT_EQ(ClosestName("manager", roles), std::nullopt);
  EXPECT_EQ(ClosestName("user", roles), std::nullopt);  // not a typo
  // Two edits on a two-letter name is a different word, not a typo.
  EXPECT_EQ(ClosestName("ab", {"id"}), std::nullopt);
  EXPECT_EQ(DidYouMean("lef_on", {"name", "email", "left_on"}), " (did you mean \"left_on\"?)");
  EXPECT_EQ(DidYouMean("colour", {"name", "email", "left_on"}), "");
}

}  // namespace
}  // namespace bw
