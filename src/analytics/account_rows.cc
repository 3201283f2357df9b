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

// metrics.md, Account row: touchpoints.
TouchpointCounts CountTouchpoints(const Snapshot& snap, AccountIndex a, Day as_of) {
  TouchpointCounts counts;
  const snapshot::IndexRange range = snap.TouchpointsOf(a);
  std::optional<Day> last, proactive;
  for (uint32_t i = range.begin; i < range.end; ++i) {
    const Day day = snap.touchpoint_day[i];
    if (day > as_of) break;  // sorted by day
    const TouchpointType type = snap.touchpoint_type[i];
    if (type == TouchpointType::kMarketingEmail) {
      if (day > as_of - 30) ++counts.marketing_emails_30d;
    } else {
      last = day;
      if (type == TouchpointType::kSupportTicket && day > as_of - 90) ++counts.support_tickets_90d;
      if (type == TouchpointType::kBusinessReview || type == TouchpointType::kMeeting ||
          type == TouchpointType::kCall || type == TouchpointType::kTraining) {
        proactive = day;
      }
    }
  }
  if (last) counts.days_since_last = as_of - *last;
  if (proactive) counts.days_since_proactive = as_of - *proactive;
  return counts;
}

// metrics.md, Stakeholder map: champion_left: a contact whose latest response before
// leaving (responded_on < left_on: on left_on the contact is no longer current) was a
// promoter left in (T - days, T].
bool ChampionLeft(const Snapshot& snap, ContactIndex c, Day as_of, int days) {
  const Day left_on = snap.contact_left_on[c];
  if (left_on == kNoDay || left_on > as_of || left_on <= as_of - days) return false;
  const snapshot::IndexRange responses = snap.ResponsesOf(c);
  for (uint32_t i = responses.end; i > responses.begin; --i) {
    if (snap.response_day[i - 1] < left_on) return snap.response_score[i - 1] >= 9;
  }
  return false;
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

std::vector<Tier> ComputeTiers(const std::vector<AccountIndex>& order, const AccountFacts& facts,
                               const MetricParams& params) {
  std::vector<Tier> tiers(facts.ttm.size(), Tier::kD);
  size_t begin = 0;
  for (size_t t = 0; t < params.tier_shares.size(); ++t) {
    const size_t end = ShortestPrefixReaching(order, facts, params.tier_shares[t]);
    for (size_t i = begin; i < end; ++i) tiers[order[i]] = static_cast<Tier>(t);
    begin = std::max(begin, end);
  }
  return tiers;
}

std::vector<AccountBasics> ComputeAccountBasics(const Snapshot& snap, const AccountFacts& facts,
                                                const MetricParams& params) {
  const Day as_of = facts.as_of;
  const std::vector<AccountIndex>& order = facts.pareto_order;
  const std::vector<Tier> tiers = ComputeTiers(order, facts, params);
  std::vector<AccountBasics> rows(order.size());
  // Walk the accounts in storage order (their contacts, touchpoints and revenue lie side
  // by side in memory) and write each row to its place in Pareto order.
  std::vector<int32_t> position(facts.ttm.size(), -1);
  for (size_t i = 0; i < order.size(); ++i) position[order[i]] = static_cast<int32_t>(i);
  internal::ParallelChunks(position.size(), [&](size_t begin, size_t end) {
    for (size_t index = begin; index < end; ++index) {
      if (position[index] < 0) continue;  // not active
      const AccountIndex a = static_cast<AccountIndex>(index);
      AccountBasics& b = rows[static_cast<size_t>(position[index])];
      b.account = a;
      b.tier = tiers[a];
      b.ttm = facts.ttm[a];
      b.ttm_prior = facts.ttm_prior[a];
      b.invitations = facts.invitations[a];
      b.category = facts.account_category[a];
      b.answers = facts.account_answers[a];
      if (b.category != Category::kNonResponder) b.score = facts.account_score[a];
      b.quadrant = QuadrantOf(b.tier, b.category);

      // Stakeholder map over current contacts; invitations over all contacts.
      std::array<double, kRoleCount> role_sum = {0, 0, 0};
      std::array<int, kRoleCount> role_answers = {0, 0, 0};
      const snapshot::IndexRange contacts = snap.ContactsOf(a);
      for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
        if (ChampionLeft(snap, c, as_of, params.champion_left_days)) {
          b.flags |= 1u << static_cast<int>(AccountFlag::kChampionLeft);
        }
        if (!IsCurrentContact(snap, c, as_of)) continue;
        const size_t role = static_cast<size_t>(snap.contact_role[c]);
        ++b.contacts_current;
        ++b.contacts_by_role[role];
        const int32_t r = facts.contact_score_response[c];
        if (r == snapshot::kNone) continue;
        const int score = snap.response_score[r];
        role_sum[role] += score;
        ++role_answers[role];
        if (snap.contact_role[c] == Role::kDecisionMaker && score <= 6) {
          b.flags |= 1u << static_cast<int>(AccountFlag::kExecutiveDetractor);
        }
      }
      // metrics.md: split_opinion: one role's mean >= 9 while another's <= 6.
      bool high = false, low = false;
      for (size_t role = 0; role < kRoleCount; ++role) {
        if (role_answers[role] == 0) continue;
        const double mean = role_sum[role] / role_answers[role];
        high = high || mean >= 9;
        low = low || mean <= 6;
      }
      if (high && low) b.flags |= 1u << static_cast<int>(AccountFlag::kSplitOpinion);
      if (b.contacts_current < 2) b.flags |= 1u << static_cast<int>(AccountFlag::kSingleThreaded);

      b.touchpoints = CountTouchpoints(snap, a, as_of);
      if (!b.touchpoints.days_since_last || *b.touchpoints.days_since_last > params.silent_days) {
        b.flags |= 1u << static_cast<int>(AccountFlag::kSilent);
      }
      if (b.touchpoints.marketing_emails_30d > params.overloaded_marketing_emails) {
        b.flags |= 1u << static_cast<int>(AccountFlag::kOverloaded);
      }
      if (b.invitations.sent > 0 && b.invitations.answered == 0) {
        b.flags |= 1u << static_cast<int>(AccountFlag::kUnresponsive);
      }
      b.check = CheckAccount(b.tier, b.contacts_current, b.contacts_by_role, params);
    }
  });
  return rows;
}

