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
uint32_t FirstMonthAtOrAfter(const Snapshot& snap, uint32_t begin, uint32_t end, MonthIndex month) {
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

// A TTM as a sort key that orders TTMs descending as unsigned integers ascending: the sign
// bit flipped (signed to unsigned of the same order), then every bit inverted.
constexpr uint64_t kSignBit = uint64_t{1} << 63;
constexpr uint64_t DescendingKey(Cents ttm) { return ~(static_cast<uint64_t>(ttm) ^ kSignBit); }
constexpr Cents TtmOfDescendingKey(uint64_t key) { return static_cast<Cents>(~key ^ kSignBit); }
static_assert(DescendingKey(-1) > DescendingKey(0) && DescendingKey(0) > DescendingKey(1));
static_assert(TtmOfDescendingKey(DescendingKey(-123)) == -123);

// metrics.md, Key accounts: active accounts by TTM descending, then account_id ascending.
// Accounts are visited in account_id order and radix-sorted stably by descending TTM.
// Sets facts.pareto_order and facts.pareto_ttm.
void SortPareto(const Snapshot& snap, AccountFacts& facts) {
  // Keys by account_id rank, filled in account order: the scattered writes go to small
  // arrays that stay in the cache, where reading the facts in id order would miss it.
  const size_t n = facts.accounts.size();
  std::vector<uint64_t> key_by_rank(n);
  std::vector<uint8_t> active_by_rank(n, 0);
  for (size_t a = 0; a < n; ++a) {
    const AccountFact& account = facts.accounts[a];
    const size_t rank = static_cast<size_t>(snap.account_id_rank[a]);
    key_by_rank[rank] = DescendingKey(account.ttm);
    active_by_rank[rank] = account.active ? 1 : 0;
  }
  std::vector<std::pair<uint64_t, AccountIndex>> keyed;
  keyed.reserve(n);
  for (size_t rank = 0; rank < n; ++rank) {
    if (active_by_rank[rank]) keyed.emplace_back(key_by_rank[rank], snap.accounts_by_id[rank]);
  }
  internal::StableRadixSort(keyed);
  facts.pareto_order.resize(keyed.size());
  facts.pareto_ttm.resize(keyed.size());
  for (size_t i = 0; i < keyed.size(); ++i) {
    facts.pareto_order[i] = keyed[i].second;
    facts.pareto_ttm[i] = TtmOfDescendingKey(keyed[i].first);
  }
}

// The figures below scan the rows of one account in flat loops without a branch per row:
// its contacts are contiguous, and so are the responses and invitations of those contacts
// (grouped by contact) and its touchpoints. Branches that depend on the data would be
// mispredicted about half the time. Each loop computes every requested date at once, so a
// row is loaded and decoded once however many dates a refresh asks for.

// The dates of one walk, with the bounds the figures compare against. K is a constant so
// that the loops over dates unroll and their tallies stay in registers.
template <size_t K>
struct Dates {
  static constexpr size_t count = K;
  std::array<Day, K> as_of;
  std::array<Day, K> window_start;    // as_of - W: responses and invitations after it count
  std::array<Day, K> champion_since;  // as_of - champion_left_days
  std::array<MonthIndex, K> month;

  Dates(const Day* days, const MetricParams& params) {
    for (size_t d = 0; d < K; ++d) {
      as_of[d] = days[d];
      window_start[d] = days[d] - params.window_days;
      champion_since[d] = days[d] - params.champion_left_days;
      month[d] = MonthOf(days[d]);
    }
  }
};

// Per-thread scratch: the contact scores of the account at hand, by date.
struct Scratch {
  std::vector<int8_t> score;  // [date * contacts + contact offset], -1 = no contact score
  int8_t* For(size_t dates, snapshot::IndexRange contacts) {
    if (score.size() < dates * contacts.size()) score.resize(dates * contacts.size());
    return score.data();
  }
};

// metrics.md, Basics: contact score: for each date d and contact c of `contacts`, the
// latest response with as_of - W < responded_on <= as_of into latest[d][c] (kNone without
// one), and its score into score[d * contacts + c - contacts.begin] (-1 without one).
template <size_t K>
void LatestResponses(const Snapshot& snap, snapshot::IndexRange contacts, const Dates<K>& dates,
                     int32_t* const* latest, int8_t* score) {
  const size_t n = contacts.size();
  for (size_t d = 0; d < dates.count; ++d) {
    std::fill(latest[d] + contacts.begin, latest[d] + contacts.end, snapshot::kNone);
    std::fill(score + d * n, score + (d + 1) * n, int8_t{-1});
  }
  const uint32_t begin = snap.contact_responses_begin[contacts.begin];
  const uint32_t end = snap.contact_responses_begin[contacts.end];
  // Sorted by (day, response_id) within each contact: the last one in the window wins.
  for (uint32_t r = begin; r < end; ++r) {
    const Day day = snap.response_day[r];
    const uint32_t c = static_cast<uint32_t>(snap.response_contact[r]);
    const int8_t value = static_cast<int8_t>(snap.response_score[r]);
    for (size_t d = 0; d < dates.count; ++d) {
      const bool in_window = (day <= dates.as_of[d]) & (day > dates.window_start[d]);
      latest[d][c] = in_window ? static_cast<int32_t>(r) : latest[d][c];
      int8_t& s = score[d * n + c - contacts.begin];
      s = in_window ? value : s;
    }
  }
}

// metrics.md, Loyalty: the account score, the mean of all contact scores (contacts who
// left included) weighted by role, accumulated one contact at a time.
struct AccountScore {
  double weighted = 0, weights = 0;
  int32_t answers = 0;

  // Adds a contact with score s (-1: no contact score) and role weight w.
  void Add(int s, double w) {
    const bool answered = s >= 0;
    weighted += answered ? w * s : 0.0;
    weights += answered ? w : 0.0;
    answers += answered;
  }
  // Sets the fact's score, answers and category.
  void Into(double& score, int32_t& answer_count, Category& category) const {
    answer_count = answers;
    if (answers > 0 && weights > 0) {
      score = weighted / weights;
      category = CategoryOfAccountScore(score);
    }
  }
};

// metrics.md, Loyalty: response rate inputs of an account as of each date: invitations of
// all its contacts sent in the window, and how many of them are answered then.
template <size_t K>
void CountInvitations(const Snapshot& snap, snapshot::IndexRange contacts, const Dates<K>& dates,
                      AccountFact* const* out) {
  const uint32_t begin = snap.contact_invitations_begin[contacts.begin];
  const uint32_t end = snap.contact_invitations_begin[contacts.end];
  std::array<int32_t, K> sent{}, answered{};
  for (uint32_t i = begin; i < end; ++i) {
    const Day day = snap.invitation_sent_on[i];
    const Day answered_on = snap.invitation_answered_on[i];
    for (size_t d = 0; d < dates.count; ++d) {
      const int32_t in_window = (day <= dates.as_of[d]) & (day > dates.window_start[d]);
      sent[d] += in_window;
      answered[d] += in_window & (answered_on <= dates.as_of[d]);
    }
  }
  for (size_t d = 0; d < dates.count; ++d) {
    out[d]->invitations_sent = sent[d];
    out[d]->invitations_answered = answered[d];
  }
}

// The touchpoints the vendor starts to work with the account (business review, meeting,
// call, training): support tickets signal trouble, not engagement. A set of kinds held as
// bits (bit i for TouchpointType i), so that the touchpoints loop tests a kind with a
// shift: no branch, no load.
constexpr uint32_t TypeBit(TouchpointType type) { return 1u << static_cast<int>(type); }
constexpr uint32_t kProactiveTypes =
    TypeBit(TouchpointType::kBusinessReview) | TypeBit(TouchpointType::kMeeting) |
    TypeBit(TouchpointType::kCall) | TypeBit(TouchpointType::kTraining);
constexpr bool IsProactive(TouchpointType type) {
  return ((kProactiveTypes >> static_cast<int>(type)) & 1u) != 0;
}
static_assert(IsProactive(TouchpointType::kCall) && !IsProactive(TouchpointType::kSupportTicket));

// metrics.md, Account row: touchpoints as of each date.
template <size_t K>
void CountTouchpoints(const Snapshot& snap, AccountIndex a, const Dates<K>& dates,
                      AccountFact* const* out) {
  std::array<Day, K> last, proactive;
  last.fill(kNoDay);
  proactive.fill(kNoDay);
  std::array<int32_t, K> emails{}, tickets{};
  const snapshot::IndexRange range = snap.TouchpointsOf(a);
  // Sorted by day: the last match of a kind is the latest.
  for (uint32_t i = range.begin; i < range.end; ++i) {
    const Day day = snap.touchpoint_day[i];
    const TouchpointType type = snap.touchpoint_type[i];
    const bool marketing = type == TouchpointType::kMarketingEmail;
    const bool ticket = type == TouchpointType::kSupportTicket;
    const bool engaging = IsProactive(type);
    for (size_t d = 0; d < dates.count; ++d) {
      const Day as_of = dates.as_of[d];
      const bool valid = day <= as_of;
      emails[d] += valid & marketing & (day > as_of - 30);
      const bool other = valid & !marketing;
      last[d] = other ? day : last[d];
      tickets[d] += other & ticket & (day > as_of - 90);
      proactive[d] = (valid & engaging) ? day : proactive[d];
    }
  }
  for (size_t d = 0; d < dates.count; ++d) {
    AccountFact& f = *out[d];
    f.marketing_emails_30d = emails[d];
    f.support_tickets_90d = tickets[d];
    f.days_since_last = last[d] != kNoDay ? dates.as_of[d] - last[d] : -1;
    f.days_since_proactive = proactive[d] != kNoDay ? dates.as_of[d] - proactive[d] : -1;
  }
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

// What an account's contacts say as of each date, besides the account score: current
// contacts by role, contact scores by category, and the flags that come from contacts.
struct ContactTally {
  StakeholderCounts stakeholders;
  std::array<int32_t, 3> categories = {0, 0, 0};  // detractor, passive, promoter
  std::array<int32_t, kRoleCount> role_sum = {0, 0, 0}, role_answers = {0, 0, 0};
  bool executive_detractor = false;
  bool champion_left = false;
  AccountScore score;
};

template <size_t K>
void TallyContacts(const Snapshot& snap, snapshot::IndexRange contacts, const Dates<K>& dates,
                   const int8_t* score, const MetricParams& params,
                   std::array<ContactTally, K>& tallies) {
  const size_t n = contacts.size();
  for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
    const Day left_on = snap.contact_left_on[c];
    const size_t role = static_cast<size_t>(snap.contact_role[c]);
    const bool decision_maker = snap.contact_role[c] == Role::kDecisionMaker;
    const double weight = params.role_weights[role];
    for (size_t d = 0; d < dates.count; ++d) {
      ContactTally& t = tallies[d];
      const int s = score[d * n + c - contacts.begin];
      const bool answered = s >= 0;
      t.score.Add(s, weight);
      t.categories[ContactCategoryIndex(s)] += answered;
      const bool current = (left_on == kNoDay) | (left_on > dates.as_of[d]);
      t.stakeholders.current += current;
      t.stakeholders.by_role[role] += current;
      const bool counted = current & answered;
      t.role_sum[role] += counted ? s : 0;
      t.role_answers[role] += counted;
      t.executive_detractor |= counted & decision_maker & (s <= 6);
      // Rare: a contact who left recently. Only then look at the responses before leaving.
      if (!current && left_on > dates.champion_since[d] && !t.champion_left) {
        t.champion_left = ChampionLeft(snap, c, dates.as_of[d], params.champion_left_days);
      }
    }
  }
}

// metrics.md: split_opinion: one role's mean >= 9 while another's <= 6.
bool SplitOpinion(const ContactTally& t) {
  bool high = false, low = false;
  for (size_t role = 0; role < kRoleCount; ++role) {
    // mean >= 9 and mean <= 6, in integers: sum >= 9 n and sum <= 6 n.
    const int32_t n = t.role_answers[role], sum = t.role_sum[role];
    high = high || (n > 0 && sum >= 9 * n);
    low = low || (n > 0 && sum <= 6 * n);
  }
  return high && low;
}

// The flags of an account as of one date (metrics.md, Stakeholder map, Touchpoints).
uint32_t FlagsOf(const ContactTally& t, const TouchpointCounts& touchpoints,
                 const InvitationCounts& invitations, const MetricParams& params) {
  uint32_t flags = 0;
  flags = WithFlag(flags, AccountFlag::kChampionLeft, t.champion_left);
  flags = WithFlag(flags, AccountFlag::kExecutiveDetractor, t.executive_detractor);
  flags = WithFlag(flags, AccountFlag::kSplitOpinion, SplitOpinion(t));
  flags = WithFlag(flags, AccountFlag::kSingleThreaded, t.stakeholders.current < 2);
  flags =
      WithFlag(flags, AccountFlag::kSilent,
               !touchpoints.days_since_last || *touchpoints.days_since_last > params.silent_days);
  flags = WithFlag(flags, AccountFlag::kOverloaded,
                   touchpoints.marketing_emails_30d > params.overloaded_marketing_emails);
  flags = WithFlag(flags, AccountFlag::kUnresponsive,
                   invitations.sent > 0 && invitations.answered == 0);
  return flags;
}

// Every fact of account a as of each date into facts[d].
template <size_t K>
void ComputeFactsOfAccount(const Snapshot& snap, AccountIndex a, const MetricParams& params,
                           const Dates<K>& dates, Scratch& scratch, AccountFacts* const* facts,
                           int32_t* const* latest) {
  // Built here and stored once: the output records are written whole, in one go.
  std::array<AccountFact, K> local;
  local.fill(AccountFact::Empty());
  std::array<AccountFact*, K> out;
  for (size_t d = 0; d < K; ++d) {
    AccountFact& f = *(out[d] = &local[d]);
    f.active = IsActive(snap, a, dates.as_of[d]);
    f.ttm = RevenueInMonths(snap, a, dates.month[d] - 11, dates.month[d]);
    f.ttm_prior = RevenueInMonths(snap, a, dates.month[d] - 23, dates.month[d] - 12);
  }
  const snapshot::IndexRange contacts = snap.ContactsOf(a);
  int8_t* score = scratch.For(K, contacts);
  LatestResponses(snap, contacts, dates, latest, score);
  CountInvitations(snap, contacts, dates, out.data());
  CountTouchpoints(snap, a, dates, out.data());
  std::array<ContactTally, K> tallies{};
  TallyContacts(snap, contacts, dates, score, params, tallies);
  for (size_t d = 0; d < K; ++d) {
    AccountFact& f = *out[d];
    tallies[d].score.Into(f.score, f.answers, f.category);
    f.contacts_current = tallies[d].stakeholders.current;
    f.contacts_by_role = tallies[d].stakeholders.by_role;
    f.contact_categories = tallies[d].categories;
    f.flags = FlagsOf(tallies[d], f.touchpoints(), f.invitations(), params);
    facts[d]->accounts[a] = f;
  }
}

// Facts as of K dates into facts[0..K) (sized already), in one walk over the accounts.
template <size_t K>
void WalkAccounts(const Snapshot& snap, const Day* days, const MetricParams& params,
                  AccountFacts* const* facts) {
  const Dates<K> dates(days, params);
  std::array<int32_t*, K> latest;
  for (size_t d = 0; d < K; ++d) latest[d] = facts[d]->contact_score_response.data();
  internal::ParallelChunks(static_cast<size_t>(snap.account_count()),
                           [&](size_t begin, size_t end) {
                             Scratch scratch;
                             for (size_t a = begin; a < end; ++a) {
                               ComputeFactsOfAccount(snap, static_cast<AccountIndex>(a), params,
                                                     dates, scratch, facts, latest.data());
                             }
                           });
}

// WalkAccounts<count> for a count (1 to kMaxFactDates) known at run time.
template <size_t... kMinusOne>
void WalkAccounts(size_t count, std::index_sequence<kMinusOne...>, const Snapshot& snap,
                  const Day* days, const MetricParams& params, AccountFacts* const* facts) {
  ((count == kMinusOne + 1 ? WalkAccounts<kMinusOne + 1>(snap, days, params, facts) : void()), ...);
}

}  // namespace

