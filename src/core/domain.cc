#include "core/domain.h"

#include "core/ascii.h"

#include <array>
#include <cctype>
#include <string>

namespace bw {
namespace {

std::string LowerTrimmed(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return AsciiLower(text.substr(begin, end - begin));
}

constexpr std::array<std::string_view, kTouchpointTypeCount> kTouchpointNames = {
    "support_ticket", "business_review", "meeting", "call",
    "email",          "marketing_email", "training", "other"};

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kDecisionMaker: return "decision_maker";
    case Role::kInfluencer: return "influencer";
    case Role::kUser: return "user";
  }
  return "";
}

std::string_view CategoryName(Category category) {
  switch (category) {
    case Category::kPromoter: return "promoter";
    case Category::kPassive: return "passive";
    case Category::kDetractor: return "detractor";
    case Category::kNonResponder: return "non_responder";
  }
  return "";
}

std::string_view TouchpointTypeName(TouchpointType type) {
  return kTouchpointNames[static_cast<size_t>(type)];
}

std::string_view AcquisitionName(Acquisition acquisition) {
  switch (acquisition) {
    case Acquisition::kEarned: return "earned";
    case Acquisition::kBought: return "bought";
    case Acquisition::kUnknown: return "";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view text) {
  const std::string r = LowerTrimmed(text);
  if (r == "decision_maker" || r == "a" || r == "executive") return Role::kDecisionMaker;
  if (r == "influencer" || r == "b" || r == "management" || r == "middle_management")
    return Role::kInfluencer;
  if (r == "user" || r == "c" || r == "frontline" || r == "front_line") return Role::kUser;
  return std::nullopt;
}

std::optional<TouchpointType> ParseTouchpointType(std::string_view text) {
  for (size_t i = 0; i < kTouchpointNames.size(); ++i) {
    if (kTouchpointNames[i] == text) return static_cast<TouchpointType>(i);
  }
  return std::nullopt;
}

std::optional<Acquisition> ParseAcquisition(std::string_view text) {
  if (text.empty()) return Acquisition::kUnknown;
  if (text == "earned") return Acquisition::kEarned;
  if (text == "bought") return Acquisition::kBought;
  return std::nullopt;
}

}  // namespace bw
