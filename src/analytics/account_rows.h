// The account row of shared/spec/metrics.md ("The account row"): per active account its
// revenue tier, TTM, account score and category, quadrant, stakeholder counts, flags,
// account check, touchpoints, invitations and health. Pure functions of the snapshot.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/account_facts.h"
#include "analytics/health.h"
#include "analytics/summary.h"

namespace bw::analytics {

// metrics.md, Key accounts: revenue tier.
enum class Tier : uint8_t { kA = 0, kB, kC, kD };
std::string_view TierName(Tier tier);

// metrics.md, Account views: the quadrant of the loyalty x revenue matrix names the action.
enum class Quadrant : uint8_t {
  kFirefighting = 0,
  kBlindSpot,
  kAdvocate,
  kDevelop,
  kGrow,
  kFixEfficiently,
  kMonitor,
};
inline constexpr int kQuadrantCount = 7;
std::string_view QuadrantName(Quadrant quadrant);
// The recommended action of a quadrant, in a few words for people.
std::string_view QuadrantAction(Quadrant quadrant);
Quadrant QuadrantOf(Tier tier, Category category);

std::string_view FlagName(AccountFlag flag);
std::optional<AccountFlag> ParseFlag(std::string_view name);

// metrics.md, Account check.
struct AccountCheck {
  bool ok = true;
  int required = 0;
  int missing_contacts = 0;
  // Bits of the missing roles: 1 decision_maker, 2 influencer, 4 user, 8 influencer_or_user
  // (a bit field, not strings: rows are computed for every account on every refresh).
  uint8_t missing_role_bits = 0;
  // The names of the missing roles in the spec's order.
  std::vector<std::string> missing_roles() const;
};

// What an account looks like as of a date, before health; the inputs of the health score.
struct AccountBasics {
  AccountIndex account = 0;
  Tier tier = Tier::kD;
  Cents ttm = 0;
  Cents ttm_prior = 0;  // the 12 months before the TTM months
  std::optional<double> score;
  Category category = Category::kNonResponder;
  int answers = 0;
  Quadrant quadrant = Quadrant::kMonitor;
  int contacts_current = 0;
  std::array<int, kRoleCount> contacts_by_role = {0, 0, 0};
  uint32_t flags = 0;  // bit i = AccountFlag i
  AccountCheck check;
  TouchpointCounts touchpoints;
  InvitationCounts invitations;

  bool Has(AccountFlag flag) const { return HasFlag(flags, flag); }
};

struct AccountRow {
  AccountBasics basics;
  HealthSummary health;  // the components: HealthScorer::Score (the account 360 has them)
  std::optional<double> health_90d_ago;  // at HealthChangeDay; null when not active then
};

// The basics of a row, for reports that read either basics or whole rows.
inline const AccountBasics& BasicsOf(const AccountBasics& basics) { return basics; }
inline const AccountBasics& BasicsOf(const AccountRow& row) { return row.basics; }

// metrics.md, Key accounts: the tier of every active account (by account index; inactive
// accounts get kD and are never shown).
std::vector<Tier> ComputeTiers(const AccountFacts& facts, const MetricParams& params);

// AccountBasics of active account a, whose tier is `tier` (ComputeTiers).
AccountBasics BasicsOfAccount(const AccountFacts& facts, AccountIndex a, Tier tier,
                              const MetricParams& params);

// AccountBasics of every active account, in Pareto order.
std::vector<AccountBasics> ComputeAccountBasics(const AccountFacts& facts,
                                                const MetricParams& params);

// The rows of every active account as of `as_of`, in Pareto order (TTM descending, then
// account_id ascending), with health now and as of HealthChangeDay(as_of).
std::vector<AccountRow> ComputeAccountRows(const Snapshot& snap, Day as_of,
                                           const MetricParams& params, const HealthConfig& health);
// The same from the facts of both days already computed.
std::vector<AccountRow> ComputeAccountRows(const Snapshot& snap, const AccountFacts& facts,
                                           const AccountFacts& facts_earlier,
                                           const MetricParams& params, const HealthConfig& health);

// The account row shows the change of health against this many days earlier.
inline constexpr int kHealthChangeDays = 90;
inline Day HealthChangeDay(Day as_of) { return as_of - kHealthChangeDays; }

}  // namespace bw::analytics
