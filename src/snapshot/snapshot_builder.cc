#include "snapshot/snapshot_builder.h"

#include <algorithm>
#include <mutex>
#include <numeric>

#include "core/executor.h"
#include "core/huge_page_allocator.h"

namespace bw::snapshot {

using Staging = internal::BuilderStaging;

namespace {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using InternMap = std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>>;

// The id of `name` in `names`, adding it when new. Survey waves, drivers and signal names
// are few (tens) but are looked up for millions of rows: up to kLinearNames names a scan
// of the list beats hashing the name; past that the map takes over.
int32_t Intern(InternMap& map, std::vector<std::string>& names, std::string_view name) {
  constexpr size_t kLinearNames = 32;
  if (map.empty()) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<int32_t>(i);
    }
    if (names.size() < kLinearNames) {
      names.emplace_back(name);
      return static_cast<int32_t>(names.size() - 1);
    }
    for (size_t i = 0; i < names.size(); ++i) map.emplace(names[i], static_cast<int32_t>(i));
  }
  auto it = map.find(name);
  if (it != map.end()) return it->second;
  const int32_t id = static_cast<int32_t>(names.size());
  names.emplace_back(name);
  map.emplace(std::string(name), id);
  return id;
}

// Stable counting sort by group key: returns the CSR begin offsets (size groups + 1) and
// fills `order` with the source positions in grouped order.
template <typename Keys>
std::vector<uint32_t> GroupOrder(const Keys& keys, int32_t groups, std::vector<uint32_t>& order) {
  std::vector<uint32_t> begin(static_cast<size_t>(groups) + 1, 0);
  for (int32_t k : keys) ++begin[static_cast<size_t>(k) + 1];
  for (size_t g = 1; g < begin.size(); ++g) begin[g] += begin[g - 1];
  std::vector<uint32_t> cursor(begin.begin(), begin.end() - 1);
  order.assign(keys.size(), 0);
  for (uint32_t i = 0; i < keys.size(); ++i) order[cursor[keys[i]]++] = i;
  return begin;
}

// GroupOrder, then each group's positions stable-sorted by `less` on source positions.
template <typename Keys, typename Less>
std::vector<uint32_t> GroupSorted(const Keys& keys, int32_t groups, std::vector<uint32_t>& order,
                                  const Less& less) {
  std::vector<uint32_t> begin = GroupOrder(keys, groups, order);
  for (int32_t g = 0; g < groups; ++g) {
    if (begin[g + 1] - begin[g] > 1) {
      std::stable_sort(order.begin() + begin[g], order.begin() + begin[g + 1], less);
    }
  }
  return begin;
}