std::vector<AccountFacts> ComputeAccountFacts(const Snapshot& snap, const std::vector<Day>& days,
                                              const MetricParams& params) {
  const size_t accounts = static_cast<size_t>(snap.account_count());
  std::vector<AccountFacts> all(days.size());
  std::vector<AccountFacts*> facts;
  for (AccountFacts& f : all) facts.push_back(&f);
  // Tens of megabytes to initialise: the dates on all cores.
  internal::ParallelTasks(days.size(), [&](size_t d) {
    AccountFacts& f = all[d];
    f.as_of = days[d];
    f.ttm_start = FirstDayOf(MonthOf(days[d]) - 11);
    f.accounts.resize(accounts);
    f.contact_score_response.resize(static_cast<size_t>(snap.contact_count()));
  });
  // Up to kMaxFactDates dates per walk.
  for (size_t first = 0; first < days.size(); first += kMaxFactDates) {
    const size_t count = std::min(kMaxFactDates, days.size() - first);
    const Day* d = days.data() + first;
    AccountFacts* const* f = facts.data() + first;
    WalkAccounts(count, std::make_index_sequence<kMaxFactDates>{}, snap, d, params, f);
  }
  internal::ParallelTasks(all.size(), [&](size_t d) { SortPareto(snap, all[d]); });
  return all;
}

