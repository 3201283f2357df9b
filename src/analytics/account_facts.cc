#include "analytics/account_facts.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "analytics/internal/parallel.h"
#include "analytics/internal/radix_sort.h"

namespace bw::analytics {

namespace {

// Index of the first revenue month >= `month` in [begin, end) of the sorted, distinct
// months of one account. Months are usually consecutive, so the month's distance from the
// first one is a bound (never below the answer) that mostly hits it exactly.
uint32_t FirstMonthAtOrAfter(const Snapshot& snap, uint32_t begin, uint32_t end,
                             MonthIndex month) {
  if (begin == end || snap.revenue_month[begin] >= month) return begin;
  const int64_t guess = static_cast<int64_t>(begin) + (month - snap.revenue_month[begin]);
  const uint32_t bound = static_cast<uint32_t>(std::min<int64_t>(guess, end));
  // Distinct ascending months: revenue_month[begin + k] >= first + k, so the answer <= bound.
  if (snap.revenue_month[bound - 1] < month) return bound;
  const auto months = snap.revenue_month.begin();
  return static_cast<uint32_t>(std::lower_bound(months + begin, months + bound, month) - months);
}

}  // namespace

Cents RevenueInMonths(const Snapshot& snap, AccountIndex a, MonthIndex first, MonthIndex last) {
  const snapshot::IndexRange range = snap.RevenueOf(a);
  const uint32_t lo = FirstMonthAtOrAfter(snap, range.begin, range.end, first);
  const uint32_t hi = FirstMonthAtOrAfter(snap, lo, range.end, last + 1);
  // Running sums: any range of months is one subtraction.
  return snap.revenue_running[hi] - snap.revenue_running[lo];
}

int32_t ContactScoreResponse(const Snapshot& snap, ContactIndex c, Day as_of, int window_days) {
  const snapshot::IndexRange range = snap.ResponsesOf(c);
  // Responses are sorted by (day, response_id): the last one on or before as_of is latest.
  for (uint32_t i = range.end; i > range.begin; --i) {
    const Day day = snap.response_day[i - 1];
    if (day > as_of) continue;
    if (day > as_of - window_days) return static_cast<int32_t>(i - 1);
    return snapshot::kNone;
  }
  return snapshot::kNone;
}

namespace {

// metrics.md, Key accounts: active accounts by TTM descending, then account_id ascending.
// Accounts are visited in account_id order and radix-sorted stably by descending TTM.
std::vector<AccountIndex> ParetoOrder(const Snapshot& snap, const AccountFacts& facts) {
  std::vector<std::pair<uint64_t, AccountIndex>> keyed;
  keyed.reserve(snap.accounts_by_id.size());
  for (const AccountIndex a : snap.accounts_by_id) {
    if (!facts.active[a]) continue;
    // Signed TTM to an unsigned key of the same order, inverted for descending.
    const uint64_t ascending = static_cast<uint64_t>(facts.ttm[a]) ^ (uint64_t{1} << 63);
    keyed.emplace_back(~ascending, a);
  }
  internal::StableRadixSort(keyed);
  std::vector<AccountIndex> order(keyed.size());
  for (size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].second;
  return order;
}

// The figures below scan the rows of one account in flat loops without a branch per row:
// its contacts are contiguous, and so are the responses and invitations of those contacts
// (grouped by contact) and its touchpoints. Branches that depend on the data would be
// mispredicted about half the time, and that, not memory, was what a pass cost.

// metrics.md, Basics: contact score: for each contact of `contacts`, the latest response
// with as_of - window < responded_on <= as_of into latest[c] (kNone without one), and its
// score into score[c - contacts.begin] (-1 without one).
void LatestResponses(const Snapshot& snap, snapshot::IndexRange contacts, Day as_of,
                     int window_days, int32_t* latest, int8_t* score) {
  for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
    latest[c] = snapshot::kNone;
    score[c - contacts.begin] = -1;
  }
  const uint32_t begin = snap.contact_responses_begin[contacts.begin];
  const uint32_t end = snap.contact_responses_begin[contacts.end];
  const Day after = as_of - window_days;
  // Sorted by (day, response_id) within each contact: the last one in the window wins.
  for (uint32_t r = begin; r < end; ++r) {
    const Day day = snap.response_day[r];
    const bool in_window = (day <= as_of) & (day > after);
    const uint32_t c = static_cast<uint32_t>(snap.response_contact[r]);
    latest[c] = in_window ? static_cast<int32_t>(r) : latest[c];
    int8_t& s = score[c - contacts.begin];
    s = in_window ? static_cast<int8_t>(snap.response_score[r]) : s;
  }
}

// metrics.md, Loyalty: response rate inputs of an account: invitations of all its
// contacts sent in the window, and how many of them are answered as of T.
InvitationCounts InvitationsOfAccount(const Snapshot& snap, snapshot::IndexRange contacts,
                                      Day as_of, int window_days) {
  const uint32_t begin = snap.contact_invitations_begin[contacts.begin];
  const uint32_t end = snap.contact_invitations_begin[contacts.end];
  const Day after = as_of - window_days;
  int32_t sent = 0, answered = 0;
  for (uint32_t i = begin; i < end; ++i) {
    const Day day = snap.invitation_sent_on[i];
    const int32_t in_window = (day <= as_of) & (day > after);
    sent += in_window;
    answered += in_window & (snap.invitation_answered_on[i] <= as_of);
  }
  return {sent, answered};
}

// metrics.md, Account row: touchpoints.
TouchpointCounts CountTouchpoints(const Snapshot& snap, AccountIndex a, Day as_of) {
  constexpr uint32_t kProactive = (1u << static_cast<int>(TouchpointType::kBusinessReview)) |
                                  (1u << static_cast<int>(TouchpointType::kMeeting)) |
                                  (1u << static_cast<int>(TouchpointType::kCall)) |
                                  (1u << static_cast<int>(TouchpointType::kTraining));
  TouchpointCounts counts;
  const snapshot::IndexRange range = snap.TouchpointsOf(a);
  Day last = kNoDay, proactive = kNoDay;
  int emails = 0, tickets = 0;
  // Sorted by day: the last match of a kind is the latest.
  for (uint32_t i = range.begin; i < range.end; ++i) {
    const Day day = snap.touchpoint_day[i];
    const int type = static_cast<int>(snap.touchpoint_type[i]);
    const bool valid = day <= as_of;
    const bool marketing = type == static_cast<int>(TouchpointType::kMarketingEmail);
    emails += valid & marketing & (day > as_of - 30);
    const bool other = valid & !marketing;
    last = other ? day : last;
    tickets += other & (type == static_cast<int>(TouchpointType::kSupportTicket)) &
               (day > as_of - 90);
    proactive = (valid & ((kProactive >> type) & 1u)) ? day : proactive;
  }
  counts.marketing_emails_30d = emails;
  counts.support_tickets_90d = tickets;
  if (last != kNoDay) counts.days_since_last = as_of - last;
  if (proactive != kNoDay) counts.days_since_proactive = as_of - proactive;
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

// metrics.md, Loyalty: the account score (weighted mean of contact scores by role) and
// category of an account from its contacts' scores (-1: none).
void ScoreAccount(const Snapshot& snap, snapshot::IndexRange contacts, const int8_t* score,
                  const MetricParams& params, double& account_score, int32_t& answers,
                  Category& category) {
  double weighted = 0, weights = 0;
  int32_t n = 0;
  for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
    const int s = score[c - contacts.begin];
    const bool answered = s >= 0;
    const double w = params.role_weights[static_cast<size_t>(snap.contact_role[c])];
    weighted += answered ? w * s : 0.0;
    weights += answered ? w : 0.0;
    n += answered;
  }
  answers = n;
  if (n > 0 && weights > 0) {
    account_score = weighted / weights;
    category = CategoryOfAccountScore(account_score);
  }
}

// Per-chunk scratch: the contact scores of the account at hand.
struct Scratch {
  std::vector<int8_t> score;
  int8_t* For(snapshot::IndexRange contacts) {
    if (score.size() < contacts.size()) score.resize(contacts.size());
    return score.data();
  }
};

// Every fact of account a as of facts.as_of, whose month is `month`.
void ComputeFactsOfAccount(const Snapshot& snap, AccountIndex a, const MetricParams& params,
                           MonthIndex month, Scratch& scratch, AccountFacts& facts) {
  const Day as_of = facts.as_of;
  facts.active[a] = IsActive(snap, a, as_of) ? 1 : 0;
  facts.ttm[a] = RevenueInMonths(snap, a, month - 11, month);
  facts.ttm_prior[a] = RevenueInMonths(snap, a, month - 23, month - 12);

  const snapshot::IndexRange contacts = snap.ContactsOf(a);
  int8_t* score = scratch.For(contacts);
  LatestResponses(snap, contacts, as_of, params.window_days, facts.contact_score_response.data(),
                  score);
  ScoreAccount(snap, contacts, score, params, facts.account_score[a], facts.account_answers[a],
               facts.account_category[a]);
  const InvitationCounts invitations =
      facts.invitations[a] = InvitationsOfAccount(snap, contacts, as_of, params.window_days);

  // Stakeholders: current contacts by role, contact categories, flags from contacts.
  StakeholderCounts stakeholders;
  std::array<int32_t, 3> categories = {0, 0, 0};
  std::array<int32_t, kRoleCount> role_sum = {0, 0, 0}, role_answers = {0, 0, 0};
  bool executive_detractor = false, champion_left = false;
  const Day champion_since = as_of - params.champion_left_days;
  for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
    const int s = score[c - contacts.begin];
    const bool answered = s >= 0;
    categories[static_cast<size_t>((s >= 7) + (s >= 9))] += answered;  // 0 det, 1 pas, 2 pro
    const Day left_on = snap.contact_left_on[c];
    const bool current = (left_on == kNoDay) | (left_on > as_of);
    const size_t role = static_cast<size_t>(snap.contact_role[c]);
    stakeholders.current += current;
    stakeholders.by_role[role] += current;
    const bool counted = current & answered;
    role_sum[role] += counted ? s : 0;
    role_answers[role] += counted;
    executive_detractor |= counted & (role == static_cast<size_t>(Role::kDecisionMaker)) & (s <= 6);
    // Rare: a contact who left recently. Only then look at the responses before leaving.
    if (!current && left_on > champion_since) {
      champion_left = champion_left || ChampionLeft(snap, c, as_of, params.champion_left_days);
    }
  }
  facts.stakeholders[a] = stakeholders;
  facts.contact_categories[a] = categories;

