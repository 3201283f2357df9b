#include "analytics/account_facts.h"

#include <algorithm>
#include <vector>

#include "analytics/internal/parallel.h"

namespace bw::analytics {

Cents RevenueInMonths(const Snapshot& snap, AccountIndex a, MonthIndex first, MonthIndex last) {
  const snapshot::IndexRange range = snap.RevenueOf(a);
  const auto months_begin = snap.revenue_month.begin();
  // Months are sorted within the account: two binary searches and one subtraction of
  // running sums.
  const auto lo = std::lower_bound(months_begin + range.begin, months_begin + range.end, first);
  const auto hi = std::upper_bound(lo, months_begin + range.end, last);
  return snap.revenue_running[hi - months_begin] - snap.revenue_running[lo - months_begin];
}

InvitationCounts InvitationsOfContact(const Snapshot& snap, ContactIndex c, Day as_of,
                                      int window_days) {
  InvitationCounts counts;
  const snapshot::IndexRange invitations = snap.InvitationsOf(c);
  // Sorted by sent_on: scan back from the latest until the window starts.
  for (uint32_t i = invitations.end; i > invitations.begin; --i) {
    const Day sent = snap.invitation_sent_on[i - 1];
    if (sent > as_of) continue;
    if (sent <= as_of - window_days) break;
    ++counts.sent;
    if (snap.invitation_answered_on[i - 1] <= as_of) ++counts.answered;
  }
  return counts;
}

namespace {

std::vector<AccountIndex> ParetoOrder(const Snapshot& snap, const AccountFacts& facts) {
  // Sort plain (TTM, index) pairs, which compare without touching the ids, then order
  // each run of equal TTM by account_id.
  std::vector<std::pair<Cents, AccountIndex>> keyed;
  for (AccountIndex a = 0; a < snap.account_count(); ++a) {
    if (facts.active[a]) keyed.emplace_back(-facts.ttm[a], a);
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<AccountIndex> order(keyed.size());
  for (size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].second;
  for (size_t begin = 0; begin < keyed.size();) {
    size_t end = begin + 1;
    while (end < keyed.size() && keyed[end].first == keyed[begin].first) ++end;
    if (end - begin > 1) {
      std::sort(order.begin() + static_cast<ptrdiff_t>(begin),
                order.begin() + static_cast<ptrdiff_t>(end),
                [&snap](AccountIndex x, AccountIndex y) {
                  return snap.account_id[x] < snap.account_id[y];
                });
    }
    begin = end;
  }
  return order;
}

}  // namespace

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

// Contact scores of the contacts of accounts [begin, end), and from them each account's
// score, answer count and category. metrics.md, Loyalty: weighted mean by role.
void ScoreAccountsIn(const Snapshot& snap, size_t begin, size_t end, Day as_of,
                     const MetricParams& params, std::vector<int32_t>& contact_score,
                     std::vector<double>& score, std::vector<int32_t>& answers,
                     std::vector<Category>& category) {
  for (size_t a = begin; a < end; ++a) {
    const snapshot::IndexRange contacts = snap.ContactsOf(static_cast<AccountIndex>(a));
    double weighted = 0, weights = 0;
    int32_t n = 0;
    for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
      const int32_t r =
          ContactScoreResponse(snap, static_cast<ContactIndex>(c), as_of, params.window_days);
      contact_score[c] = r;
      if (r == snapshot::kNone) continue;
      const double w = params.role_weights[static_cast<size_t>(snap.contact_role[c])];
      weighted += w * snap.response_score[r];
      weights += w;
      ++n;
    }
    answers[a] = n;
    if (n > 0 && weights > 0) {
      score[a] = weighted / weights;
      category[a] = CategoryOfAccountScore(score[a]);
    }
  }
}

}  // namespace

AccountFacts ComputeAccountFacts(const Snapshot& snap, Day as_of, const MetricParams& params) {
  AccountFacts facts;
  facts.as_of = as_of;
  const size_t accounts = static_cast<size_t>(snap.account_count());
  facts.active.resize(accounts);
  facts.ttm.resize(accounts);
  facts.ttm_prior.resize(accounts);
  facts.invitations.resize(accounts);
  facts.contact_score_response.resize(static_cast<size_t>(snap.contact_count()));
  facts.account_score.assign(accounts, 0.0);
  facts.account_answers.assign(accounts, 0);
  facts.account_category.assign(accounts, Category::kNonResponder);
  const MonthIndex month = MonthOf(as_of);
  // One pass over the accounts, each with its contacts: they are stored side by side.
  internal::ParallelChunks(accounts, [&](size_t begin, size_t end) {
    for (size_t a = begin; a < end; ++a) {
      const AccountIndex account = static_cast<AccountIndex>(a);
      facts.active[a] = IsActive(snap, account, as_of) ? 1 : 0;
      facts.ttm[a] = RevenueInMonths(snap, account, month - 11, month);
      facts.ttm_prior[a] = RevenueInMonths(snap, account, month - 23, month - 12);
      const snapshot::IndexRange contacts = snap.ContactsOf(account);
      InvitationCounts& counts = facts.invitations[a];
      for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
        const InvitationCounts one =
            InvitationsOfContact(snap, static_cast<ContactIndex>(c), as_of, params.window_days);
        counts.sent += one.sent;
        counts.answered += one.answered;
      }
    }
    ScoreAccountsIn(snap, begin, end, as_of, params, facts.contact_score_response,
                    facts.account_score, facts.account_answers, facts.account_category);
  });
  facts.pareto_order = ParetoOrder(snap, facts);
  return facts;
}

std::vector<Category> AccountCategoriesAsOf(const Snapshot& snap, Day as_of,
                                            const MetricParams& params) {
  const size_t accounts = static_cast<size_t>(snap.account_count());
  std::vector<int32_t> contact_score(static_cast<size_t>(snap.contact_count()));
  std::vector<double> score(accounts, 0.0);
  std::vector<int32_t> answers(accounts, 0);
  std::vector<Category> category(accounts, Category::kNonResponder);
  internal::ParallelChunks(accounts, [&](size_t begin, size_t end) {
    ScoreAccountsIn(snap, begin, end, as_of, params, contact_score, score, answers, category);
  });
  return category;
}

}  // namespace bw::analytics
