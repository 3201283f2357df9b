#include "service/account_json.h"

#include "analytics/engagement_classes.h"
#include "service/internal/account_flags.h"
#include "service/internal/json_values.h"

namespace bw::service {
namespace {

using analytics::AccountBasics;
using internal::Money;
using internal::OptionalDay;
using internal::OptionalNumber;
using internal::OptionalText;
using nlohmann::ordered_json;

ordered_json ResponseJson(const snapshot::Snapshot& snap, int32_t r) {
  if (r == snapshot::kNone) return nullptr;
  std::vector<std::string> drivers;
  for (int32_t d : snap.DriversOf(static_cast<uint32_t>(r)))
    drivers.push_back(snap.driver_names[d]);
  const int32_t survey = snap.response_survey[r];
  return {{"response_id", snap.response_id[r]},
          {"responded_on", FormatDate(snap.response_day[r])},
          {"survey_id", survey == snapshot::kNone ? ordered_json(nullptr)
                                                  : ordered_json(snap.survey_names[survey])},
          {"score", snap.response_score[r]},
          {"category", CategoryName(CategoryOfScore(snap.response_score[r]))},
          {"comment", snap.response_comment.empty() ? "" : snap.response_comment[r]},
          {"drivers", drivers}};
}

}  // namespace

// metrics.md, The account row.
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
  j["score"] = OptionalNumber(b.score);
  j["category"] = CategoryName(b.category);
  j["answers"] = b.answers;
  j["quadrant"] = analytics::QuadrantName(b.quadrant);
  j["action"] = analytics::QuadrantAction(b.quadrant);
  j["contacts"] = {{"current", b.contacts_current},
                   {"decision_maker", b.contacts_by_role[0]},
                   {"influencer", b.contacts_by_role[1]},
                   {"user", b.contacts_by_role[2]}};
  j["flags"] = internal::FlagNames(b);
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
      {"score", OptionalNumber(row.health.score)},
      {"colour", row.health.score ? ordered_json(analytics::HealthColourName(row.health.colour))
                                  : ordered_json(nullptr)},
      {"change_90d", OptionalNumber(change)}};
  j["engagement_class"] = analytics::EngagementClassName(analytics::EngagementClassOf(b));
  return j;
}

ordered_json AccountListToJson(const snapshot::Snapshot& snap, Day as_of,
                               const std::vector<analytics::AccountRow>& rows) {
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  j["accounts"] = ordered_json::array();
  for (const analytics::AccountRow& row : rows)
    j["accounts"].push_back(AccountRowToJson(snap, row));
  return j;
}

ordered_json Account360ToJson(const snapshot::Snapshot& snap, const analytics::Account360& v,
                              Day as_of) {
  const analytics::AccountIndex a = v.account;
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  j["account"] = {{"account_id", snap.account_id[a]},
                  {"name", snap.account_name[a]},
                  {"owner", OptionalText(snap.owner[a])},
                  {"industry", OptionalText(snap.industry[a])},
                  {"region", OptionalText(snap.region[a])},
                  {"acquisition", OptionalText(std::string(AcquisitionName(snap.acquisition[a])))},
                  {"created_on", OptionalDay(snap.created_on[a])},
                  {"churned_on", OptionalDay(snap.churned_on[a])},
                  {"active", v.active}};
  j["row"] = v.row ? AccountRowToJson(snap, *v.row) : ordered_json(nullptr);
  if (v.health) {
    ordered_json components = ordered_json::array();
    for (const analytics::HealthComponent& c : v.health->components) {
      components.push_back({{"name", c.name},
                            {"raw", c.raw ? ordered_json(*c.raw) : ordered_json(nullptr)},
                            {"normalised", c.normalised},
                            {"weight", c.weight},
                            {"contribution", c.contribution},
                            {"used", c.used}});
    }
    j["health_components"] = components;
  }
  ordered_json stakeholders = ordered_json::array();
  for (const analytics::StakeholderEntry& e : v.stakeholders) {
    const analytics::ContactIndex c = e.contact;
    const bool answered = e.latest_response != snapshot::kNone;
    stakeholders.push_back(
        {{"contact_id", snap.contact_id[c]},
         {"name",
          snap.contact_name.empty() ? ordered_json(nullptr) : OptionalText(snap.contact_name[c])},
         {"email",
          snap.contact_email.empty() ? ordered_json(nullptr) : OptionalText(snap.contact_email[c])},
         {"role", RoleName(snap.contact_role[c])},
         {"current", e.current},
         {"left_on", OptionalDay(snap.contact_left_on[c])},
         {"score",
          answered ? ordered_json(snap.response_score[e.latest_response]) : ordered_json(nullptr)},
         {"category", answered ? ordered_json(CategoryName(
                                     CategoryOfScore(snap.response_score[e.latest_response])))
                               : ordered_json(nullptr)},
         {"trend",
          e.trend ? ordered_json(analytics::ScoreTrendName(*e.trend)) : ordered_json(nullptr)}});
  }
  j["stakeholders"] = stakeholders;
  ordered_json revenue = ordered_json::array();
  for (const analytics::MonthRevenue& m : v.revenue) {
    revenue.push_back({{"month", FormatMonth(m.month)}, {"amount", Money(m.cents)}});
  }
  j["revenue"] = revenue;
  ordered_json responses = ordered_json::array();
  for (const analytics::ResponseRef& ref : v.responses) {
    ordered_json response = ResponseJson(snap, static_cast<int32_t>(ref.response));
    response["contact_id"] = snap.contact_id[ref.contact];
    responses.push_back(response);
  }
  j["responses"] = responses;
  ordered_json touchpoints = ordered_json::array();
  for (uint32_t t : v.touchpoints) {
    const analytics::ContactIndex c = snap.touchpoint_contact[t];
    touchpoints.push_back(
        {{"occurred_on", FormatDate(snap.touchpoint_day[t])},
         {"type", TouchpointTypeName(snap.touchpoint_type[t])},
         {"contact_id",
          c == snapshot::kNone ? ordered_json(nullptr) : ordered_json(snap.contact_id[c])}});
  }
  j["touchpoints"] = touchpoints;
  ordered_json signals = ordered_json::object();
  for (const analytics::SignalSeries& s : v.signals) {
    ordered_json series = ordered_json::array();
    for (uint32_t o : s.observations) {
      series.push_back(
          {{"observed_on", FormatDate(snap.signal_day[o])}, {"value", snap.signal_value[o]}});
    }
    signals[snap.signal_names[s.signal]] = series;
  }
  j["signals"] = signals;
  return j;
}

}  // namespace bw::service