  uint32_t flags = 0;
  if (champion_left) flags |= FlagBit(AccountFlag::kChampionLeft);
  if (executive_detractor) flags |= FlagBit(AccountFlag::kExecutiveDetractor);
  // metrics.md: split_opinion: one role's mean >= 9 while another's <= 6.
  bool high = false, low = false;
  for (size_t role = 0; role < kRoleCount; ++role) {
    if (role_answers[role] == 0) continue;
    const double mean = static_cast<double>(role_sum[role]) / role_answers[role];
    high = high || mean >= 9;
    low = low || mean <= 6;
  }
  if (high && low) flags |= FlagBit(AccountFlag::kSplitOpinion);
  if (stakeholders.current < 2) flags |= FlagBit(AccountFlag::kSingleThreaded);

  const TouchpointCounts& touchpoints = facts.touchpoints[a] = CountTouchpoints(snap, a, as_of);
  if (!touchpoints.days_since_last || *touchpoints.days_since_last > params.silent_days) {
    flags |= FlagBit(AccountFlag::kSilent);
  }
  if (touchpoints.marketing_emails_30d > params.overloaded_marketing_emails) {
    flags |= FlagBit(AccountFlag::kOverloaded);
  }
  if (invitations.sent > 0 && invitations.answered == 0) {
    flags |= FlagBit(AccountFlag::kUnresponsive);
  }
  facts.flags[a] = flags;
}

}  // namespace

