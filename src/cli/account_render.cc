#include "cli/account_render.h"

#include <fmt/core.h>

#include "analytics/engagement_classes.h"

namespace bw::cli {

using analytics::AccountBasics;
using analytics::AccountFlag;
using nlohmann::ordered_json;

nlohmann::ordered_json OptionalText(const std::string& text) {
  if (text.empty()) return nullptr;
  return text;
}

double Money(Cents cents) { return CentsToDouble(cents); }

namespace {

ordered_json Optional(std::optional<double> value) {
  if (!value) return nullptr;
  return *value;
}

std::vector<std::string> FlagList(const AccountBasics& b) {
  std::vector<std::string> flags;
  for (int f = 0; f < analytics::kAccountFlagCount; ++f) {
    if (b.Has(static_cast<AccountFlag>(f))) {
      flags.emplace_back(analytics::FlagName(static_cast<AccountFlag>(f)));
    }
  }
  return flags;
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.append(separator);
    out += items[i];
  }
  return out;
}

std::string NumberText(std::optional<double> value, int decimals) {
  return value ? fmt::format("{:.{}f}", *value, decimals) : "";
}

}  // namespace

ordered_json AccountRowToJson(const snapshot::Snapshot& snap, const analytics::AccountRow& row) {
  const AccountBasics& b = row.basics;
  const analytics::AccountIndex a = b.account;
  ordered_json j;
  j["account_id"] = snap.account_id[a];
  j["name"] = snap.account_name[a];
  j["owner"] = OptionalText(snap.owner[a]);
  j["industry"] = OptionalText(snap.industry[a]);
  j["region"] = OptionalText(snap.region[a]);
  j["tier"] = analytics::TierName(b.tier);
  j["ttm"] = Money(b.ttm);
  j["ttm_prior"] = Money(b.ttm_prior);
  j["score"] = Optional(b.score);
  j["category"] = CategoryName(b.category);
  j["answers"] = b.answers;
  j["quadrant"] = analytics::QuadrantName(b.quadrant);
  j["action"] = analytics::QuadrantAction(b.quadrant);
  j["contacts"] = {{"current", b.contacts_current},
                   {"decision_maker", b.contacts_by_role[0]},
                   {"influencer", b.contacts_by_role[1]},
                   {"user", b.contacts_by_role[2]}};
  j["flags"] = FlagList(b);
  j["check"] = {{"ok", b.check.ok},
                {"required", b.check.required},
                {"missing_contacts", b.check.missing_contacts},
                {"missing_roles", b.check.missing_roles()}};
  ordered_json days = nullptr;
  if (b.touchpoints.days_since_last) days = *b.touchpoints.days_since_last;
  j["touchpoints"] = {{"days_since_last", days},
                      {"marketing_emails_30d", b.touchpoints.marketing_emails_30d},
                      {"support_tickets_90d", b.touchpoints.support_tickets_90d}};
  j["invitations"] = {{"sent", b.invitations.sent}, {"answered", b.invitations.answered}};
  std::optional<double> change;
  if (row.health.score && row.health_90d_ago) change = *row.health.score - *row.health_90d_ago;
  j["health"] = {
      {"score", Optional(row.health.score)},
      {"colour", row.health.score ? ordered_json(analytics::HealthColourName(row.health.colour))
                                  : ordered_json(nullptr)},
      {"change_90d", Optional(change)}};
  j["engagement_class"] = analytics::EngagementClassName(analytics::EngagementClassOf(b));
  return j;
}

std::vector<std::string> AccountCsvHeader() {
  return {"account_id",
          "name",
          "owner",
          "industry",
          "region",
          "tier",
          "ttm",
          "ttm_prior",
          "score",
          "category",
          "answers",
          "quadrant",
          "contacts_current",
          "decision_makers",
          "influencers",
          "users",
          "flags",
          "check_ok",
          "missing_contacts",
          "missing_roles",
          "days_since_last_touchpoint",
          "marketing_emails_30d",
          "support_tickets_90d",
          "invitations_sent",
          "invitations_answered",
          "health_score",
          "health_colour",
          "health_change_90d",
          "engagement_class"};
}

std::vector<std::string> AccountCsvFields(const snapshot::Snapshot& snap,
                                          const analytics::AccountRow& row) {
  const AccountBasics& b = row.basics;
  const analytics::AccountIndex a = b.account;
  std::optional<double> change;
  if (row.health.score && row.health_90d_ago) change = *row.health.score - *row.health_90d_ago;
  return {SpreadsheetSafe(snap.account_id[a]),
          SpreadsheetSafe(snap.account_name[a]),
          SpreadsheetSafe(snap.owner[a]),
          SpreadsheetSafe(snap.industry[a]),
          SpreadsheetSafe(snap.region[a]),
          std::string(analytics::TierName(b.tier)),
          FormatMoney(b.ttm),
          FormatMoney(b.ttm_prior),
          NumberText(b.score, 2),
          std::string(CategoryName(b.category)),
          std::to_string(b.answers),
          std::string(analytics::QuadrantName(b.quadrant)),
          std::to_string(b.contacts_current),
          std::to_string(b.contacts_by_role[0]),
          std::to_string(b.contacts_by_role[1]),
          std::to_string(b.contacts_by_role[2]),
          Join(FlagList(b), ";"),
          b.check.ok ? "true" : "false",
          std::to_string(b.check.missing_contacts),
          Join(b.check.missing_roles(), ";"),
          b.touchpoints.days_since_last ? std::to_string(*b.touchpoints.days_since_last) : "",
          std::to_string(b.touchpoints.marketing_emails_30d),
          std::to_string(b.touchpoints.support_tickets_90d),
          std::to_string(b.invitations.sent),
          std::to_string(b.invitations.answered),
          NumberText(row.health.score, 1),
          row.health.score ? std::string(analytics::HealthColourName(row.health.colour)) : "",
          NumberText(change, 1),
          std::string(analytics::EngagementClassName(analytics::EngagementClassOf(b)))};
}

std::string SpreadsheetSafe(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

}  // namespace bw::cli
