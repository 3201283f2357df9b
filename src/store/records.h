// Data records one at a time, as the API reads and writes them (shared/spec/api.md,
// "records"): each record is its import-format row (shared/spec/data-format.md), column by
// column, as text. A record is named by its key in the import format: accounts, contacts,
// invitations, responses and touchpoints by their id; revenue by account and month
// (YYYY-MM); signals by account, signal and date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/records.h"
#include "core/status.h"
#include "store/cases.h"
#include "store/outreach.h"
#include "store/users.h"

namespace bw::store {

// Column name -> value as the import format writes it ("" = empty); columns in the
// order of data-format.md.
using RecordFields = std::vector<std::pair<std::string, std::string>>;

// The parts of a record's key, in the order above (e.g. {"ACC-1", "2026-03"}).
using RecordKey = std::vector<std::string>;

// The import format's columns of a kind, in order, and how many lead the row as its key.
struct RecordLayout {
  std::string_view noun;  // "account", "contact", "revenue", ...
  std::string_view file;  // "accounts.csv", ...
  std::vector<std::string_view> columns;
  std::vector<std::string_view> key_columns;
};
const RecordLayout& LayoutOf(RecordKind kind);

struct RecordQuery {
  // Only records of accounts whose owner is this email (case-insensitive); empty: all.
  std::string owner;
  // Only records of this account / this contact (empty: any), where the kind has one.
  std::string account_id;
  std::string contact_id;
  int64_t limit = 100;
  int64_t offset = 0;
};

struct RecordPage {
  int64_t total = 0;  // records matching the query
  std::vector<RecordFields> records;  // in key order
};

// One write transaction (unit of work) of a Store: record upserts through `sink()`
// (DataSetSink order and rules, as Import), deletions, reads of the state so far, and the
// audit entries of the change, committed together or not at all.
class WriteTransaction {
 public:
  virtual ~WriteTransaction() = default;
  virtual DataSetSink& sink() = 0;
  virtual Result<std::optional<RecordFields>> Get(RecordKind kind, const RecordKey& key) = 0;
  // Deletes the record and what hangs on it: an account's contacts, revenue, touchpoints
  // and signals (and its contacts' invitations and responses); a contact's invitations and
  // responses (touchpoints keep the account and lose the contact). Errors: kNotFound.
  virtual Status Delete(RecordKind kind, const RecordKey& key) = 0;
  virtual Status Audit(const AuditEntry& entry) = 0;
  // Surveys and the outbox (store/outreach.h), inside this transaction. Records given to
  // sink() so far are written first (outreach rows reference them). Errors: the store's.
  virtual Result<OutreachStore*> Outreach() = 0;
  // Cases and webhooks (store/cases.h), inside this transaction; records first, as above.
  virtual Result<CaseStore*> Cases() = 0;
};

}  // namespace bw::store