AccountFacts ComputeAccountFacts(const Snapshot& snap, Day as_of, const MetricParams& params) {
  std::vector<AccountFacts> facts = ComputeAccountFacts(snap, std::vector<Day>{as_of}, params);
  return std::move(facts.front());
}

std::vector<Category> AccountCategoriesAsOf(const Snapshot& snap, Day as_of,
                                            const MetricParams& params) {
  const size_t accounts = static_cast<size_t>(snap.account_count());
  const Dates<1> dates(&as_of, params);
  // Every entry is written (LatestResponses), so it is allocated without zeroing.
  std::vector<int32_t, UninitializedAllocator<int32_t>> latest(
      static_cast<size_t>(snap.contact_count()));
  int32_t* const latest_of_date[] = {latest.data()};
  std::vector<Category> category(accounts, Category::kNonResponder);
  internal::ParallelChunks(accounts, [&](size_t begin, size_t end) {
    Scratch scratch;
    for (size_t a = begin; a < end; ++a) {
      const snapshot::IndexRange contacts = snap.ContactsOf(static_cast<AccountIndex>(a));
      int8_t* scores = scratch.For(1, contacts);
      LatestResponses(snap, contacts, dates, latest_of_date, scores);
      AccountScore score;
      for (uint32_t c = contacts.begin; c < contacts.end; ++c) {
        score.Add(scores[c - contacts.begin],
                  params.role_weights[static_cast<size_t>(snap.contact_role[c])]);
      }
      double value = 0;
      int32_t answers = 0;
      score.Into(value, answers, category[a]);
    }
  });
  return category;
}

