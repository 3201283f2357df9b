// The revenue simulator (shared/spec/metrics.md, "Revenue simulator"): projects the next
// 12 months of revenue from each loyalty category's observed net revenue retention, and
// shows what moving accounts between categories would be worth. docs/reports.md defines
// the choices the spec leaves open.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "analytics/account_facts.h"
#include "core/status.h"

namespace bw::analytics {

struct CategoryMove {
  Category from = Category::kDetractor;
  Category to = Category::kPassive;
  double share = 0;  // 0..1 of the `from` accounts (and of their TTM)
};

struct SimulationScenario {
  std::vector<CategoryMove> moves;
  std::optional<double> target_account_nps;  // adds the moves that reach it
};

struct SimulationReport {
  // By Category (detractor, passive, promoter, non_responder).
  std::array<std::optional<double>, 4> nrr_by_category;  // observed over the last 12 months
  std::array<double, 4> nrr_used{};                      // after the fallback for undefined ones
  std::optional<double> overall_nrr;                     // of all groups together
  std::array<int64_t, 4> accounts{};                     // active now, by category
  std::array<Cents, 4> ttm{};
  double baseline_projected = 0;    // currency units
  std::vector<CategoryMove> moves;  // the given moves plus those a target NPS needs
  std::optional<double> account_nps_before, account_nps_after;
  std::array<double, 4> scenario_accounts{};  // after the moves (fractional)
  double scenario_projected = 0;
  double change() const { return scenario_projected - baseline_projected; }
};

// Errors: kInvalidArgument for a share outside 0..1 or a target NPS outside -100..100.
Result<SimulationReport> Simulate(const Snapshot& snap, const AccountFacts& facts,
                                  const MetricParams& params, const SimulationScenario& scenario);
// The same with the categories as of PriorCategoryDay(T) already computed.
Result<SimulationReport> Simulate(const Snapshot& snap, const AccountFacts& facts,
                                  const std::vector<Category>& prior_category,
                                  const SimulationScenario& scenario);

}  // namespace bw::analytics
