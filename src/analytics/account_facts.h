// Per-contact and per-account facts as of a date that every figure starts from: which
// accounts are active, each contact's score, each account's score and category, TTM
// revenue, invitations, stakeholders, touchpoints and the account flags
// (shared/spec/metrics.md, Basics, Loyalty, Stakeholder map, Touchpoints). One walk over
// the accounts and their contacts computes all of it; pure functions of the snapshot.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

#include "analytics/params.h"
#include "core/date.h"
#include "core/money.h"
#include "core/uninitialized_allocator.h"
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
  bool operator==(const InvitationCounts&) const = default;
};

// Account flags (metrics.md, Stakeholder map and Touchpoints), declared in name order so
// that iterating bits lists them sorted by name.
enum class AccountFlag : uint8_t {
  kChampionLeft = 0,
  kExecutiveDetractor,
  kOverloaded,
  kSilent,
  kSingleThreaded,
  kSplitOpinion,
  kUnresponsive,
};
inline constexpr int kAccountFlagCount = 7;
// The flags of an account are a set of AccountFlag held in a uint32_t (AccountFact::flags,
// AccountBasics::flags): bit i for AccountFlag i. Read and write them through these.
inline constexpr uint32_t FlagBit(AccountFlag flag) { return 1u << static_cast<int>(flag); }
inline constexpr bool HasFlag(uint32_t flags, AccountFlag flag) {
  return (flags & FlagBit(flag)) != 0;
}
// `flags` with `flag` added when `on` (without a branch: the facts pass sets every flag of
// every account).
inline constexpr uint32_t WithFlag(uint32_t flags, AccountFlag flag, bool on) {
  return flags | (static_cast<uint32_t>(on) << static_cast<int>(flag));
}

// metrics.md, Account row: touchpoints as of T.
struct TouchpointCounts {
  std::optional<int> days_since_last;  // last non-marketing touchpoint on or before T
  // Last touchpoint the vendor started to work with the account (business review,
  // meeting, call, training): support tickets signal trouble, not engagement.
  std::optional<int> days_since_proactive;
  int marketing_emails_30d = 0;
  int support_tickets_90d = 0;
  bool operator==(const TouchpointCounts&) const = default;
};

// metrics.md, Stakeholder map: the current contacts of an account.
struct StakeholderCounts {
  int32_t current = 0;
  std::array<int32_t, kRoleCount> by_role = {0, 0, 0};
  bool operator==(const StakeholderCounts&) const = default;
};

// The facts of one account as of a date. One record per account rather than one column
// per fact: the pass that computes them writes a single stream per date, which the
// processor's prefetcher follows, instead of a dozen. Plain values without defaults, so
// that the records are allocated without being zeroed first (UninitializedAllocator): the
// facts pass writes every field of every record, starting from Empty().
//
// A new fact (e.g. a churn feature) is a field here, set in ComputeFactsOfAccount
// (account_facts.cc) for each date; Empty() gives its value without data, and the
// defaulted operator== compares it with the rest, so nothing else needs to list it.
struct AccountFact {
  Cents ttm;
  Cents ttm_prior;  // the 12 months before the TTM
  double score;     // account score; meaningful when answers > 0
  // Invitations over all the account's contacts (InvitationCounts).
  int64_t invitations_sent;
  int64_t invitations_answered;
  // Touchpoints (TouchpointCounts); -1: no such touchpoint.
  int32_t days_since_last;
  int32_t days_since_proactive;
  int32_t marketing_emails_30d;
  int32_t support_tickets_90d;
  // Current contacts (StakeholderCounts).
  int32_t contacts_current;
  std::array<int32_t, kRoleCount> contacts_by_role;
  // Contact scores by category (index: ContactCategoryIndex), contacts who left included:
  // the contact NPS counts them all (metrics.md, Loyalty).
  std::array<int32_t, 3> contact_categories;
  int32_t answers;    // number of contact scores
  uint32_t flags;     // a set of AccountFlag: HasFlag, Has
  Category category;  // kNonResponder without answers
  bool active;        // IsActive(as_of)

