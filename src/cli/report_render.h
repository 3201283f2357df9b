// Every `bellwether report` for people and for scripts: the table text, and the report
// object of shared/spec/metrics.md ("Report objects"; docs/reports.md) as the service
// module encodes it (service/report_json.h), side by side.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analytics/drivers.h"
#include "analytics/engagement_classes.h"
#include "analytics/engagement_reports.h"
#include "analytics/health_check.h"
#include "analytics/lifecycle.h"
#include "analytics/retention.h"
#include "analytics/simulator.h"

namespace bw::cli {

struct RenderedReport {
  nlohmann::ordered_json json;  // the service encoder's object (--format json)
  std::string table;            // text for people (--format table)
};

RenderedReport RenderMatrix(Day as_of, const analytics::MatrixReport& report);
RenderedReport RenderLifecycle(Day as_of, double pareto, const analytics::LifecycleReport& report);
RenderedReport RenderDrivers(Day as_of, const analytics::DriversReport& report);
RenderedReport RenderRetention(Day as_of, const analytics::RetentionFigures& overall,
                               const analytics::RetentionSegments& segments);
// The table lists every silent and overloaded account, or the first `limit` (0: all).
RenderedReport RenderTouchpoints(const snapshot::Snapshot& snap, Day as_of,
                                 const analytics::MetricParams& params,
                                 const analytics::TouchpointsReport& report,
                                 analytics::ReportRows rows, size_t limit);
RenderedReport RenderResponses(const snapshot::Snapshot& snap, Day as_of,
                               const analytics::ResponsesReport& report,
                               analytics::ReportRows rows);
RenderedReport RenderSimulation(Day as_of, const analytics::SimulationReport& report);
RenderedReport RenderHealthCheck(Day as_of, const analytics::HealthCheckReport& report);
RenderedReport RenderCampaign(Day as_of, const analytics::CampaignReport& report);

}  // namespace bw::cli
