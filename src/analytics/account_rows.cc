#include "analytics/account_rows.h"

#include <algorithm>

#include "analytics/internal/parallel.h"

namespace bw::analytics {
namespace {

constexpr std::string_view kFlagNames[] = {"champion_left", "executive_detractor", "overloaded",
                                           "silent",        "single_threaded",     "split_opinion",
                                           "unresponsive"};

// metrics.md, Account check: required contacts and roles by tier.
AccountCheck CheckAccount(Tier tier, int current, const std::array<int, kRoleCount>& by_role,
                          const MetricParams& params) {
  AccountCheck check;
  check.required = params.check_min_contacts[static_cast<size_t>(tier)];
  check.missing_contacts = std::max(0, check.required - current);
  const bool dm = by_role[0] > 0, influencer = by_role[1] > 0, user = by_role[2] > 0;
  switch (tier) {
    case Tier::kA:
      if (!dm) check.missing_role_bits |= 1;
      if (!influencer) check.missing_role_bits |= 2;
      if (!user) check.missing_role_bits |= 4;
      break;
    case Tier::kB:
      if (!dm) check.missing_role_bits |= 1;
      if (!influencer && !user) check.missing_role_bits |= 8;
      break;
    case Tier::kC:
      if (!dm) check.missing_role_bits |= 1;
      break;
    case Tier::kD:
      break;
  }
  check.ok = check.missing_contacts == 0 && check.missing_role_bits == 0;
  return check;
}

}  // namespace

std::vector<std::string> AccountCheck::missing_roles() const {
  static constexpr std::string_view kNames[] = {"decision_maker", "influencer", "user",
                                                "influencer_or_user"};
  std::vector<std::string> names;
  for (int bit = 0; bit < 4; ++bit) {
    if ((missing_role_bits >> bit) & 1) names.emplace_back(kNames[bit]);
  }
  return names;
}

std::string_view TierName(Tier tier) {
  static constexpr std::string_view kNames[] = {"A", "B", "C", "D"};
  return kNames[static_cast<size_t>(tier)];
}

std::string_view QuadrantName(Quadrant quadrant) {
  static constexpr std::string_view kNames[] = {
      "firefighting", "blind_spot", "advocate", "develop", "grow", "fix_efficiently", "monitor"};
  return kNames[static_cast<size_t>(quadrant)];
}

std::string_view QuadrantAction(Quadrant quadrant) {
  switch (quadrant) {
    case Quadrant::kFirefighting:
      return "key account at risk: executive escalation now";
    case Quadrant::kBlindSpot:
      return "key account without answers: survey all stakeholders";
    case Quadrant::kAdvocate:
      return "ask for references and case studies; upsell";
    case Quadrant::kDevelop:
      return "find what keeps it from promoter; plan a business review";
    case Quadrant::kGrow:
      return "grow the account: cross-sell and expand";
    case Quadrant::kFixEfficiently:
      return "fix the causes with scalable, low-touch measures";
    case Quadrant::kMonitor:
      return "monitor";
  }
  return "";
}

Quadrant QuadrantOf(Tier tier, Category category) {
  const bool key = tier == Tier::kA || tier == Tier::kB;
  switch (category) {
    case Category::kDetractor:
      return key ? Quadrant::kFirefighting : Quadrant::kFixEfficiently;
    case Category::kNonResponder:
      return key ? Quadrant::kBlindSpot : Quadrant::kMonitor;
    case Category::kPromoter:
      return key ? Quadrant::kAdvocate : Quadrant::kGrow;
    case Category::kPassive:
      return key ? Quadrant::kDevelop : Quadrant::kMonitor;
  }
  return Quadrant::kMonitor;
}

std::string_view FlagName(AccountFlag flag) { return kFlagNames[static_cast<size_t>(flag)]; }

std::optional<AccountFlag> ParseFlag(std::string_view name) {
  for (size_t i = 0; i < std::size(kFlagNames); ++i) {
    if (kFlagNames[i] == name) return static_cast<AccountFlag>(i);
  }
  return std::nullopt;
}

std::vector<Tier> ComputeTiers(const AccountFacts& facts, const MetricParams& params) {
  const std::vector<AccountIndex>& order = facts.pareto_order;
  std::vector<Tier> tiers(facts.accounts.size(), Tier::kD);
  size_t begin = 0;
  for (size_t t = 0; t < params.tier_shares.size(); ++t) {
    const size_t end = ShortestPrefixReaching(facts, params.tier_shares[t]);
    for (size_t i = begin; i < end; ++i) tiers[order[i]] = static_cast<Tier>(t);
    begin = std::max(begin, end);
  }
  return tiers;
}

namespace {

// Rows are built in Pareto order, which visits the facts (in account order) at random:
// ask for the facts of the account this many places ahead while working on one.
constexpr size_t kPrefetchAhead = 8;
void PrefetchFacts(const AccountFacts& facts, size_t i) {
  if (i + kPrefetchAhead < facts.pareto_order.size()) {
    __builtin_prefetch(&facts.accounts[facts.pareto_order[i + kPrefetchAhead]]);
  }
}

// The basics of active account a from the facts of its date and its tier.
void DescribeAccount(const AccountFacts& facts, AccountIndex a, Tier tier,
                     const MetricParams& params, AccountBasics& b) {
  const AccountFact& f = facts.accounts[a];
  b.account = a;
  b.tier = tier;
  b.ttm = f.ttm;
  b.ttm_prior = f.ttm_prior;
  b.invitations = f.invitations();
  b.category = f.category;
  b.answers = f.answers;
  if (b.category != Category::kNonResponder) b.score = f.score;
  b.quadrant = QuadrantOf(b.tier, b.category);
  b.contacts_current = f.contacts_current;
  for (size_t role = 0; role < kRoleCount; ++role) {
    b.contacts_by_role[role] = f.contacts_by_role[role];
  }
  b.flags = f.flags;
  b.touchpoints = f.touchpoints();
  b.check = CheckAccount(b.tier, b.contacts_current, b.contacts_by_role, params);
}

}  // namespace

AccountBasics BasicsOfAccount(const AccountFacts& facts, AccountIndex a, Tier tier,
                              const MetricParams& params) {
  AccountBasics basics;
  DescribeAccount(facts, a, tier, params, basics);
  return basics;
}

std::vector<AccountBasics> ComputeAccountBasics(const AccountFacts& facts,
                                                const MetricParams& params) {
  const std::vector<AccountIndex>& order = facts.pareto_order;
  const std::vector<Tier> tiers = ComputeTiers(facts, params);
  std::vector<AccountBasics> rows(order.size());
  // The facts pass did the work per contact: this only assembles rows in Pareto order.
  internal::ParallelChunks(order.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      PrefetchFacts(facts, i);
      DescribeAccount(facts, order[i], tiers[order[i]], params, rows[i]);
    }
  });
  return rows;
}