  // No answers, no revenue, nothing counted.
  static AccountFact Empty() {
    AccountFact f{};
    f.days_since_last = f.days_since_proactive = -1;
    f.category = Category::kNonResponder;
    return f;
  }
  bool operator==(const AccountFact&) const = default;
  bool Has(AccountFlag flag) const { return HasFlag(flags, flag); }
  InvitationCounts invitations() const { return {invitations_sent, invitations_answered}; }
  StakeholderCounts stakeholders() const { return {contacts_current, contacts_by_role}; }
  TouchpointCounts touchpoints() const {
    TouchpointCounts t;
    if (days_since_last >= 0) t.days_since_last = days_since_last;
    if (days_since_proactive >= 0) t.days_since_proactive = days_since_proactive;
    t.marketing_emails_30d = marketing_emails_30d;
    t.support_tickets_90d = support_tickets_90d;
    return t;
  }
};
static_assert(std::is_trivially_default_constructible_v<AccountFact>);

// Everything most figures start from, for every account and contact, as of one date:
// computed once and shared by the views of that date.
struct AccountFacts {
  Day as_of = 0;
  Day ttm_start = 0;  // the first day of the TTM months (metrics.md, Revenue retention: S)
  std::vector<AccountFact, UninitializedAllocator<AccountFact>> accounts;  // by account index
  // metrics.md, Key accounts: active accounts by TTM descending, then account_id ascending.
  std::vector<AccountIndex> pareto_order;
  std::vector<Cents> pareto_ttm;  // TTM of pareto_order[i], side by side for prefix sums
  // By contact: ContactScoreResponse or kNone (every entry written by the facts pass).
  std::vector<int32_t, UninitializedAllocator<int32_t>> contact_score_response;

  bool operator==(const AccountFacts&) const = default;
};

// The index of a contact score's category in AccountFact::contact_categories: 0 detractor
// (0-6), 1 passive (7-8), 2 promoter (9-10); the order of Category.
inline constexpr size_t ContactCategoryIndex(int score) {
  return static_cast<size_t>(score >= 7) + static_cast<size_t>(score >= 9);
}

// Computes AccountFacts as of `as_of`. O(accounts + contacts + responses + invitations +
// touchpoints) on the machine's cores, plus sorting the active accounts by TTM.
AccountFacts ComputeAccountFacts(const Snapshot& snap, Day as_of, const MetricParams& params);

// AccountFacts as of each of `dates`, in one walk over the snapshot (per kMaxFactDates
// dates): cheaper than one walk per date, since each row is loaded and decoded once.
std::vector<AccountFacts> ComputeAccountFacts(const Snapshot& snap, const std::vector<Day>& dates,
                                              const MetricParams& params);
inline constexpr size_t kMaxFactDates = 6;

// AccountFacts memoised per date, for a computation that needs the facts of several dates
// (T, T - 90 days for the health change, the campaign's classification day, a churn
// model's feature dates...): each date's facts are computed once, and the dates asked for
// together by Prepare() share the walks over the snapshot. Safe to call from several
// threads; the references returned stay valid as long as the memo.
class FactsByDate {
 public:
  // `snap` and `params` must outlive the memo.
  FactsByDate(const Snapshot& snap, const MetricParams& params) : snap_(snap), params_(params) {}
  FactsByDate(const FactsByDate&) = delete;
  FactsByDate& operator=(const FactsByDate&) = delete;

  // Computes the facts of those of `dates` not computed yet, in one walk per
  // kMaxFactDates dates.
  void Prepare(const std::vector<Day>& dates);
  // The facts as of `as_of` (computed now if Prepare did not ask for it).
  const AccountFacts& At(Day as_of);
  // AccountCategoriesAsOf(as_of): from the facts of that date when they are computed,
  // else by the cheaper pass over contact scores alone.
  const std::vector<Category>& CategoriesAt(Day as_of);

  const Snapshot& snapshot() const { return snap_; }
  const MetricParams& params() const { return params_; }

 private:
  const Snapshot& snap_;
  const MetricParams& params_;
  std::mutex mutex_;  // guards the maps (not the facts, which never change once stored)
  std::map<Day, std::unique_ptr<const AccountFacts>> facts_;
  std::map<Day, std::unique_ptr<const std::vector<Category>>> categories_;
};

// The day of the "prior category" of retention segments and the simulator's groups: T
// minus 12 calendar months (metrics.md, Revenue retention; clamped to the month's end).
inline Day PriorCategoryDay(Day as_of) { return AddMonths(as_of, -12); }

// metrics.md, Loyalty: the account category as of `as_of` for every account (active or not),
// from contact scores of the window ending then. Used for "prior category" segments.
std::vector<Category> AccountCategoriesAsOf(const Snapshot& snap, Day as_of,
                                            const MetricParams& params);

}  // namespace bw::analytics
