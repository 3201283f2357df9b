// The summary as a table for people (`bellwether metrics`); its JSON, the summary object of
// shared/spec/metrics.md, is service::SummaryToJson (service/summary_json.h).
#pragma once

#include <string>

#include "analytics/summary.h"

namespace bw::cli {

// Revenue coverage below this share triggers the "blind flight" warning (docs/metrics.md).
inline constexpr double kBlindFlightCoverage = 0.5;

std::string SummaryToTable(const analytics::Summary& summary, double pareto_share);

}  // namespace bw::cli
