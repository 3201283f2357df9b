#include "analytics/simulator.h"

#include <algorithm>

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
// step for an account team), then passives to promoters. Shares are of the accounts in the
// category after the moves already given.
std::vector<CategoryMove> MovesToTarget(std::array<double, 4> accounts, double target) {
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
    const double available = accounts[Slot(from)];
    if (steps <= 0 || available <= 0) continue;
    const double moved = std::min(steps, available);
    moves.push_back({from, to, moved / available});
    accounts[Slot(from)] -= moved;
    accounts[Slot(to)] += moved;
    steps -= moved;
  }
  return moves;
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
  for (const CategoryMove& m : scenario.moves) {
    if (!(m.share >= 0 && m.share <= 1)) {
      return InvalidArgument("move " + std::string(CategoryName(m.from)) + ":" +
                             std::string(CategoryName(m.to)) + ": share must be from 0 to 1");
    }
  }
  if (scenario.target_account_nps &&
      !(*scenario.target_account_nps >= -100 && *scenario.target_account_nps <= 100)) {
    return InvalidArgument("target NPS must be from -100 to 100");
  }
  SimulationReport report;
  const Day as_of = facts.as_of;
  // Groups: accounts active at T - 12 months by their category then; NRR over the
  // following 12 months = revenue in P1 / revenue in P0 (metrics.md, Revenue retention).
  const Day year_ago = PriorCategoryDay(as_of);
  std::array<Cents, 4> base{}, cur{};
  for (AccountIndex a = 0; a < snap.account_count(); ++a) {
    // NRR as metrics.md defines it (over the retention cohort), per group.
    const AccountRetention r = RetentionOfAccount(snap, facts, a);
    if (r.in_cohort && IsActive(snap, a, year_ago)) {
      base[Slot(prior[a])] += r.base;
      cur[Slot(prior[a])] += r.cur;
    }
    if (facts.accounts[a].active) {
      ++report.accounts[Slot(facts.accounts[a].category)];
      report.ttm[Slot(facts.accounts[a].category)] += facts.accounts[a].ttm;
    }
  }
  Cents base_all = 0, cur_all = 0;
  for (size_t c = 0; c < 4; ++c) {
    base_all += base[c];
    cur_all += cur[c];
    if (base[c] > 0) report.nrr_by_category[c] = static_cast<double>(cur[c]) / base[c];
  }
  if (base_all > 0) report.overall_nrr = static_cast<double>(cur_all) / base_all;
  for (size_t c = 0; c < 4; ++c) {
    // A category without history projects with the book's NRR, or flat without any.
    report.nrr_used[c] = report.nrr_by_category[c].value_or(report.overall_nrr.value_or(1.0));
    report.baseline_projected += CentsToDouble(report.ttm[c]) * report.nrr_used[c];
  }

  std::array<double, 4> accounts{}, ttm{};
  for (size_t c = 0; c < 4; ++c) {
    accounts[c] = static_cast<double>(report.accounts[c]);
    ttm[c] = CentsToDouble(report.ttm[c]);
  }
  report.account_nps_before = AccountNps(accounts);
  auto apply = [&](const CategoryMove& m) {
    const double moved_accounts = accounts[Slot(m.from)] * m.share;
    const double moved_ttm = ttm[Slot(m.from)] * m.share;
    accounts[Slot(m.from)] -= moved_accounts;
    accounts[Slot(m.to)] += moved_accounts;
    ttm[Slot(m.from)] -= moved_ttm;
    ttm[Slot(m.to)] += moved_ttm;
    report.moves.push_back(m);
  };
  for (const CategoryMove& m : scenario.moves) apply(m);
  if (scenario.target_account_nps) {
    for (const CategoryMove& m : MovesToTarget(accounts, *scenario.target_account_nps)) apply(m);
  }
  report.account_nps_after = AccountNps(accounts);
  report.scenario_accounts = accounts;
  for (size_t c = 0; c < 4; ++c) report.scenario_projected += ttm[c] * report.nrr_used[c];
  return report;
}

}  // namespace bw::analytics
