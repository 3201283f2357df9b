// Renders the summary object: JSON exactly as shared/spec/metrics.md ("The summary object")
// and a table for people.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analytics/summary.h"

namespace bw::cli {

// Revenue coverage below this share triggers the "blind flight" warning (docs/metrics.md).
inline constexpr double kBlindFlightCoverage = 0.5;

nlohmann::ordered_json SummaryToJson(const analytics::Summary& summary);
std::string SummaryToTable(const analytics::Summary& summary, double pareto_share);

}  // namespace bw::cli
