#include "service/account_csv.h"

#include <fmt/core.h>

#include "analytics/engagement_classes.h"
#include "io/csv_writer.h"
#include "service/internal/account_flags.h"

namespace bw::service {
namespace {

using analytics::AccountBasics;

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
          Join(internal::FlagNames(b), ";"),
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

std::string AccountListToCsv(const snapshot::Snapshot& snap,
                             const std::vector<analytics::AccountRow>& rows) {
  std::string text;
  auto append_row = [&text](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) text.push_back(',');
      text += io::CsvWriter::Escape(fields[i]);
    }
    text.push_back('\n');
  };
  append_row(AccountCsvHeader());
  for (const analytics::AccountRow& row : rows) append_row(AccountCsvFields(snap, row));
  return text;
}

std::string SpreadsheetSafe(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    return "'" + std::string(text);
  }
  return std::string(text);
}

}  // namespace bw::service
