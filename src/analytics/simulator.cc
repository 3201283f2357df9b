#include "analytics/simulator.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "analytics/retention.h"

namespace bw::analytics {
namespace {

size_t Slot(Category c) { return static_cast<size_t>(c); }

std::optional<double> AccountNps(const std::array<double, 4>& accounts) {
  const double promoters = accounts[Slot(Category::kPromoter)];
  const double detractors = accounts[Slot(Category::kDetractor)];
  const double responding = promoters + detractors + accounts[Slot(Category::kPassive)];
  if (responding <= 0) return std::nullopt;
  return 100.0 * (promoters - detractors) / responding;
}

// Moves that lift the account NPS to `target`: detractors to passives first (the cheaper
// step for an account team), then passives to promoters. `accounts` are the category
// counts after the moves already given, `left` what is left of each category's accounts
// before any move (those not moved out yet); shares are of `before`, the counts before any
// move, so that all moves out of a category add up to at most 1.
std::vector<CategoryMove> MovesToTarget(std::array<double, 4> accounts,
                                        const std::array<double, 4>& before,
                                        const std::array<double, 4>& left, double target) {
  std::vector<CategoryMove> moves;
  const double responding = accounts[Slot(Category::kPromoter)] +
                            accounts[Slot(Category::kPassive)] +
                            accounts[Slot(Category::kDetractor)];
  const std::optional<double> now = AccountNps(accounts);
  if (!now || *now >= target) return moves;
  // Each account moved one step up raises the NPS by 100 / responding points.
  double steps = (target - *now) * responding / 100.0;
  for (auto [from, to] : {std::pair{Category::kDetractor, Category::kPassive},
                          std::pair{Category::kPassive, Category::kPromoter}}) {
    const double available = left[Slot(from)];
    if (steps <= 0 || available <= 0) continue;
    const double moved = std::min(steps, available);
    moves.push_back({from, to, moved / before[Slot(from)]});
    accounts[Slot(from)] -= moved;
    accounts[Slot(to)] += moved;
    steps -= moved;
  }
  return moves;
}

Status CheckScenario(const SimulationScenario& scenario) {
  std::array<double, 4> taken{};
  for (const CategoryMove& m : scenario.moves) {
    if (!(m.share >= 0 && m.share <= 1)) {
      return InvalidArgument("move " + std::string(CategoryName(m.from)) + ":" +
                             std::string(CategoryName(m.to)) + ": share must be from 0 to 1");
    }
    taken[Slot(m.from)] += m.share;
  }
  for (size_t c = 0; c < 4; ++c) {
    // A tolerance for shares written as decimals (0.7 + 0.3).
    if (taken[c] > 1 + 1e-9) {
      return InvalidArgument("the moves out of " +
                             std::string(CategoryName(static_cast<Category>(c))) + " add up to " +
                             std::to_string(static_cast<int>(std::lround(taken[c] * 100))) +
                             " % of its accounts; at most 100 % can move");
    }
  }
  if (scenario.target_account_nps &&
      !(*scenario.target_account_nps >= -100 && *scenario.target_account_nps <= 100)) {
    return InvalidArgument("target NPS must be from -100 to 100");
  }
  return Status::Ok();
}

// Created less than 12 months before `day` (metrics.md, Revenue simulator: group `new`).
bool YoungOn(const Snapshot& snap, AccountIndex a, Day day) {
  return snap.created_on[a] != kNoDay && snap.created_on[a] > AddMonths(day, -12);
}

}  // namespace

Result<SimulationReport> Simulate(const Snapshot& snap, const AccountFacts& facts,
                                  const MetricParams& params, const SimulationScenario& scenario) {
  return Simulate(snap, facts, AccountCategoriesAsOf(snap, PriorCategoryDay(facts.as_of), params),
                  scenario);
}

Result<SimulationReport> Simulate(const Snapshot& snap, const AccountFacts& facts,
                                  const std::vector<Category>& prior,
                                  const SimulationScenario& scenario) {
  BW_RETURN_IF_ERROR(CheckScenario(scenario));
  SimulationReport report;
  const Day as_of = facts.as_of;
  // Groups: accounts active at T - 12 months by their category then (young ones: `new`);
  // NRR over the following 12 months = revenue in P1 / revenue in P0 (metrics.md, Revenue
  // retention), over the retention cohort.
  const Day year_ago = PriorCategoryDay(as_of);
  std::array<double, kSimulationGroups> age_days{};
  std::array<int64_t, kSimulationGroups> aged{};
  std::array<double, 4> categories{};  // every active account by category, for the NPS
  for (AccountIndex a = 0; a < snap.account_count(); ++a) {
    const AccountRetention r = RetentionOfAccount(snap, facts, a);
    if (r.in_cohort && IsActive(snap, a, year_ago)) {
      const size_t g = YoungOn(snap, a, year_ago) ? kNewGroup : Slot(prior[a]);
      GroupBasis& basis = report.basis[g];
      ++basis.accounts;
      basis.revenue_then += r.base;
      basis.revenue_now += r.cur;
      if (snap.created_on[a] != kNoDay) {
        age_days[g] += year_ago - snap.created_on[a];
        ++aged[g];
      }
    }
    if (facts.accounts[a].active) {
      const Category category = facts.accounts[a].category;
      const size_t g = YoungOn(snap, a, as_of) ? kNewGroup : Slot(category);
      ++report.accounts[g];
      report.ttm[g] += facts.accounts[a].ttm;
      categories[Slot(category)] += 1;
    }
  }
  Cents base_all = 0, cur_all = 0;
  for (size_t g = 0; g < kSimulationGroups; ++g) {
    const GroupBasis& basis = report.basis[g];
    base_all += basis.revenue_then;
    cur_all += basis.revenue_now;
    if (basis.revenue_then > 0) {
      report.nrr_by_group[g] = static_cast<double>(basis.revenue_now) / basis.revenue_then;
    }
    // Months of 365.25 / 12 days: an age, not a calendar count.
    if (aged[g] > 0) report.basis[g].mean_age_months = age_days[g] / aged[g] / (365.25 / 12);
  }
  if (base_all > 0) report.overall_nrr = static_cast<double>(cur_all) / base_all;
  std::array<double, kSimulationGroups> accounts{}, ttm{};
  for (size_t g = 0; g < kSimulationGroups; ++g) {
    // A group without history projects with the book's NRR, or flat without any.
    report.nrr_used[g] = report.nrr_by_group[g].value_or(report.overall_nrr.value_or(1.0));
    report.baseline_projected += CentsToDouble(report.ttm[g]) * report.nrr_used[g];
    accounts[g] = static_cast<double>(report.accounts[g]);
    ttm[g] = CentsToDouble(report.ttm[g]);
  }

  // Shares are of the counts before any move; young accounts stay in `new`.
  const std::array<double, 4> categories_before = categories;
  std::array<double, 4> left = categories;
  const std::array<double, kSimulationGroups> accounts_before = accounts, ttm_before = ttm;
  report.account_nps_before = AccountNps(categories);
  auto apply = [&](const CategoryMove& m) {
    const size_t from = Slot(m.from), to = Slot(m.to);
    categories[from] -= categories_before[from] * m.share;
    left[from] -= categories_before[from] * m.share;
    categories[to] += categories_before[from] * m.share;
    accounts[from] -= accounts_before[from] * m.share;
    accounts[to] += accounts_before[from] * m.share;
    ttm[from] -= ttm_before[from] * m.share;
    ttm[to] += ttm_before[from] * m.share;
    report.moves.push_back(m);
  };
  for (const CategoryMove& m : scenario.moves) apply(m);
  if (scenario.target_account_nps) {
    for (const CategoryMove& m :
         MovesToTarget(categories, categories_before, left, *scenario.target_account_nps)) {
      apply(m);
    }
  }
  report.account_nps_after = AccountNps(categories);
  report.scenario_accounts = accounts;
  for (size_t g = 0; g < kSimulationGroups; ++g) {
    report.scenario_projected += ttm[g] * report.nrr_used[g];
  }
  return report;
}

}  // namespace bw::analytics