std::vector<AccountRow> ComputeAccountRows(const Snapshot& snap, Day as_of,
                                           const MetricParams& params, const HealthConfig& health) {
  const AccountFacts facts = ComputeAccountFacts(snap, as_of, params);
  return ComputeAccountRows(snap, ComputeAccountBasics(snap, facts, params), as_of, params, health);
}

std::vector<AccountRow> ComputeAccountRows(const Snapshot& snap, std::vector<AccountBasics> basics,
                                           Day as_of, const MetricParams& params,
                                           const HealthConfig& health) {
  // Health 90 days earlier, for the change column.
  const Day earlier = as_of - 90;
  const AccountFacts facts_earlier = ComputeAccountFacts(snap, earlier, params);
  std::vector<std::optional<double>> earlier_score(static_cast<size_t>(snap.account_count()));
  const std::vector<AccountBasics> earlier_basics =
      ComputeAccountBasics(snap, facts_earlier, params);
  internal::ParallelChunks(earlier_basics.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const AccountBasics& b = earlier_basics[i];
      earlier_score[b.account] = ComputeHealth(snap, b, earlier, health).score;
    }
  });

  std::vector<AccountRow> rows(basics.size());
  internal::ParallelChunks(basics.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      rows[i].health = ComputeHealth(snap, basics[i], as_of, health);
      rows[i].health_90d_ago = earlier_score[basics[i].account];
      rows[i].basics = std::move(basics[i]);
    }
  });
  return rows;
}

}  // namespace bw::analytics