std::vector<AccountRow> ComputeAccountRows(const Snapshot& snap, Day as_of,
                                           const MetricParams& params, const HealthConfig& health) {
  FactsByDate facts(snap, params);
  facts.Prepare({as_of, HealthChangeDay(as_of)});
  return ComputeAccountRows(snap, facts.At(as_of), facts.At(HealthChangeDay(as_of)), params,
                            health);
}

std::vector<AccountRow> ComputeAccountRows(const Snapshot& snap, const AccountFacts& facts,
                                           const AccountFacts& facts_earlier,
                                           const MetricParams& params, const HealthConfig& health) {
  const HealthScorer scorer(snap, health);
  const std::vector<AccountIndex>& order = facts.pareto_order;
  const std::vector<Tier> tiers = ComputeTiers(facts, params);
  const std::vector<Tier> tiers_earlier = ComputeTiers(facts_earlier, params);
  std::vector<AccountRow> rows(order.size());
  // One pass in Pareto order: each row's basics, its health now and, when the account was
  // active then, its health as of the earlier day (for the change column).
  internal::ParallelChunks(order.size(), [&](size_t begin, size_t end) {
    AccountBasics earlier;
    for (size_t i = begin; i < end; ++i) {
      PrefetchFacts(facts, i);
      if (i + kPrefetchAhead < order.size()) {
        __builtin_prefetch(&facts_earlier.accounts[order[i + kPrefetchAhead]]);
      }
      const AccountIndex a = order[i];
      AccountRow& row = rows[i];
      DescribeAccount(facts, a, tiers[a], params, row.basics);
      row.health.score = scorer.Evaluate(row.basics, facts.as_of);
      if (row.health.score) row.health.colour = scorer.ColourOf(*row.health.score);
      if (facts_earlier.accounts[a].active) {
        earlier = AccountBasics{};
        DescribeAccount(facts_earlier, a, tiers_earlier[a], params, earlier);
        row.health_90d_ago = scorer.Evaluate(earlier, facts_earlier.as_of);
      }
    }
  });
  return rows;
}

}  // namespace bw::analytics
