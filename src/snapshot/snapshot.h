// The snapshot: an immutable, columnar, in-memory copy of a data set that analytics read
// (shared/design/architecture.md). Ids are interned to dense integer indexes, dates are
// day numbers, money is integer cents. Per-account and per-contact rows are grouped
// (CSR offsets) so that every per-account figure is a scan of a contiguous range.
//
// Build one with SnapshotBuilder (a DataSetSink), fed by io::ReadDataSet or Store::Scan,
// then share it as std::shared_ptr<const Snapshot>; it is never modified after Finish(),
// so any number of threads may read it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/domain.h"
#include "core/money.h"
#include "snapshot/dict_column.h"

namespace bw::snapshot {

using AccountIndex = int32_t;
using ContactIndex = int32_t;
inline constexpr int32_t kNone = -1;
inline constexpr Day kNeverAnswered = INT32_MAX;

// Half-open index range [begin, end) into a grouped column.
struct IndexRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
};

struct Snapshot {
  // --- accounts, by AccountIndex (the order of first appearance in the data set).
  std::vector<std::string> account_id;
  std::vector<std::string> account_name;
  DictColumn industry;  // "" = not known
  DictColumn region;
  DictColumn owner;
  std::vector<Acquisition> acquisition;
  std::vector<Day> created_on;  // kNoDay = not known
  std::vector<Day> churned_on;  // kNoDay = active

  // --- contacts, grouped by account: contacts of account a are
  // [account_contacts_begin[a], account_contacts_begin[a + 1]).
  std::vector<uint32_t> account_contacts_begin;
  std::vector<std::string> contact_id;
  std::vector<std::string> contact_name;   // empty unless built with keep_text
  std::vector<std::string> contact_email;  // empty unless built with keep_text
  std::vector<AccountIndex> contact_account;
  std::vector<Role> contact_role;
  std::vector<Day> contact_left_on;  // kNoDay = still there

  // --- revenue, grouped by account, sorted by month, one entry per month (rows summed).
  std::vector<uint32_t> account_revenue_begin;
  std::vector<MonthIndex> revenue_month;
  std::vector<Cents> revenue_cents;
  // Running sum over the whole revenue column: revenue_running[i] = sum of
  // revenue_cents[0 .. i), so any range of months of an account is one subtraction.
  std::vector<Cents> revenue_running;

  // --- responses, grouped by contact, sorted by (responded_on, response_id) ascending, so
  // the last one of a range on or before a day is the contact's latest (metrics.md, Basics:
  // Contact score, ties broken by the greater response_id as a byte string).
  std::vector<uint32_t> contact_responses_begin;
  // The contact of each response. The responses of an account's contacts are contiguous
  // too, so a per-account figure can scan them in one flat loop.
  std::vector<ContactIndex> response_contact;
  std::vector<std::string> response_id;
  std::vector<Day> response_day;
  std::vector<uint8_t> response_score;
  std::vector<int32_t> response_survey;  // index into survey_names, kNone when empty
  // Drivers of response r: driver_ids[response_drivers_begin[r] .. [r + 1]), split on ';',
  // trimmed, empty names dropped, each name once per response (metrics.md, Drivers).
  std::vector<uint32_t> response_drivers_begin;
  std::vector<int32_t> driver_ids;  // index into driver_names
  std::vector<std::string> response_comment;  // empty unless built with keep_text

  // --- invitations, grouped by contact, sorted by sent_on.
  std::vector<uint32_t> contact_invitations_begin;
  std::vector<std::string> invitation_id;  // empty unless built with keep_text
  std::vector<Day> invitation_sent_on;
  std::vector<int32_t> invitation_survey;  // index into survey_names
  // The earliest day a response of the same contact and survey arrived, kNeverAnswered
  // when none did: the invitation counts as answered as of T when this is <= T
  // (metrics.md, Loyalty: Response rate).
  std::vector<Day> invitation_answered_on;

  // --- touchpoints, grouped by account, sorted by occurred_on.
  std::vector<uint32_t> account_touchpoints_begin;
  std::vector<std::string> touchpoint_id;  // empty unless built with keep_text
  std::vector<Day> touchpoint_day;
  std::vector<TouchpointType> touchpoint_type;
  std::vector<ContactIndex> touchpoint_contact;  // kNone when not given

  // --- signals, grouped by account, sorted by (signal, observed_on).
  std::vector<uint32_t> account_signals_begin;
  std::vector<int32_t> signal_name;  // index into signal_names
  std::vector<Day> signal_day;
  std::vector<double> signal_value;

  // Interned names.
  std::vector<std::string> survey_names;
  std::vector<std::string> driver_names;
  std::vector<std::string> signal_names;

  int32_t account_count() const { return static_cast<int32_t>(account_id.size()); }
  int32_t contact_count() const { return static_cast<int32_t>(contact_account.size()); }

  IndexRange ContactsOf(AccountIndex a) const {
    return {account_contacts_begin[a], account_contacts_begin[a + 1]};
  }
  IndexRange RevenueOf(AccountIndex a) const {
    return {account_revenue_begin[a], account_revenue_begin[a + 1]};
  }
  IndexRange ResponsesOf(ContactIndex c) const {
    return {contact_responses_begin[c], contact_responses_begin[c + 1]};
  }
  IndexRange InvitationsOf(ContactIndex c) const {
    return {contact_invitations_begin[c], contact_invitations_begin[c + 1]};
  }
  IndexRange TouchpointsOf(AccountIndex a) const {
    return {account_touchpoints_begin[a], account_touchpoints_begin[a + 1]};
  }
  IndexRange SignalsOf(AccountIndex a) const {
    return {account_signals_begin[a], account_signals_begin[a + 1]};
  }
  std::span<const int32_t> DriversOf(uint32_t response) const {
    return {driver_ids.data() + response_drivers_begin[response],
            driver_ids.data() + response_drivers_begin[response + 1]};
  }

  // Index of an account id, kNone when unknown. O(log n) via a sorted index.
  AccountIndex FindAccount(std::string_view id) const;
  std::vector<AccountIndex> accounts_by_id;  // account indexes sorted by account_id
  // Position of each account in accounts_by_id: comparing ranks orders accounts by id
  // without comparing strings.
  std::vector<int32_t> account_id_rank;
};

}  // namespace bw::snapshot