template <typename T, typename Allocator>
std::vector<T> Permuted(std::vector<T, Allocator>& source, const std::vector<uint32_t>& order) {
  std::vector<T> out;
  if (source.empty()) return out;
  out.reserve(order.size());
  for (uint32_t i : order) out.push_back(std::move(source[i]));
  source.clear();
  source.shrink_to_fit();
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

// What the builder holds until Finish(): the records' columns in arrival order and the
// maps that intern names and look keys up.
struct internal::BuilderStaging {
  InternMap account_index;
  InternMap contact_index;
  InternMap survey_index;  // invitation surveys: snapshot.survey_names
  // Response surveys are interned apart (responses and invitations may arrive on different
  // threads) and merged into survey_names by Finish().
  InternMap response_survey_index;
  std::vector<std::string> response_survey_names;
  // Guards the key maps and the last-account cache: the fallback for records without
  // ordinals, which may come from several threads.
  std::mutex lookup_mutex;
  InternMap driver_index;
  InternMap signal_index;
  // The last account looked up: revenue and signal rows usually come grouped by account.
  std::string last_account_id;
  AccountIndex last_account = kNone;

  // Contacts in file order (staged index), regrouped by account in Finish().
  HugePageVector<int32_t> contact_account;
  HugePageVector<Role> contact_role;
  HugePageVector<Day> contact_left_on;
  std::vector<std::string> contact_id, contact_name, contact_email;

  HugePageVector<int32_t> revenue_account;
  HugePageVector<MonthIndex> revenue_month;
  HugePageVector<Cents> revenue_cents;
  Cents revenue_total = 0;  // of all rows, held to kMaxTotalRevenueCents

  HugePageVector<int32_t> response_contact;
  HugePageVector<Day> response_day;
  HugePageVector<uint8_t> response_score;
  HugePageVector<int32_t> response_survey;
  std::vector<std::string> response_id, response_comment;
  HugePageVector<uint32_t> response_driver_count;
  HugePageVector<int32_t> driver_ids;

  HugePageVector<int32_t> invitation_contact;
  HugePageVector<Day> invitation_day;
  HugePageVector<int32_t> invitation_survey;
  std::vector<std::string> invitation_id;

  HugePageVector<int32_t> touchpoint_account, touchpoint_contact;
  HugePageVector<Day> touchpoint_day;
  HugePageVector<TouchpointType> touchpoint_type;
  std::vector<std::string> touchpoint_id;

  HugePageVector<int32_t> signal_account, signal_name;
  HugePageVector<Day> signal_day;
  HugePageVector<double> signal_value;
};

SnapshotBuilder::SnapshotBuilder(SnapshotOptions options)
    : options_(options),
      snapshot_(std::make_unique<Snapshot>()),
      staging_(std::make_unique<Staging>()) {}

SnapshotBuilder::~SnapshotBuilder() = default;

void SnapshotBuilder::ExpectRecords(RecordKind kind, size_t n) {
  Staging& s = *staging_;
  Snapshot& snap = *snapshot_;
  auto reserve = [n](auto&... columns) { (columns.reserve(columns.size() + n), ...); };
  switch (kind) {
    case RecordKind::kAccount:
      reserve(snap.account_id, snap.account_name, snap.industry, snap.region, snap.owner,
              snap.acquisition, snap.created_on, snap.churned_on);
      break;
    case RecordKind::kContact:
      reserve(s.contact_account, s.contact_role, s.contact_left_on, s.contact_id);
      break;
    case RecordKind::kRevenue:
      reserve(s.revenue_account, s.revenue_month, s.revenue_cents);
      break;
    case RecordKind::kInvitation:
      reserve(s.invitation_contact, s.invitation_day, s.invitation_survey);
      break;
    case RecordKind::kResponse:
      reserve(s.response_contact, s.response_day, s.response_score, s.response_survey,
              s.response_id, s.response_driver_count);
      break;
    case RecordKind::kTouchpoint:
      reserve(s.touchpoint_account, s.touchpoint_contact, s.touchpoint_day, s.touchpoint_type);
      break;
    case RecordKind::kSignal:
      reserve(s.signal_account, s.signal_name, s.signal_day, s.signal_value);
      break;
  }
}

Result<AccountIndex> SnapshotBuilder::LookupAccount(std::string_view id, int32_t ordinal) {
  Staging& s = *staging_;
  const int32_t accounts = snapshot_->account_count();
  if (ordinal != kNoOrdinal) {
    if (ordinal < 0 || ordinal >= accounts) {
      return InvalidArgument("snapshot: account ordinal " + std::to_string(ordinal) +
                             " out of range for \"" + std::string(id) + "\"");
    }
    return ordinal;
  }
  const std::lock_guard<std::mutex> lock(s.lookup_mutex);
  if (s.last_account != kNone && s.last_account_id == id) return s.last_account;
  // Built on the first lookup by key only: producers that pass ordinals never pay for it.
  for (int32_t a = static_cast<int32_t>(s.account_index.size()); a < accounts; ++a) {
    s.account_index.emplace(snapshot_->account_id[a], a);
  }
  auto it = s.account_index.find(id);
  if (it == s.account_index.end()) {
    return InvalidArgument("snapshot: unknown account \"" + std::string(id) + "\"");
  }
  s.last_account_id.assign(id);
  s.last_account = it->second;
  return it->second;
}

Result<ContactIndex> SnapshotBuilder::LookupContact(std::string_view id, int32_t ordinal) {
  Staging& s = *staging_;
  const int32_t contacts = static_cast<int32_t>(s.contact_account.size());
  if (ordinal != kNoOrdinal) {
    if (ordinal < 0 || ordinal >= contacts) {
      return InvalidArgument("snapshot: contact ordinal " + std::to_string(ordinal) +
                             " out of range for \"" + std::string(id) + "\"");
    }
    return ordinal;
  }
  const std::lock_guard<std::mutex> lock(s.lookup_mutex);
  for (int32_t c = static_cast<int32_t>(s.contact_index.size()); c < contacts; ++c) {
    s.contact_index.emplace(s.contact_id[c], c);
  }
  auto it = s.contact_index.find(id);
  if (it == s.contact_index.end()) {
    return InvalidArgument("snapshot: unknown contact \"" + std::string(id) + "\"");
  }
  return it->second;
}

Status SnapshotBuilder::OnAccount(const AccountRecord& r) {
  Snapshot& snap = *snapshot_;
  snap.account_id.emplace_back(r.account_id);
  snap.account_name.emplace_back(r.name);
  snap.industry.emplace_back(r.industry);
  snap.region.emplace_back(r.region);
  snap.owner.emplace_back(r.owner);
  snap.acquisition.push_back(r.acquisition);
  snap.created_on.push_back(r.created_on);
  snap.churned_on.push_back(r.churned_on);
  return Status::Ok();
}

Status SnapshotBuilder::OnContact(const ContactRecord& r) {
  Staging& s = *staging_;
  BW_ASSIGN_OR_RETURN(const AccountIndex account, LookupAccount(r.account_id, r.account_ordinal));
  s.contact_account.push_back(account);
  s.contact_role.push_back(r.role);
  s.contact_left_on.push_back(r.left_on);
  s.contact_id.emplace_back(r.contact_id);
  if (options_.keep_text) {
    s.contact_name.emplace_back(r.name);
    s.contact_email.emplace_back(r.email);
  }
  return Status::Ok();
}

Status SnapshotBuilder::OnRevenue(const RevenueRecord& r) {
  Staging& s = *staging_;
  BW_ASSIGN_OR_RETURN(const AccountIndex account, LookupAccount(r.account_id, r.account_ordinal));
  s.revenue_account.push_back(account);
  s.revenue_month.push_back(r.month);
  // The bound every revenue sum of the analytics relies on (core/money.h,
  // docs/limits.md). The importer holds data to it; this also covers a store written by
  // other means.
  if (r.amount < 0 || __builtin_add_overflow(s.revenue_total, r.amount, &s.revenue_total) ||
      s.revenue_total > kMaxTotalRevenueCents) {
    return InvalidArgument("revenue of account \"" + std::string(r.account_id) + "\" in " +
                           FormatMonth(r.month) + ": " + FormatMoney(r.amount) +
                           " is out of range, or the revenue adds up to more than " +
                           FormatMoney(kMaxTotalRevenueCents) + " (docs/limits.md)");
  }
  s.revenue_cents.push_back(r.amount);
  return Status::Ok();
}

Status SnapshotBuilder::OnInvitation(const InvitationRecord& r) {
  Staging& s = *staging_;
  BW_ASSIGN_OR_RETURN(const ContactIndex contact, LookupContact(r.contact_id, r.contact_ordinal));
  s.invitation_contact.push_back(contact);
  s.invitation_day.push_back(r.sent_on);
  s.invitation_survey.push_back(Intern(s.survey_index, snapshot_->survey_names, r.survey_id));
  if (options_.keep_text) s.invitation_id.emplace_back(r.invitation_id);
  return Status::Ok();
}

Status SnapshotBuilder::OnResponse(const ResponseRecord& r) {
  Staging& s = *staging_;
  BW_ASSIGN_OR_RETURN(const ContactIndex contact, LookupContact(r.contact_id, r.contact_ordinal));
  s.response_contact.push_back(contact);
  s.response_day.push_back(r.responded_on);
  s.response_score.push_back(static_cast<uint8_t>(r.score));
  s.response_survey.push_back(
      r.survey_id.empty() ? kNone
                          : Intern(s.response_survey_index, s.response_survey_names, r.survey_id));
  s.response_id.emplace_back(r.response_id);
  if (options_.keep_text) s.response_comment.emplace_back(r.comment);
  // metrics.md, Drivers: split on ';', trimmed, empty names dropped, once per response.
  const size_t first = s.driver_ids.size();
  std::string_view rest = r.drivers;
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    const std::string_view name = TrimSpaces(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    if (name.empty()) continue;
    const int32_t id = Intern(s.driver_index, snapshot_->driver_names, name);
    if (std::find(s.driver_ids.begin() + first, s.driver_ids.end(), id) == s.driver_ids.end()) {
      s.driver_ids.push_back(id);
    }
  }
  s.response_driver_count.push_back(static_cast<uint32_t>(s.driver_ids.size() - first));
  return Status::Ok();
}

Status SnapshotBuilder::OnTouchpoint(const TouchpointRecord& r) {
  Staging& s = *staging_;
  BW_ASSIGN_OR_RETURN(const AccountIndex account, LookupAccount(r.account_id, r.account_ordinal));
  ContactIndex contact = kNone;
  if (!r.contact_id.empty()) {
    BW_ASSIGN_OR_RETURN(contact, LookupContact(r.contact_id, r.contact_ordinal));
  }
  s.touchpoint_account.push_back(account);
  s.touchpoint_contact.push_back(contact);
  s.touchpoint_day.push_back(r.occurred_on);
  s.touchpoint_type.push_back(r.type);
  if (options_.keep_text) s.touchpoint_id.emplace_back(r.touchpoint_id);
  return Status::Ok();
}

Status SnapshotBuilder::OnSignal(const SignalRecord& r) {
  Staging& s = *staging_;
  BW_ASSIGN_OR_RETURN(const AccountIndex account, LookupAccount(r.account_id, r.account_ordinal));
  s.signal_account.push_back(account);
  s.signal_name.push_back(Intern(s.signal_index, snapshot_->signal_names, r.signal));
  s.signal_day.push_back(r.observed_on);
  s.signal_value.push_back(r.value);
  return Status::Ok();
}

namespace {

// Staged contact index -> final index, or kNone, in `column`.
void RemapContacts(HugePageVector<int32_t>& column, const std::vector<int32_t>& contact_final) {
  for (int32_t& c : column) {
    if (c != kNone) c = contact_final[c];
  }
}

// Contacts grouped by account (file order within an account). Returns the map from a
// staged contact index to its final index, which the records referring to contacts need.
std::vector<int32_t> GroupContactsByAccount(Staging& s, Snapshot& snap) {
  std::vector<uint32_t> order;
  snap.account_contacts_begin = GroupOrder(s.contact_account, snap.account_count(), order);
  std::vector<int32_t> contact_final(order.size());
  for (uint32_t pos = 0; pos < order.size(); ++pos)
    contact_final[order[pos]] = static_cast<int32_t>(pos);
  snap.contact_account = Permuted(s.contact_account, order);
  snap.contact_role = Permuted(s.contact_role, order);
  snap.contact_left_on = Permuted(s.contact_left_on, order);
  snap.contact_id = Permuted(s.contact_id, order);
  snap.contact_name = Permuted(s.contact_name, order);
  snap.contact_email = Permuted(s.contact_email, order);
  return contact_final;
}

// Revenue grouped by account, sorted by month, same-month rows summed.
void GroupRevenueByAccount(Staging& s, Snapshot& snap) {
  const int32_t accounts = snap.account_count();
  std::vector<uint32_t> order;
  std::vector<uint32_t> begin = GroupOrder(s.revenue_account, accounts, order);
  std::vector<MonthIndex> month = Permuted(s.revenue_month, order);
  std::vector<Cents> cents = Permuted(s.revenue_cents, order);
  s.revenue_account = {};
  snap.account_revenue_begin.assign(static_cast<size_t>(accounts) + 1, 0);
  std::vector<std::pair<MonthIndex, Cents>> rows;
  for (int32_t a = 0; a < accounts; ++a) {
    rows.clear();
    for (uint32_t i = begin[a]; i < begin[a + 1]; ++i) rows.emplace_back(month[i], cents[i]);
    std::sort(rows.begin(), rows.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [m, c] : rows) {
      if (!snap.revenue_month.empty() &&
          snap.revenue_month.size() > snap.account_revenue_begin[a] &&
          snap.revenue_month.back() == m) {
        snap.revenue_cents.back() += c;
      } else {
        snap.revenue_month.push_back(m);
        snap.revenue_cents.push_back(c);
      }
    }
    snap.account_revenue_begin[a + 1] = static_cast<uint32_t>(snap.revenue_month.size());
  }
}

// The running sums of the revenue rows, for revenue over any range of months in O(1).
void SumRevenueRunning(Snapshot& snap) {
  snap.revenue_running.assign(snap.revenue_cents.size() + 1, 0);
  for (size_t i = 0; i < snap.revenue_cents.size(); ++i) {
    snap.revenue_running[i + 1] = snap.revenue_running[i] + snap.revenue_cents[i];
  }
}

// Response surveys were interned apart from the invitations' (another thread): give them
// the ids of snap.survey_names.
void MergeResponseSurveys(Staging& s, Snapshot& snap) {
  std::vector<int32_t> survey_of_response_survey(s.response_survey_names.size());
  for (size_t i = 0; i < s.response_survey_names.size(); ++i) {
    survey_of_response_survey[i] =
        Intern(s.survey_index, snap.survey_names, s.response_survey_names[i]);
  }
  for (int32_t& survey : s.response_survey) {
    if (survey != kNone) survey = survey_of_response_survey[survey];
  }
}

// Responses grouped by contact, sorted by (day, response_id), with their drivers.
void GroupResponsesByContact(Staging& s, Snapshot& snap,
                             const std::vector<int32_t>& contact_final) {
  std::vector<uint32_t> order;
  RemapContacts(s.response_contact, contact_final);
  std::vector<uint32_t> driver_begin(s.response_driver_count.size() + 1, 0);
  for (size_t r = 0; r < s.response_driver_count.size(); ++r) {
    driver_begin[r + 1] = driver_begin[r] + s.response_driver_count[r];
  }
  snap.contact_responses_begin =
      GroupSorted(s.response_contact, snap.contact_count(), order, [&s](uint32_t x, uint32_t y) {
        if (s.response_day[x] != s.response_day[y]) return s.response_day[x] < s.response_day[y];
        return s.response_id[x] < s.response_id[y];
      });
  snap.response_drivers_begin.assign(order.size() + 1, 0);
  snap.driver_ids.reserve(s.driver_ids.size());
  for (size_t pos = 0; pos < order.size(); ++pos) {
    const uint32_t r = order[pos];
    snap.driver_ids.insert(snap.driver_ids.end(), s.driver_ids.begin() + driver_begin[r],
                           s.driver_ids.begin() + driver_begin[r + 1]);
    snap.response_drivers_begin[pos + 1] = static_cast<uint32_t>(snap.driver_ids.size());
  }
  s.driver_ids = {};
  snap.response_contact = Permuted(s.response_contact, order);
  s.response_contact = {};
  snap.response_day = Permuted(s.response_day, order);
  snap.response_score = Permuted(s.response_score, order);
  snap.response_survey = Permuted(s.response_survey, order);
  snap.response_id = Permuted(s.response_id, order);
  snap.response_comment = Permuted(s.response_comment, order);
}

// Invitations grouped by contact, sorted by day.
void GroupInvitationsByContact(Staging& s, Snapshot& snap,
                               const std::vector<int32_t>& contact_final) {
  std::vector<uint32_t> order;
  RemapContacts(s.invitation_contact, contact_final);
  snap.contact_invitations_begin = GroupSorted(
      s.invitation_contact, snap.contact_count(), order,
      [&s](uint32_t x, uint32_t y) { return s.invitation_day[x] < s.invitation_day[y]; });
  s.invitation_contact = {};
  snap.invitation_sent_on = Permuted(s.invitation_day, order);
  snap.invitation_survey = Permuted(s.invitation_survey, order);
  snap.invitation_id = Permuted(s.invitation_id, order);
}

// Each invitation's answer: the day of its contact's earliest response to the same survey
// (kNeverAnswered when none). Needs responses and invitations grouped.
void MarkAnsweredInvitations(Snapshot& snap) {
  snap.invitation_answered_on.assign(snap.invitation_sent_on.size(), kNeverAnswered);
  const int32_t contacts = snap.contact_count();
  for (int32_t c = 0; c < contacts; ++c) {
    const IndexRange responses = snap.ResponsesOf(c);
    if (responses.size() == 0) continue;
    const IndexRange invitations = snap.InvitationsOf(c);
    for (uint32_t i = invitations.begin; i < invitations.end; ++i) {
      // Responses are sorted by day: the first match is the earliest answer.
      for (uint32_t r = responses.begin; r < responses.end; ++r) {
        if (snap.response_survey[r] == snap.invitation_survey[i]) {
          snap.invitation_answered_on[i] = snap.response_day[r];
          break;
        }
      }
    }
  }
}

// Touchpoints grouped by account, sorted by day.
void GroupTouchpointsByAccount(Staging& s, Snapshot& snap,
                               const std::vector<int32_t>& contact_final) {
  std::vector<uint32_t> order;
  RemapContacts(s.touchpoint_contact, contact_final);
  snap.account_touchpoints_begin = GroupSorted(
      s.touchpoint_account, snap.account_count(), order,
      [&s](uint32_t x, uint32_t y) { return s.touchpoint_day[x] < s.touchpoint_day[y]; });
  s.touchpoint_account = {};
  snap.touchpoint_day = Permuted(s.touchpoint_day, order);
  snap.touchpoint_type = Permuted(s.touchpoint_type, order);
  snap.touchpoint_contact = Permuted(s.touchpoint_contact, order);
  snap.touchpoint_id = Permuted(s.touchpoint_id, order);
}

// Signals grouped by account, sorted by (signal, day).
void GroupSignalsByAccount(Staging& s, Snapshot& snap) {
  std::vector<uint32_t> order;
  snap.account_signals_begin =
      GroupSorted(s.signal_account, snap.account_count(), order, [&s](uint32_t x, uint32_t y) {
        if (s.signal_name[x] != s.signal_name[y]) return s.signal_name[x] < s.signal_name[y];
        return s.signal_day[x] < s.signal_day[y];
      });
  s.signal_account = {};
  snap.signal_name = Permuted(s.signal_name, order);
  snap.signal_day = Permuted(s.signal_day, order);
  snap.signal_value = Permuted(s.signal_value, order);
}

// Accounts sorted by id (FindAccount's binary search) and each account's rank in that
// order.
void IndexAccountsById(Snapshot& snap) {
  const int32_t accounts = snap.account_count();
  snap.accounts_by_id.resize(static_cast<size_t>(accounts));
  std::iota(snap.accounts_by_id.begin(), snap.accounts_by_id.end(), 0);
  std::sort(snap.accounts_by_id.begin(), snap.accounts_by_id.end(),
            [&snap](AccountIndex x, AccountIndex y) {
              return snap.account_id[x] < snap.account_id[y];
            });
  snap.account_id_rank.resize(static_cast<size_t>(accounts));
  for (size_t i = 0; i < snap.accounts_by_id.size(); ++i) {
    snap.account_id_rank[static_cast<size_t>(snap.accounts_by_id[i])] = static_cast<int32_t>(i);
  }
}

}  // namespace

std::shared_ptr<const Snapshot> SnapshotBuilder::Finish() {
  Snapshot& snap = *snapshot_;
  Staging& s = *staging_;
  const std::vector<int32_t> contact_final = GroupContactsByAccount(s, snap);
  // The steps below are independent of each other once contacts are final, except that
  // answering invitations needs the responses: two halves, side by side on the process's
  // executor.
  ProcessExecutor().ParallelFor(2, 2, [&](size_t half) {
    if (half == 0) {
      MergeResponseSurveys(s, snap);
      GroupResponsesByContact(s, snap, contact_final);
      GroupInvitationsByContact(s, snap, contact_final);
      MarkAnsweredInvitations(snap);
    } else {
      GroupRevenueByAccount(s, snap);
      SumRevenueRunning(snap);
      GroupTouchpointsByAccount(s, snap, contact_final);
      GroupSignalsByAccount(s, snap);
      IndexAccountsById(snap);
    }
  });
  staging_.reset();
  return std::shared_ptr<const Snapshot>(snapshot_.release());
}

AccountIndex Snapshot::FindAccount(std::string_view id) const {
  auto it = std::lower_bound(
      accounts_by_id.begin(), accounts_by_id.end(), id,
      [this](AccountIndex a, std::string_view key) { return account_id[a] < key; });
  if (it == accounts_by_id.end() || account_id[*it] != id) return kNone;
  return *it;
}

}  // namespace bw::snapshot