// The maps are only locked to look up and to insert: the facts are computed outside the
// lock, so that threads asking for dates already known never wait for a computation. Two
// threads computing the same date at once both get the first one stored (equal anyway).
void FactsByDate::Prepare(const std::vector<Day>& dates) {
  std::vector<Day> missing;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (const Day day : dates) {
      if (!facts_.contains(day) &&
          std::find(missing.begin(), missing.end(), day) == missing.end()) {
        missing.push_back(day);
      }
    }
  }
  if (missing.empty()) return;
  std::vector<AccountFacts> computed = ComputeAccountFacts(snap_, missing, params_);
  const std::lock_guard<std::mutex> lock(mutex_);
  for (size_t d = 0; d < missing.size(); ++d) {
    facts_.try_emplace(missing[d], std::make_unique<const AccountFacts>(std::move(computed[d])));
  }
}

const AccountFacts& FactsByDate::At(Day as_of) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    auto known = facts_.find(as_of);
    if (known != facts_.end()) return *known->second;
  }
  Prepare({as_of});
  const std::lock_guard<std::mutex> lock(mutex_);
  return *facts_.at(as_of);
}

const std::vector<Category>& FactsByDate::CategoriesAt(Day as_of) {
  const AccountFacts* facts = nullptr;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    auto known = categories_.find(as_of);
    if (known != categories_.end()) return *known->second;
    auto computed = facts_.find(as_of);
    if (computed != facts_.end()) facts = computed->second.get();
  }
  std::vector<Category> categories;
  if (facts != nullptr) {
    categories.reserve(facts->accounts.size());
    for (const AccountFact& f : facts->accounts) categories.push_back(f.category);
  } else {
    categories = AccountCategoriesAsOf(snap_, as_of, params_);
  }
  const std::lock_guard<std::mutex> lock(mutex_);
  return *categories_
              .try_emplace(as_of,
                           std::make_unique<const std::vector<Category>>(std::move(categories)))
              .first->second;
}

}  // namespace bw::analytics
