// Per-contact and per-account facts as of a date that most figures start from: which
// accounts are active, each contact's score, each account's score and category, and TTM
// revenue (shared/spec/metrics.md, Basics and Loyalty). Pure functions of the snapshot.
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/params.h"
#include "core/date.h"
#include "core/money.h"
#include "snapshot/snapshot.h"

namespace bw::analytics {

using snapshot::AccountIndex;
using snapshot::ContactIndex;
using snapshot::Snapshot;

// metrics.md, Basics: active at day d: (created_on empty or <= d) and (churned_on empty or > d).
inline bool IsActive(const Snapshot& snap, AccountIndex a, Day d) {
  return (snap.created_on[a] == kNoDay || snap.created_on[a] <= d) &&
         (snap.churned_on[a] == kNoDay || snap.churned_on[a] > d);
}

// metrics.md, Basics: current contact: left_on empty or > T.
inline bool IsCurrentContact(const Snapshot& snap, ContactIndex c, Day as_of) {
  return snap.contact_left_on[c] == kNoDay || snap.contact_left_on[c] > as_of;
}

// Revenue of account a over the months [first, last], in cents.
Cents RevenueInMonths(const Snapshot& snap, AccountIndex a, MonthIndex first, MonthIndex last);

// metrics.md, Basics: TTM revenue: the 12 months ending with as_of's month.
inline Cents TtmRevenue(const Snapshot& snap, AccountIndex a, Day as_of) {
  const MonthIndex m = MonthOf(as_of);
  return RevenueInMonths(snap, a, m - 11, m);
}

// metrics.md, Basics: contact score: index of the latest response of contact c with
// as_of - window < responded_on <= as_of (ties: greater response_id), or snapshot::kNone.
int32_t ContactScoreResponse(const Snapshot& snap, ContactIndex c, Day as_of, int window_days);

// metrics.md, Loyalty: response rate inputs: invitations sent in the window
// (T - W < sent_on <= T) and how many a response of the same contact and survey
// (responded_on <= T) answers.
struct InvitationCounts {
  int64_t sent = 0;
  int64_t answered = 0;
};
InvitationCounts InvitationsOfContact(const Snapshot& snap, ContactIndex c, Day as_of,
                                      int window_days);

// Everything most figures start from, for every account and contact, as of one date:
// computed once and shared by the views of that date.
struct AccountFacts {
  Day as_of = 0;
  std::vector<uint8_t> active;                // by account: IsActive(as_of)
  std::vector<Cents> ttm;                     // by account
  std::vector<Cents> ttm_prior;               // by account: the 12 months before the TTM
  std::vector<InvitationCounts> invitations;  // by account, over all its contacts
  // metrics.md, Key accounts: active accounts by TTM descending, then account_id ascending.
  std::vector<AccountIndex> pareto_order;
  std::vector<int32_t> contact_score_response;  // by contact: ContactScoreResponse or kNone
  std::vector<double> account_score;            // by account; meaningful when answers > 0
  std::vector<int32_t> account_answers;         // by account: number of contact scores
  std::vector<Category> account_category;       // by account; kNonResponder without answers
};

// Computes AccountFacts as of `as_of`. O(accounts + contacts + responses + revenue).
AccountFacts ComputeAccountFacts(const Snapshot& snap, Day as_of, const MetricParams& params);

// metrics.md, Loyalty: the account category as of `as_of` for every account (active or not),
// from contact scores of the window ending then. Used for "prior category" segments.
std::vector<Category> AccountCategoriesAsOf(const Snapshot& snap, Day as_of,
                                            const MetricParams& params);

}  // namespace bw::analytics
