// The one definition of the fields of the account row, the account list and the paged
// account list (shared/spec/metrics.md, "The account row"; shared/spec/api.md, GET
// /accounts), as templates over their output: a JsonWriter streams the text, a
// JsonDomBuilder builds the nlohmann::ordered_json. Both forms therefore have the same keys
// in the same order. Private to src/service; the public forms are in service/account_json.h.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/account_rows.h"
#include "analytics/engagement_classes.h"
#include "core/date.h"
#include "core/money.h"
#include "service/internal/account_flags.h"
#include "snapshot/snapshot.h"

namespace bw::service::internal {

// metrics.md, The account row: an empty optional text is null.
template <typename Out>
void WriteOptionalText(Out& out, const std::string& text) {
  if (text.empty()) {
    out.Null();
  } else {
    out.String(text);
  }
}

// A figure that is undefined (nothing to divide by) is null.
template <typename Out>
void WriteOptionalNumber(Out& out, std::optional<double> value) {
  if (value) {
    out.Double(*value);
  } else {
    out.Null();
  }
}

// metrics.md, The account row: every field of the spec plus answers, ttm_prior, action,
// health change and engagement class.
template <typename Out>
void WriteAccountRow(Out& out, const snapshot::Snapshot& snap, const analytics::AccountRow& row) {
  const analytics::AccountBasics& b = row.basics;
  const analytics::AccountIndex a = b.account;
  out.BeginObject();
  out.Key("account_id");
  out.String(snap.account_id[a]);
  out.Key("name");
  out.String(snap.account_name[a]);
  out.Key("owner");
  WriteOptionalText(out, snap.owner[a]);
  out.Key("industry");
  WriteOptionalText(out, snap.industry[a]);
  out.Key("region");
  WriteOptionalText(out, snap.region[a]);
  out.Key("tier");
  out.String(analytics::TierName(b.tier));
  out.Key("ttm");
  out.Double(CentsToDouble(b.ttm));
  out.Key("ttm_prior");
  out.Double(CentsToDouble(b.ttm_prior));
  out.Key("score");
  WriteOptionalNumber(out, b.score);
  out.Key("category");
  out.String(CategoryName(b.category));
  out.Key("answers");
  out.Int(b.answers);
  out.Key("quadrant");
  out.String(analytics::QuadrantName(b.quadrant));
  out.Key("action");
  out.String(analytics::QuadrantAction(b.quadrant));

  out.Key("contacts");
  out.BeginObject();
  out.Key("current");
  out.Int(b.contacts_current);
  out.Key("decision_maker");
  out.Int(b.contacts_by_role[0]);
  out.Key("influencer");
  out.Int(b.contacts_by_role[1]);
  out.Key("user");
  out.Int(b.contacts_by_role[2]);
  out.EndObject();

  out.Key("flags");
  out.BeginArray();
  ForEachFlagName(b, [&out](std::string_view name) { out.String(name); });
  out.EndArray();

  out.Key("check");
  out.BeginObject();
  out.Key("ok");
  out.Bool(b.check.ok);
  out.Key("required");
  out.Int(b.check.required);
  out.Key("missing_contacts");
  out.Int(b.check.missing_contacts);
  out.Key("missing_roles");
  out.BeginArray();
  for (const std::string& role : b.check.missing_roles()) out.String(role);
  out.EndArray();
  out.EndObject();

  out.Key("touchpoints");
  out.BeginObject();
  out.Key("days_since_last");
  if (b.touchpoints.days_since_last) {
    out.Int(*b.touchpoints.days_since_last);
  } else {
    out.Null();
  }
  out.Key("marketing_emails_30d");
  out.Int(b.touchpoints.marketing_emails_30d);
  out.Key("support_tickets_90d");
  out.Int(b.touchpoints.support_tickets_90d);
  out.EndObject();

  out.Key("invitations");
  out.BeginObject();
  out.Key("sent");
  out.Int(b.invitations.sent);
  out.Key("answered");
  out.Int(b.invitations.answered);
  out.EndObject();

  out.Key("health");
  out.BeginObject();
  out.Key("score");
  WriteOptionalNumber(out, row.health.score);
  out.Key("colour");
  if (row.health.score) {
    out.String(analytics::HealthColourName(row.health.colour));
  } else {
    out.Null();
  }
  out.Key("change_90d");
  std::optional<double> change;
  if (row.health.score && row.health_90d_ago) change = *row.health.score - *row.health_90d_ago;
  WriteOptionalNumber(out, change);
  out.EndObject();

  out.Key("engagement_class");
  out.String(analytics::EngagementClassName(analytics::EngagementClassOf(b)));
  out.EndObject();
}

// [ROW, ...] of rows[begin, end).
template <typename Out>
void WriteAccountRows(Out& out, const snapshot::Snapshot& snap,
                      const std::vector<analytics::AccountRow>& rows, size_t begin, size_t end) {
  out.BeginArray();
  for (size_t i = begin; i < end; ++i) WriteAccountRow(out, snap, rows[i]);
  out.EndArray();
}

// {"as_of", "accounts": [ROW, ...]}: `bellwether accounts --format json`.
template <typename Out>
void WriteAccountList(Out& out, const snapshot::Snapshot& snap, Day as_of,
                      const std::vector<analytics::AccountRow>& rows) {
  out.BeginObject();
  out.Key("as_of");
  out.String(FormatDate(as_of));
  out.Key("accounts");
  WriteAccountRows(out, snap, rows, 0, rows.size());
  out.EndObject();
}

// {"as_of", "total", "limit", "offset", "accounts": [ROW, ...]}: GET /api/v1/accounts.
// `header` has as_of, total, limit and offset (service::AccountPageHeader).
template <typename Out, typename Header>
void WriteAccountPage(Out& out, const snapshot::Snapshot& snap, const Header& header,
                      const std::vector<analytics::AccountRow>& rows, size_t begin, size_t end) {
  out.BeginObject();
  out.Key("as_of");
  out.String(FormatDate(header.as_of));
  out.Key("total");
  out.Int(header.total);
  out.Key("limit");
  out.Int(header.limit);
  out.Key("offset");
  out.Int(header.offset);
  out.Key("accounts");
  WriteAccountRows(out, snap, rows, begin, end);
  out.EndObject();
}

}  // namespace bw::service::internal
