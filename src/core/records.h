// One validated row of each file of the import format (shared/spec/data-format.md),
// and the sink that receives them.
//
// Records hold string_views into the reader's buffers: they are valid only during the
// sink call. Empty optional text is an empty view; an empty optional date is kNoDay.
// Values are already validated and converted (dates to Day, money to Cents, roles and
// types to enums), so a sink never re-checks the format.
//
// Ordinals: a producer that has resolved a reference may also pass the referenced
// record's ordinal, its 0-based position among the records of that kind it delivered in
// this stream (the first account delivered is account ordinal 0). It saves the sink a
// lookup by key string. kNoOrdinal means "not given": look the key up.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/date.h"
#include "core/domain.h"
#include "core/money.h"
#include "core/status.h"

namespace bw {

inline constexpr int32_t kNoOrdinal = -1;

struct AccountRecord {
  std::string_view account_id;
  std::string_view name;
  std::string_view industry;
  std::string_view region;
  std::string_view owner;
  Acquisition acquisition = Acquisition::kUnknown;
  Day created_on = kNoDay;
  Day churned_on = kNoDay;
};

struct ContactRecord {
  std::string_view contact_id;
  std::string_view account_id;
  std::string_view name;
  std::string_view email;
  Role role = Role::kUser;
  Day left_on = kNoDay;
  int32_t account_ordinal = kNoOrdinal;  // see "Ordinals" above
};

// One revenue row. Rows of the same account and month are NOT summed by the reader:
// the sink sums them (data-format.md, revenue.csv).
struct RevenueRecord {
  std::string_view account_id;
  MonthIndex month = 0;
  Cents amount = 0;
  int32_t account_ordinal = kNoOrdinal;
};

struct InvitationRecord {
  std::string_view invitation_id;
  std::string_view contact_id;
  std::string_view survey_id;
  Day sent_on = kNoDay;
  int32_t contact_ordinal = kNoOrdinal;
};

struct ResponseRecord {
  std::string_view response_id;
  std::string_view contact_id;
  std::string_view survey_id;  // may be empty
  Day responded_on = kNoDay;
  int score = 0;
  std::string_view comment;
  std::string_view drivers;  // raw `;`-separated text as in the file
  int32_t contact_ordinal = kNoOrdinal;
};

struct TouchpointRecord {
  std::string_view touchpoint_id;
  std::string_view account_id;
  std::string_view contact_id;  // may be empty
  TouchpointType type = TouchpointType::kOther;
  Day occurred_on = kNoDay;
  int32_t account_ordinal = kNoOrdinal;
  int32_t contact_ordinal = kNoOrdinal;  // kNoOrdinal also when contact_id is empty
};

struct SignalRecord {
  std::string_view account_id;
  std::string_view signal;
  Day observed_on = kNoDay;
  double value = 0;
  int32_t account_ordinal = kNoOrdinal;
};

// The kinds of record, in DataSetSink order.
enum class RecordKind : uint8_t {
  kAccount = 0,
  kContact,
  kRevenue,
  kInvitation,
  kResponse,
  kTouchpoint,
  kSignal,
};
inline constexpr int kRecordKindCount = 7;

// Receives a data set record by record, in file order: all accounts, then contacts,
// revenue, invitations, responses, touchpoints, signals. Referenced keys always arrive
// before the records that reference them. A sink returning a non-ok status stops the
// read, and the reader returns that status.
class DataSetSink {
 public:
  virtual ~DataSetSink() = default;
  virtual Status OnAccount(const AccountRecord& record) = 0;
  virtual Status OnContact(const ContactRecord& record) = 0;
  virtual Status OnRevenue(const RevenueRecord& record) = 0;
  virtual Status OnInvitation(const InvitationRecord& record) = 0;
  virtual Status OnResponse(const ResponseRecord& record) = 0;
  virtual Status OnTouchpoint(const TouchpointRecord& record) = 0;
  virtual Status OnSignal(const SignalRecord& record) = 0;

  // A sink that returns true lets a producer deliver, once all accounts are delivered,
  // the records of the other kinds from several threads at once: records of one kind
  // always come from one thread, in file order; different kinds may interleave; and a
  // record still comes after every record it references (invitations, responses and
  // touchpoints after all contacts). Default: false, every call from one thread in
  // DataSetSink order.
  virtual bool AcceptsConcurrentKinds() const { return false; }

  // A hint before the records of one kind: about how many will come (an estimate, maybe
  // off either way), so a sink can size its buffers once. Called from the thread that
  // delivers that kind. Default: ignored.
  virtual void ExpectRecords(RecordKind kind, size_t estimated_count) {
    (void)kind;
    (void)estimated_count;
  }
};

}  // namespace bw
