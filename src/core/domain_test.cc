#include "core/domain.h"

#include <gtest/gtest.h>

namespace bw {
namespace {

TEST(DomainTest, RoleAliasesIgnoreCaseAndSurroundingSpaces) {
  EXPECT_EQ(ParseRole("decision_maker"), Role::kDecisionMaker);
  EXPECT_EQ(ParseRole("A"), Role::kDecisionMaker);
  EXPECT_EQ(ParseRole(" Executive "), Role::kDecisionMaker);
  EXPECT_EQ(ParseRole("b"), Role::kInfluencer);
  EXPECT_EQ(ParseRole("Management"), Role::kInfluencer);
  EXPECT_EQ(ParseRole("MIDDLE_MANAGEMENT"), Role::kInfluencer);
  EXPECT_EQ(ParseRole("influencer"), Role::kInfluencer);
  EXPECT_EQ(ParseRole("c"), Role::kUser);
  EXPECT_EQ(ParseRole("frontline"), Role::kUser);
  EXPECT_EQ(ParseRole(" front_line"), Role::kUser);
  EXPECT_EQ(ParseRole("User"), Role::kUser);
  EXPECT_FALSE(ParseRole("d").has_value());
  EXPECT_FALSE(ParseRole("decision maker").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
}

TEST(DomainTest, TouchpointTypesMatchExactly) {
  EXPECT_EQ(ParseTouchpointType("marketing_email"), TouchpointType::kMarketingEmail);
  EXPECT_EQ(ParseTouchpointType("support_ticket"), TouchpointType::kSupportTicket);
  EXPECT_FALSE(ParseTouchpointType("Meeting").has_value());
  EXPECT_FALSE(ParseTouchpointType(" call").has_value());
  for (int i = 0; i < kTouchpointTypeCount; ++i) {
    const auto type = static_cast<TouchpointType>(i);
    EXPECT_EQ(ParseTouchpointType(TouchpointTypeName(type)), type);
  }
}

TEST(DomainTest, AcquisitionMatchesExactly) {
  EXPECT_EQ(ParseAcquisition(""), Acquisition::kUnknown);
  EXPECT_EQ(ParseAcquisition("earned"), Acquisition::kEarned);
  EXPECT_EQ(ParseAcquisition("bought"), Acquisition::kBought);
  EXPECT_FALSE(ParseAcquisition("Earned").has_value());
}

TEST(DomainTest, CategoryBoundaries) {
  EXPECT_EQ(CategoryOfScore(6), Category::kDetractor);
  EXPECT_EQ(CategoryOfScore(7), Category::kPassive);
  EXPECT_EQ(CategoryOfScore(8), Category::kPassive);
  EXPECT_EQ(CategoryOfScore(9), Category::kPromoter);
  EXPECT_EQ(CategoryOfAccountScore(6.99), Category::kDetractor);
  EXPECT_EQ(CategoryOfAccountScore(8.999), Category::kPassive);
  EXPECT_EQ(CategoryOfAccountScore(9.0), Category::kPromoter);
}

}  // namespace
}  // namespace bw
