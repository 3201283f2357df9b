// Drivers (root cause) of shared/spec/metrics.md, "Drivers": what respondents name as the
// reasons for their score, counted and weighted by revenue, with two priority rankings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/account_facts.h"

namespace bw::analytics {

struct DriverFigures {
  std::string driver;
  int64_t mentions = 0;
  int64_t promoter = 0, passive = 0, detractor = 0;
  std::optional<double> nps;
  double detractor_revenue = 0;  // in currency units
};

struct DriversReport {
  std::vector<DriverFigures> drivers;            // sorted by name
  std::vector<std::string> priority_by_nps;      // detractor mentions, highest first
  std::vector<std::string> priority_by_revenue;  // detractor revenue weight, highest first
};

DriversReport ComputeDrivers(const Snapshot& snap, const AccountFacts& facts);

}  // namespace bw::analytics
