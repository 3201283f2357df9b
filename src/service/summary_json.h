// The summary object of shared/spec/metrics.md ("The summary object") as JSON: what
// `bellwether metrics --format json` prints and `GET /api/v1/metrics/summary` answers.
#pragma once

#include <nlohmann/json.hpp>

#include "analytics/retention.h"
#include "analytics/summary.h"

namespace bw::service {

// The summary object, keys in the spec's order; undefined figures are null.
nlohmann::ordered_json SummaryToJson(const analytics::Summary& summary);

// The eight retention keys of the summary (cohort, logo_churn, revenue_churn, grr, nrr,
// enc, bnc, egr), in the spec's order; also the figures of each retention segment.
nlohmann::ordered_json RetentionToJson(const analytics::RetentionFigures& figures);

}  // namespace bw::service
