// The report objects of shared/spec/metrics.md ("Report objects"; docs/reports.md) as JSON:
// what `bellwether report NAME --format json` prints and `GET /api/v1/reports/NAME` answers.
// One encoder per report; each object starts with "as_of". Pure functions of their
// arguments; the snapshot is only read (for account ids and names).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "analytics/drivers.h"
#include "analytics/engagement_classes.h"
#include "analytics/engagement_reports.h"
#include "analytics/health_check.h"
#include "analytics/lifecycle.h"
#include "analytics/retention.h"
#include "analytics/simulator.h"
#include "snapshot/snapshot.h"

namespace bw::service {

// `matrix`: {"as_of", "quadrants": {QUADRANT: {"accounts", "ttm"}}}, all seven quadrants.
nlohmann::ordered_json MatrixToJson(Day as_of, const analytics::MatrixReport& report);

// `lifecycle`: Pareto set and rest by category; climbers, fallers, steady contacts.
nlohmann::ordered_json LifecycleToJson(Day as_of, const analytics::LifecycleReport& report);

// `drivers`: one entry per driver (sorted by name) and the two priority lists.
nlohmann::ordered_json DriversToJson(Day as_of, const analytics::DriversReport& report);

// `retention`: the eight retention keys of the whole book, flat next to "as_of", plus
// "segments" by industry, region, owner and prior category.
nlohmann::ordered_json RetentionReportToJson(Day as_of, const analytics::RetentionFigures& overall,
                                             const analytics::RetentionSegments& segments);

// The four segment groups of the retention report, named as in its "segments" object and in
// the spec's order: industry, region, owner, prior_category. The pointers point into
// `segments`, which must outlive the result.
using RetentionSegmentGroup =
    std::pair<const char*, const std::map<std::string, analytics::RetentionFigures>*>;
std::array<RetentionSegmentGroup, 4> RetentionSegmentGroups(
    const analytics::RetentionSegments& segments);

// `touchpoints`: silent and overloaded accounts (with their lists) and ticket counts;
// `rows`: those the report was computed from.
nlohmann::ordered_json TouchpointsToJson(const snapshot::Snapshot& snap, Day as_of,
                                         const analytics::TouchpointsReport& report,
                                         analytics::ReportRows rows);

// A page of a report's account lists (api.md, Conventions: lists take limit and offset).
struct ListPage {
  int64_t limit = 100;
  int64_t offset = 0;
};

// `responses`: response rates overall, by wave, by role and by account; accounts invited
// but never answering; `rows`: those the report's accounts were taken from. With `page`
// (the API; docs/api.md) the two account lists hold only the entries [offset, offset +
// limit) and the object says "total" (accounts in by_account), "limit" and "offset";
// without it (the CLI) they are whole.
nlohmann::ordered_json ResponsesToJson(const snapshot::Snapshot& snap, Day as_of,
                                       const analytics::ResponsesReport& report,
                                       analytics::ReportRows rows,
                                       const std::optional<ListPage>& page = std::nullopt);

// `simulate`: groups by category, baseline and scenario projections, their change.
nlohmann::ordered_json SimulationToJson(Day as_of, const analytics::SimulationReport& report);

// `health-check`: ROC AUC and verdict, churn by colour and by component.
nlohmann::ordered_json HealthCheckToJson(Day as_of, const analytics::HealthCheckReport& report);

// `campaign`: baseline and follow-up NPS by engagement class.
nlohmann::ordered_json CampaignToJson(Day as_of, const analytics::CampaignReport& report);

}  // namespace bw::service
