#include "service/account_json.h"

#include "service/internal/account_json_fields.h"
#include "service/internal/json_dom_builder.h"
#include "service/internal/json_values.h"

namespace bw::service {
namespace {

using internal::Money;
using internal::OptionalDay;
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

// metrics.md, The account row (fields in internal/account_json_fields.h).
ordered_json AccountRowToJson(const snapshot::Snapshot& snap, const analytics::AccountRow& row) {
  internal::JsonDomBuilder dom;
  internal::WriteAccountRow(dom, snap, row);
  return std::move(dom).Take();
}

ordered_json AccountListToJson(const snapshot::Snapshot& snap, Day as_of,
                               const std::vector<analytics::AccountRow>& rows) {
  internal::JsonDomBuilder dom;
  internal::WriteAccountList(dom, snap, as_of, rows);
  return std::move(dom).Take();
}

void WriteAccountRowJson(JsonWriter& out, const snapshot::Snapshot& snap,
                         const analytics::AccountRow& row) {
  internal::WriteAccountRow(out, snap, row);
}

void WriteAccountRowsJson(JsonWriter& out, const snapshot::Snapshot& snap,
                          const std::vector<analytics::AccountRow>& rows, size_t begin,
                          size_t end) {
  internal::WriteAccountRows(out, snap, rows, begin, end);
}

std::string AccountListJsonText(const snapshot::Snapshot& snap, Day as_of,
                                const std::vector<analytics::AccountRow>& rows) {
  std::string text;
  // About 940 bytes per row with the generator's names; one reservation, not a doubling
  // series of copies of a 100 MB string.
  text.reserve(64 + rows.size() * 1024);
  JsonWriter out(&text);
  internal::WriteAccountList(out, snap, as_of, rows);
  text.push_back('\n');
  return text;
}

void WriteAccountPageJson(JsonWriter& out, const snapshot::Snapshot& snap,
                          const AccountPageHeader& header,
                          const std::vector<analytics::AccountRow>& rows, size_t begin,
                          size_t end) {
  internal::WriteAccountPage(out, snap, header, rows, begin, end);
}

void WriteMatrixPointsJson(JsonWriter& out, const snapshot::Snapshot& snap, Day as_of,
                           const std::vector<analytics::AccountRow>& rows) {
  out.BeginObject();
  out.Key("as_of");
  out.String(FormatDate(as_of));
  out.Key("columns");
  out.BeginArray();
  for (const char* column : {"account_id", "name", "tier", "ttm", "score", "quadrant"}) {
    out.String(column);
  }
  out.EndArray();
  out.Key("points");
  out.BeginArray();
  for (const analytics::AccountRow& row : rows) {
    const analytics::AccountBasics& b = row.basics;
    out.BeginArray();
    out.String(snap.account_id[b.account]);
    out.String(snap.account_name[b.account]);
    out.String(analytics::TierName(b.tier));
    out.Double(Money(b.ttm));
    internal::WriteOptionalNumber(out, b.score);
    out.String(analytics::QuadrantName(b.quadrant));
    out.EndArray();
  }
  out.EndArray();
  out.EndObject();
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
