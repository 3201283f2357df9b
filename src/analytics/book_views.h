// Every view of the book of business as of one date, as a dashboard refresh shows them:
// the summary, the account rows with health, and the reports of issue 4. Computed
// together, they share the facts of each date they need (T; T - 90 days for the health
// change; T - 180 days for the health check; the campaign's classification day; the
// categories of T - 12 months), and the views are computed side by side on the cores.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/account_rows.h"
#include "analytics/drivers.h"
#include "analytics/engagement_classes.h"
#include "analytics/engagement_reports.h"
#include "analytics/health_check.h"
#include "analytics/lifecycle.h"
#include "analytics/retention.h"
#include "analytics/simulator.h"
#include "analytics/summary.h"
#include "core/status.h"

namespace bw::analytics {

struct BookViewsRequest {
  Day as_of = 0;
  SimulationScenario scenario;  // the simulator's moves; none: the baseline only
  // The engagement-class campaign: baseline and follow-up survey waves (survey_id).
  // Without them there is no campaign report.
  struct CampaignWaves {
    std::string baseline, followup;
  };
  std::optional<CampaignWaves> campaign;
};

struct BookViews {
  Summary summary;
  std::vector<AccountRow> rows;  // every active account, in Pareto order
  MatrixReport matrix;
  LifecycleReport lifecycle;
  DriversReport drivers;
  RetentionSegments retention_segments;
  TouchpointsReport touchpoints;  // its accounts are positions in `rows`
  ResponsesReport responses;      // its accounts are positions in `rows`
  SimulationReport simulation;
  HealthCheckReport health_check;
  std::optional<CampaignReport> campaign;
};

// Errors: kInvalidArgument for a bad scenario; kNotFound for an unknown campaign wave.
Result<BookViews> ComputeBookViews(const Snapshot& snap, const BookViewsRequest& request,
                                   const MetricParams& params, const HealthConfig& health);

}  // namespace bw::analytics
