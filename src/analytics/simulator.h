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
  // 0..1 of the `from` accounts before any move (and of their TTM); the moves out of one
  // category add up to at most 1.
  double share = 0;
};

struct SimulationScenario {
  std::vector<CategoryMove> moves;
  std::optional<double> target_account_nps;  // adds the moves that reach it
};

// The projection's groups: the four categories, then `new`: accounts created less than
// 12 months before the group's date (metrics.md: young accounts grow fast whatever they
// answered). Index = the Category's value; kNewGroup for `new`.
inline constexpr size_t kSimulationGroups = 5;
inline constexpr size_t kNewGroup = 4;

// What a group's NRR was measured on: its accounts at T - 12 months (active then and in the
// retention cohort), their revenue in the 12 months before T - 12 months and in the 12
// after, and their mean age at T - 12 months (of those whose created_on is known).
struct GroupBasis {
  int64_t accounts = 0;
  Cents revenue_then = 0;
  Cents revenue_now = 0;
  std::optional<double> mean_age_months;
};

struct SimulationReport {
  // By group (detractor, passive, promoter, non_responder, new).
  std::array<std::optional<double>, kSimulationGroups> nrr_by_group;  // observed, last 12 months
  std::array<double, kSimulationGroups> nrr_used{};  // after the fallback for undefined ones
  std::array<GroupBasis, kSimulationGroups> basis{};
  std::optional<double> overall_nrr;                  // of all groups together
  std::array<int64_t, kSimulationGroups> accounts{};  // active now, by group
  std::array<Cents, kSimulationGroups> ttm{};
  double baseline_projected = 0;    // currency units
  std::vector<CategoryMove> moves;  // the given moves plus those a target NPS needs
  // The account NPS over every active account's category (young ones included, as in the
  // summary), before and after the moves.
  std::optional<double> account_nps_before, account_nps_after;
  std::array<double, kSimulationGroups> scenario_accounts{};  // after the moves (fractional)
  double scenario_projected = 0;
  double change() const { return scenario_projected - baseline_projected; }
};

// Errors: kInvalidArgument for a share outside 0..1, moves out of one category adding up
// to more than 1, or a target NPS outside -100..100. A move shifts the share of the
// category's accounts in the account NPS and the share of its TTM between category
// groups; young accounts stay in `new` for the projection whatever their category.
Result<SimulationReport> Simulate(const Snapshot& snap, const AccountFacts& facts,
                                  const MetricParams& params, const SimulationScenario& scenario);
// The same with the categories as of PriorCategoryDay(T) already computed.
Result<SimulationReport> Simulate(const Snapshot& snap, const AccountFacts& facts,
                                  const std::vector<Category>& prior_category,
                                  const SimulationScenario& scenario);

}  // namespace bw::analytics
