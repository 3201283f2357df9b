#include "service/report_json.h"

#include <algorithm>

#include "service/internal/json_values.h"
#include "service/summary_json.h"

namespace bw::service {
namespace {

using internal::Money;
using internal::OptionalNumber;
using internal::OptionalText;
using nlohmann::ordered_json;

constexpr Category kCategoryOrder[] = {Category::kPromoter, Category::kPassive,
                                       Category::kDetractor, Category::kNonResponder};

ordered_json Cell(const analytics::AccountsAndRevenue& cell) {
  return {{"accounts", cell.accounts}, {"ttm", Money(cell.ttm)}};
}

ordered_json Rate(const analytics::ResponseRate& rate) {
  return {{"sent", rate.sent}, {"answered", rate.answered}, {"rate", OptionalNumber(rate.rate())}};
}

// The short form of an account in report lists.
ordered_json AccountBrief(const snapshot::Snapshot& snap, const analytics::AccountBasics& b) {
  return {{"account_id", snap.account_id[b.account]},
          {"name", snap.account_name[b.account]},
          {"owner", OptionalText(snap.owner[b.account])},
          {"tier", analytics::TierName(b.tier)},
          {"ttm", Money(b.ttm)}};
}

}  // namespace

ordered_json MatrixToJson(Day as_of, const analytics::MatrixReport& report) {
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  j["quadrants"] = ordered_json::object();
  for (int q = 0; q < analytics::kQuadrantCount; ++q) {
    const auto quadrant = static_cast<analytics::Quadrant>(q);
    j["quadrants"][std::string(analytics::QuadrantName(quadrant))] = Cell(report.quadrants[q]);
  }
  return j;
}

ordered_json LifecycleToJson(Day as_of, const analytics::LifecycleReport& report) {
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  ordered_json pareto, rest;
  for (Category c : kCategoryOrder) {
    const size_t slot = static_cast<size_t>(c);
    pareto[std::string(CategoryName(c))] = Cell(report.pareto[slot]);
    rest[std::string(CategoryName(c))] = Cell(report.rest[slot]);
  }
  j["pareto"] = pareto;
  j["rest"] = rest;
  auto movement = [](const analytics::ContactMovement& m) {
    return ordered_json{{"contacts", m.contacts}, {"ttm", Money(m.ttm)}};
  };
  j["climbers"] = movement(report.climbers);
  j["fallers"] = movement(report.fallers);
  j["steady"] = movement(report.steady);
  return j;
}

ordered_json DriversToJson(Day as_of, const analytics::DriversReport& report) {
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  j["drivers"] = ordered_json::array();
  for (const analytics::DriverFigures& d : report.drivers) {
    j["drivers"].push_back({{"driver", d.driver},
                            {"mentions", d.mentions},
                            {"promoter", d.promoter},
                            {"passive", d.passive},
                            {"detractor", d.detractor},
                            {"nps", OptionalNumber(d.nps)},
                            {"detractor_revenue", d.detractor_revenue}});
  }
  j["priority_by_nps"] = report.priority_by_nps;
  j["priority_by_revenue"] = report.priority_by_revenue;
  return j;
}

std::array<RetentionSegmentGroup, 4> RetentionSegmentGroups(
    const analytics::RetentionSegments& segments) {
  return {{{"industry", &segments.industry},
           {"region", &segments.region},
           {"owner", &segments.owner},
           {"prior_category", &segments.prior_category}}};
}

ordered_json RetentionReportToJson(Day as_of, const analytics::RetentionFigures& overall,
                                   const analytics::RetentionSegments& segments) {
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  // A named object: items() refers into it and must not outlive it.
  const ordered_json overall_json = RetentionToJson(overall);
  for (const auto& [key, value] : overall_json.items()) j[key] = value;
  ordered_json segments_json;
  for (const auto& [group, figures] : RetentionSegmentGroups(segments)) {
    segments_json[group] = ordered_json::object();
    for (const auto& [value, r] : *figures) segments_json[group][value] = RetentionToJson(r);
  }
  j["segments"] = segments_json;
  return j;
}

ordered_json TouchpointsToJson(const snapshot::Snapshot& snap, Day as_of,
                               const analytics::TouchpointsReport& report,
                               analytics::ReportRows rows) {
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  j["active_accounts"] = report.active_accounts;
  j["support_tickets_90d"] = report.support_tickets_90d;
  j["marketing_emails_30d"] = report.marketing_emails_30d;
  ordered_json silent = ordered_json::array(), overloaded = ordered_json::array();
  for (const analytics::RowIndex i : report.silent) {
    const analytics::AccountBasics& b = rows[i];
    ordered_json account = AccountBrief(snap, b);
    account["days_since_last"] = b.touchpoints.days_since_last
                                     ? ordered_json(*b.touchpoints.days_since_last)
                                     : ordered_json(nullptr);
    silent.push_back(account);
  }
  for (const analytics::RowIndex i : report.overloaded) {
    const analytics::AccountBasics& b = rows[i];
    ordered_json account = AccountBrief(snap, b);
    account["marketing_emails_30d"] = b.touchpoints.marketing_emails_30d;
    overloaded.push_back(account);
  }
  j["silent"] = {
      {"accounts", report.silent.size()}, {"ttm", Money(report.silent_ttm)}, {"list", silent}};
  j["overloaded"] = {{"accounts", report.overloaded.size()},
                     {"ttm", Money(report.overloaded_ttm)},
                     {"list", overloaded}};
  return j;
}

ordered_json ResponsesToJson(const snapshot::Snapshot& snap, Day as_of,
                             const analytics::ResponsesReport& report, analytics::ReportRows rows,
                             const std::optional<ListPage>& page) {
  // The part of a list of `size` entries that is shown: all, or the page.
  auto shown = [&page](size_t size) -> std::pair<size_t, size_t> {
    if (!page) return {0, size};
    const size_t begin = std::min(size, static_cast<size_t>(std::max<int64_t>(0, page->offset)));
    const size_t count = static_cast<size_t>(std::max<int64_t>(0, page->limit));
    return {begin, begin + std::min(count, size - begin)};
  };
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  j["overall"] = Rate(report.overall);
  j["by_wave"] = ordered_json::array();
  for (const analytics::WaveResponses& w : report.waves) {
    ordered_json wave = {{"survey_id", w.survey_id}, {"first_sent", FormatDate(w.first_sent)}};
    const ordered_json rate = Rate(w.rate);
    for (const auto& [k, v] : rate.items()) wave[k] = v;
    j["by_wave"].push_back(wave);
  }
  j["by_role"] = ordered_json::object();
  for (int r = 0; r < kRoleCount; ++r) {
    j["by_role"][std::string(RoleName(static_cast<Role>(r)))] = Rate(report.by_role[r]);
  }
  if (page) {
    j["total"] = report.accounts.size();
    j["limit"] = page->limit;
    j["offset"] = page->offset;
  }
  j["by_account"] = ordered_json::array();
  const auto [first, last] = shown(report.accounts.size());
  for (size_t i = first; i < last; ++i) {
    const analytics::AccountBasics& b = rows[report.accounts[i]];
    ordered_json account = AccountBrief(snap, b);
    const ordered_json rate = Rate({b.invitations.sent, b.invitations.answered});
    for (const auto& [k, v] : rate.items()) account[k] = v;
    j["by_account"].push_back(account);
  }
  ordered_json never = ordered_json::array();
  const auto [never_first, never_last] = shown(report.never_answering.size());
  for (size_t i = never_first; i < never_last; ++i)
    never.push_back(AccountBrief(snap, rows[report.never_answering[i]]));
  j["never_answering"] = {{"accounts", report.never_answering.size()},
                          {"ttm", Money(report.never_answering_ttm)},
                          {"list", never}};
  return j;
}

ordered_json SimulationToJson(Day as_of, const analytics::SimulationReport& r) {
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  j["overall_nrr"] = OptionalNumber(r.overall_nrr);
  ordered_json groups;
  auto group = [&r](size_t g) {
    const analytics::GroupBasis& b = r.basis[g];
    return ordered_json{{"accounts", r.accounts[g]},
                        {"ttm", Money(r.ttm[g])},
                        {"nrr", OptionalNumber(r.nrr_by_group[g])},
                        {"nrr_used", r.nrr_used[g]},
                        {"accounts_after", r.scenario_accounts[g]},
                        {"basis",
                         {{"accounts", b.accounts},
                          {"revenue_then", Money(b.revenue_then)},
                          {"revenue_now", Money(b.revenue_now)},
                          {"mean_age_months", OptionalNumber(b.mean_age_months)}}}};
  };
  for (Category c : kCategoryOrder) {
    groups[std::string(CategoryName(c))] = group(static_cast<size_t>(c));
  }
  groups["new"] = group(analytics::kNewGroup);
  j["groups"] = groups;
  j["baseline"] = {{"projected", r.baseline_projected}};
  ordered_json moves = ordered_json::array();
  for (const analytics::CategoryMove& m : r.moves) {
    moves.push_back(
        {{"from", CategoryName(m.from)}, {"to", CategoryName(m.to)}, {"share", m.share}});
  }
  j["scenario"] = {{"moves", moves},
                   {"account_nps_before", OptionalNumber(r.account_nps_before)},
                   {"account_nps_after", OptionalNumber(r.account_nps_after)},
                   {"projected", r.scenario_projected}};
  j["change"] = r.change();
  return j;
}

ordered_json HealthCheckToJson(Day as_of, const analytics::HealthCheckReport& r) {
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  j["scored_on"] = FormatDate(r.scored_on);
  j["accounts"] = r.accounts;
  j["churned"] = r.churned;
  j["unscored"] = r.unscored;
  j["auc"] = OptionalNumber(r.auc);
  j["verdict"] = r.verdict();
  ordered_json colours;
  for (int c = 0; c < 3; ++c) {
    const analytics::ColourChurn& cc = r.by_colour[c];
    colours[std::string(analytics::HealthColourName(static_cast<analytics::HealthColour>(c)))] = {
        {"accounts", cc.accounts},
        {"churned", cc.churned},
        {"churn_rate", OptionalNumber(cc.churn_rate())}};
  }
  j["by_colour"] = colours;
  ordered_json components = ordered_json::array();
  for (const auto& c : r.by_component) {
    components.push_back(
        {{"name", c.name}, {"accounts", c.accounts}, {"auc", OptionalNumber(c.auc)}});
  }
  j["by_component"] = components;
  return j;
}

ordered_json CampaignToJson(Day as_of, const analytics::CampaignReport& r) {
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  j["baseline"] = r.baseline_wave;
  j["followup"] = r.followup_wave;
  j["classified_on"] = FormatDate(r.classified_on);
  auto wave = [](const analytics::WaveNps& w) {
    return ordered_json{{"answers", w.counts.total()},
                        {"nps", OptionalNumber(w.nps())},
                        {"margin", OptionalNumber(w.margin())}};
  };
  ordered_json classes;
  for (int c = 0; c < 4; ++c) {
    const auto cls = static_cast<analytics::EngagementClass>(c);
    const analytics::CampaignClass& k = r.classes[c];
    std::optional<double> change;
    if (k.baseline.nps() && k.followup.nps()) change = *k.followup.nps() - *k.baseline.nps();
    classes[std::string(analytics::EngagementClassName(cls))] = {
        {"accounts", k.accounts},
        {"ttm", Money(k.ttm)},
        {"campaign", analytics::EngagementClassCampaign(cls)},
        {"baseline", wave(k.baseline)},
        {"followup", wave(k.followup)},
        {"change", OptionalNumber(change)}};
  }
  j["classes"] = classes;
  return j;
}

}  // namespace bw::service