AccountFacts ComputeAccountFacts(const Snapshot& snap, Day as_of, const MetricParams& params) {
  std::vector<AccountFacts> facts = ComputeAccountFacts(snap, std::vector<Day>{as_of}, params);
  return std::move(facts.front());
}

std::vector<AccountFacts> ComputeAccountFacts(const Snapshot& snap, const std::vector<Day>& dates,
                                              const MetricParams& params) {
  const size_t accounts = static_cast<size_t>(snap.account_count());
  std::vector<AccountFacts> all(dates.size());
  for (size_t d = 0; d < dates.size(); ++d) {
    AccountFacts& facts = all[d];
    facts.as_of = dates[d];
    facts.active.resize(accounts);
    facts.ttm.resize(accounts);
    facts.ttm_prior.resize(accounts);
    facts.invitations.resize(accounts);
    facts.contact_score_response.resize(static_cast<size_t>(snap.contact_count()));
    facts.account_score.assign(accounts, 0.0);
    facts.account_answers.assign(accounts, 0);
    facts.account_category.assign(accounts, Category::kNonResponder);
    facts.contact_categories.resize(accounts);
    facts.stakeholders.resize(accounts);
    facts.touchpoints.resize(accounts);
    facts.flags.resize(accounts);
  }
  // One pass over the accounts, computing every date while the account's rows are in
  // the cache.
  internal::ParallelChunks(accounts, [&](size_t begin, size_t end) {
    Scratch scratch;
    std::vector<MonthIndex> months;
    for (const AccountFacts& facts : all) months.push_back(MonthOf(facts.as_of));
    for (size_t a = begin; a < end; ++a) {
      for (size_t d = 0; d < all.size(); ++d) {
        ComputeFactsOfAccount(snap, static_cast<AccountIndex>(a), params, months[d], scratch,
                              all[d]);
      }
    }
  });
  internal::ParallelTasks(all.size(), [&](size_t d) {
    all[d].pareto_order = ParetoOrder(snap, all[d]);
  });
  return all;
}

std::vector<Category> AccountCategoriesAsOf(const Snapshot& snap, Day as_of,
                                            const MetricParams& params) {
  const size_t accounts = static_cast<size_t>(snap.account_count());
  std::vector<int32_t> latest(static_cast<size_t>(snap.contact_count()));
  std::vector<Category> category(accounts, Category::kNonResponder);
  internal::ParallelChunks(accounts, [&](size_t begin, size_t end) {
    Scratch scratch;
    double score = 0;
    int32_t answers = 0;
    for (size_t a = begin; a < end; ++a) {
      const snapshot::IndexRange contacts = snap.ContactsOf(static_cast<AccountIndex>(a));
      int8_t* scores = scratch.For(contacts);
      LatestResponses(snap, contacts, as_of, params.window_days, latest.data(), scores);
      ScoreAccount(snap, contacts, scores, params, score, answers, category[a]);
    }
  });
  return category;
}

}  // namespace bw::analytics
