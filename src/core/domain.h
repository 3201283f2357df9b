// Domain vocabulary shared by every module: roles, categories, touchpoint types,
// acquisition channels, and their names in the import format and the JSON API.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bw {

// data-format.md, contacts.csv: role.
enum class Role : uint8_t { kDecisionMaker = 0, kInfluencer = 1, kUser = 2 };
inline constexpr int kRoleCount = 3;

// metrics.md, Basics: category of a score; an account without a contact score is a
// non-responder. Ordered detractor < passive < promoter for climbers and fallers.
enum class Category : uint8_t { kDetractor = 0, kPassive = 1, kPromoter = 2, kNonResponder = 3 };

// data-format.md, touchpoints.csv: type.
enum class TouchpointType : uint8_t {
  kSupportTicket = 0,
  kBusinessReview,
  kMeeting,
  kCall,
  kEmail,
  kMarketingEmail,
  kTraining,
  kOther,
};
inline constexpr int kTouchpointTypeCount = 8;

// data-format.md, accounts.csv: acquisition; empty means unknown.
enum class Acquisition : uint8_t { kUnknown = 0, kEarned, kBought };

// Canonical names, as written by export and shown in JSON.
std::string_view RoleName(Role role);
std::string_view CategoryName(Category category);
std::string_view TouchpointTypeName(TouchpointType type);
std::string_view AcquisitionName(Acquisition acquisition);  // "" for kUnknown

// Role with the aliases of data-format.md (A/executive, B/management/middle_management,
// C/frontline/front_line), case-insensitive, surrounding spaces ignored.
std::optional<Role> ParseRole(std::string_view text);
// Exact, case-sensitive type names (metrics.md: "types ... match exactly").
std::optional<TouchpointType> ParseTouchpointType(std::string_view text);
// "earned", "bought", or "" (unknown); exact match.
std::optional<Acquisition> ParseAcquisition(std::string_view text);

// metrics.md, Basics: promoter 9-10, passive 7-8, detractor 0-6.
inline Category CategoryOfScore(int score) {
  return score >= 9 ? Category::kPromoter : score >= 7 ? Category::kPassive : Category::kDetractor;
}
// metrics.md, Loyalty: account category from a (possibly fractional) account score.
inline Category CategoryOfAccountScore(double score) {
  return score >= 9 ? Category::kPromoter : score >= 7 ? Category::kPassive : Category::kDetractor;
}

}  // namespace bw
