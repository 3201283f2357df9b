// The SQLite backend of Store: schema in migrations.cc, durability settings and the
// measured import rate in docs/store.md.
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/internal/batched_upsert.h"
#include "store/internal/id_key_map.h"
#include "store/internal/import_changes.h"
#include "store/internal/sqlite.h"
#include "store/internal/sqlite_cases.h"
#include "store/internal/sqlite_outreach.h"
#include "store/internal/sqlite_records.h"
#include "store/internal/sqlite_user_store.h"
#include "store/migrations.h"
#include "store/store.h"

namespace bw::store {
namespace {

using internal::BatchedUpsert;
using internal::Database;
using internal::IdKeyMap;
using internal::Statement;

constexpr std::string_view kUpsertAccount = R"sql(
INSERT INTO accounts (account_id, name, industry, region, owner, acquisition, created_on,
                      churned_on)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (account_id) DO UPDATE SET
  name = excluded.name, industry = excluded.industry, region = excluded.region,
  owner = excluded.owner, acquisition = excluded.acquisition,
  created_on = excluded.created_on, churned_on = excluded.churned_on)sql";
// Only when a value differs: a row written with what it holds is not rewritten (cheaper,
// and sqlite3_changes() then counts the rows that changed, docs/store.md).
constexpr std::string_view kAccountChanged = R"sql(
WHERE name IS NOT excluded.name OR industry IS NOT excluded.industry
  OR region IS NOT excluded.region OR owner IS NOT excluded.owner
  OR acquisition IS NOT excluded.acquisition OR created_on IS NOT excluded.created_on
  OR churned_on IS NOT excluded.churned_on)sql";

constexpr std::string_view kUpsertContact = R"sql(
INSERT INTO contacts (contact_id, account_key, name, email, role, left_on)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (contact_id) DO UPDATE SET
  account_key = excluded.account_key, name = excluded.name, email = excluded.email,
  role = excluded.role, left_on = excluded.left_on)sql";
constexpr std::string_view kContactChanged = R"sql(
WHERE account_key IS NOT excluded.account_key OR name IS NOT excluded.name
  OR email IS NOT excluded.email OR role IS NOT excluded.role
  OR left_on IS NOT excluded.left_on)sql";

// Batched upserts: head, column count, conflict clause (internal/batched_upsert.h).
// The import's sum replaces the stored month (store.h, Import).
constexpr std::string_view kRevenueHead = "INSERT INTO revenue (account_key, month, amount_cents)";
constexpr std::string_view kRevenueTail =
    "ON CONFLICT (account_key, month) DO UPDATE SET amount_cents = excluded.amount_cents";
constexpr std::string_view kRevenueChanged = " WHERE amount_cents IS NOT excluded.amount_cents";

constexpr std::string_view kInvitationHead =
    "INSERT INTO invitations (invitation_id, contact_key, survey_id, sent_on)";
constexpr std::string_view kInvitationTail = R"sql(
ON CONFLICT (invitation_id) DO UPDATE SET
  contact_key = excluded.contact_key, survey_id = excluded.survey_id,
  sent_on = excluded.sent_on)sql";
constexpr std::string_view kInvitationChanged = R"sql(
WHERE contact_key IS NOT excluded.contact_key OR survey_id IS NOT excluded.survey_id
  OR sent_on IS NOT excluded.sent_on)sql";

constexpr std::string_view kResponseHead =
    "INSERT INTO responses (response_id, contact_key, survey_id, responded_on, score, "
    "comment, drivers)";
constexpr std::string_view kResponseTail = R"sql(
ON CONFLICT (response_id) DO UPDATE SET
  contact_key = excluded.contact_key, survey_id = excluded.survey_id,
  responded_on = excluded.responded_on, score = excluded.score,
  comment = excluded.comment, drivers = excluded.drivers)sql";
constexpr std::string_view kResponseChanged = R"sql(
WHERE contact_key IS NOT excluded.contact_key OR survey_id IS NOT excluded.survey_id
  OR responded_on IS NOT excluded.responded_on OR score IS NOT excluded.score
  OR comment IS NOT excluded.comment OR drivers IS NOT excluded.drivers)sql";

constexpr std::string_view kTouchpointHead =
    "INSERT INTO touchpoints (touchpoint_id, account_key, contact_key, type, occurred_on)";
constexpr std::string_view kTouchpointTail = R"sql(
ON CONFLICT (touchpoint_id) DO UPDATE SET
  account_key = excluded.account_key, contact_key = excluded.contact_key,
  type = excluded.type, occurred_on = excluded.occurred_on)sql";
constexpr std::string_view kTouchpointChanged = R"sql(
WHERE account_key IS NOT excluded.account_key OR contact_key IS NOT excluded.contact_key
  OR type IS NOT excluded.type OR occurred_on IS NOT excluded.occurred_on)sql";

constexpr std::string_view kSignalHead =
    "INSERT INTO signals (account_key, signal, observed_on, value)";
constexpr std::string_view kSignalTail =
    "ON CONFLICT (account_key, signal, observed_on) DO UPDATE SET value = excluded.value";
constexpr std::string_view kSignalChanged = " WHERE value IS NOT excluded.value";

constexpr std::string_view kFindAccount = "SELECT account_key FROM accounts WHERE account_id = ?1";
constexpr std::string_view kFindContact = "SELECT contact_key FROM contacts WHERE contact_id = ?1";

// Scans: each table in the order of its key, text compared byte by byte (SQLite's BINARY
// collation, like std::string). Joins turn surrogate keys back into ids.
constexpr std::string_view kScanAccounts = R"sql(
SELECT account_id, name, industry, region, owner, acquisition, created_on, churned_on,
       account_key
FROM accounts ORDER BY account_id)sql";
constexpr std::string_view kScanContacts = R"sql(
SELECT c.contact_id, a.account_id, c.name, c.email, c.role, c.left_on, c.contact_key,
       c.account_key
FROM contacts c JOIN accounts a ON a.account_key = c.account_key
ORDER BY c.contact_id)sql";
constexpr std::string_view kScanRevenue = R"sql(
SELECT a.account_id, r.month, r.amount_cents, r.account_key
FROM accounts a JOIN revenue r ON r.account_key = a.account_key
ORDER BY a.account_id, r.month)sql";
constexpr std::string_view kScanInvitations = R"sql(
SELECT i.invitation_id, c.contact_id, i.survey_id, i.sent_on, i.contact_key
FROM invitations i JOIN contacts c ON c.contact_key = i.contact_key
ORDER BY i.invitation_id)sql";
constexpr std::string_view kScanResponses = R"sql(
SELECT r.response_id, c.contact_id, r.survey_id, r.responded_on, r.score, r.comment,
       r.drivers, r.contact_key
FROM responses r JOIN contacts c ON c.contact_key = r.contact_key
ORDER BY r.response_id)sql";
constexpr std::string_view kScanTouchpoints = R"sql(
SELECT t.touchpoint_id, a.account_id, c.contact_id, t.type, t.occurred_on, t.account_key,
       t.contact_key
FROM touchpoints t JOIN accounts a ON a.account_key = t.account_key
LEFT JOIN contacts c ON c.contact_key = t.contact_key
ORDER BY t.touchpoint_id)sql";
constexpr std::string_view kScanSignals = R"sql(
SELECT a.account_id, s.signal, s.observed_on, s.value, s.account_key
FROM accounts a JOIN signals s ON s.account_key = a.account_key
ORDER BY a.account_id, s.signal, s.observed_on)sql";

// How enumerations are stored: the canonical names of data-format.md, which the CHECK
// constraints of migration 1 list. Kept here rather than taken from core/domain.h's
// display names because they are part of the schema: changing one needs a migration.
constexpr std::array<std::string_view, kRoleCount> kRoleValues = {"decision_maker", "influencer",
                                                                  "user"};
constexpr std::array<std::string_view, kTouchpointTypeCount> kTouchpointTypeValues = {
    "support_ticket", "business_review", "meeting",  "call",
    "email",          "marketing_email", "training", "other"};
// Acquisition::kUnknown is NULL.
constexpr std::array<std::string_view, 3> kAcquisitionValues = {"", "earned", "bought"};

template <typename Enum, size_t N>
std::string_view StoredValue(const std::array<std::string_view, N>& values, Enum value) {
  return values[static_cast<size_t>(value)];
}
template <typename Enum, size_t N>
std::optional<Enum> FromStoredValue(const std::array<std::string_view, N>& values,
                                    std::string_view text) {
  for (size_t i = 0; i < N; ++i) {
    if (values[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

void BindOptionalDay(Statement& stmt, int index, Day day) {
  if (day == kNoDay) {
    stmt.BindNull(index);
  } else {
    stmt.BindInt64(index, day);
  }
}

Day ColumnOptionalDay(const Statement& stmt, int column) {
  return stmt.ColumnIsNull(column) ? kNoDay : static_cast<Day>(stmt.ColumnInt64(column));
}

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  out += text;
  out += '"';
  return out;
}

struct RevenueKey {
  int64_t account_key;
  MonthIndex month;
  bool operator==(const RevenueKey&) const = default;
  auto operator<=>(const RevenueKey&) const = default;
};
struct RevenueKeyHash {
  size_t operator()(const RevenueKey& key) const {
    return std::hash<int64_t>{}(key.account_key * 1'000'003 + key.month);
  }
};

// The sink an import's `fill` writes into. Every record is upserted right away, except
// revenue: rows of one account and month are summed in memory and written by Finish,
// so that the import's sum replaces the stored month whatever the order of the rows.
class ImportSink final : public DataSetSink {
 public:
  // `unconditional` (bits of DataTableBit): tables whose upserts rewrite a row even when
  // nothing differs, so that an update trigger sees every row written (a mirror import,
  // internal/import_changes.h); the others rewrite only changed rows.
  static Result<std::unique_ptr<ImportSink>> Create(Database& db, uint8_t unconditional = 0) {
    std::unique_ptr<ImportSink> sink(new ImportSink(db, unconditional));
    BW_ASSIGN_OR_RETURN(sink->upsert_account_, db.Prepare(Tail(unconditional, DataTable::kAccounts,
                                                               kUpsertAccount, kAccountChanged) +
                                                          " RETURNING account_key"));
    BW_ASSIGN_OR_RETURN(sink->upsert_contact_, db.Prepare(Tail(unconditional, DataTable::kContacts,
                                                               kUpsertContact, kContactChanged) +
                                                          " RETURNING contact_key"));
    for (BatchedUpsert* batch : {&sink->revenue_batch_, &sink->invitations_, &sink->responses_,
                                 &sink->touchpoints_, &sink->signals_}) {
      BW_RETURN_IF_ERROR(batch->Prepare());
    }
    BW_ASSIGN_OR_RETURN(sink->find_account_, db.Prepare(kFindAccount));
    BW_ASSIGN_OR_RETURN(sink->find_contact_, db.Prepare(kFindContact));
    return sink;
  }

  Status OnAccount(const AccountRecord& r) override {
    Statement& s = upsert_account_;
    s.BindText(1, r.account_id);
    s.BindText(2, r.name);
    s.BindOptionalText(3, r.industry);
    s.BindOptionalText(4, r.region);
    s.BindOptionalText(5, r.owner);
    s.BindOptionalText(6, StoredValue(kAcquisitionValues, r.acquisition));
    BindOptionalDay(s, 7, r.created_on);
    BindOptionalDay(s, 8, r.churned_on);
    BW_ASSIGN_OR_RETURN(const int64_t key,
                        UpsertReturningKey(s, find_account_, "account", r.account_id, changes_[0]));
    // An id seen before keeps its key (the upsert updates in place), so this only adds.
    account_keys_.Insert(r.account_id, key);
    ++counts_.accounts;
    return Status::Ok();
  }

  Status OnContact(const ContactRecord& r) override {
    BW_ASSIGN_OR_RETURN(const int64_t account_key,
                        AccountKey(r.account_id, "contact", r.contact_id));
    Statement& s = upsert_contact_;
    s.BindText(1, r.contact_id);
    s.BindInt64(2, account_key);
    s.BindOptionalText(3, r.name);
    s.BindOptionalText(4, r.email);
    s.BindText(5, StoredValue(kRoleValues, r.role));
    BindOptionalDay(s, 6, r.left_on);
    BW_ASSIGN_OR_RETURN(const int64_t key,
                        UpsertReturningKey(s, find_contact_, "contact", r.contact_id, changes_[1]));
    contact_keys_.Insert(r.contact_id, key);
    ++counts_.contacts;
    return Status::Ok();
  }

  Status OnRevenue(const RevenueRecord& r) override {
    BW_ASSIGN_OR_RETURN(const int64_t account_key,
                        AccountKey(r.account_id, "revenue of account", r.account_id));
    Cents& sum = revenue_[RevenueKey{account_key, r.month}];
    if (__builtin_add_overflow(sum, r.amount, &sum)) {
      return InvalidArgument(db_.path() + ": revenue of account " + Quoted(r.account_id) + " in " +
                             FormatMonth(r.month) + ": the sum does not fit");
    }
    ++counts_.revenue;
    return Status::Ok();
  }

  Status OnInvitation(const InvitationRecord& r) override {
    BW_ASSIGN_OR_RETURN(const int64_t contact_key,
                        ContactKey(r.contact_id, "invitation", r.invitation_id));
    BatchedUpsert& b = invitations_;
    b.Text(r.invitation_id);
    b.Int(contact_key);
    b.Text(r.survey_id);
    b.OptionalDay(r.sent_on);
    BW_RETURN_IF_ERROR(b.EndRow());
    ++counts_.invitations;
    return Status::Ok();
  }

  Status OnResponse(const ResponseRecord& r) override {
    BW_ASSIGN_OR_RETURN(const int64_t contact_key,
                        ContactKey(r.contact_id, "response", r.response_id));
    BatchedUpsert& b = responses_;
    b.Text(r.response_id);
    b.Int(contact_key);
    b.OptionalText(r.survey_id);
    b.OptionalDay(r.responded_on);
    b.Int(r.score);
    b.OptionalText(r.comment);
    b.OptionalText(r.drivers);
    BW_RETURN_IF_ERROR(b.EndRow());
    ++counts_.responses;
    return Status::Ok();
  }

  Status OnTouchpoint(const TouchpointRecord& r) override {
    BW_ASSIGN_OR_RETURN(const int64_t account_key,
                        AccountKey(r.account_id, "touchpoint", r.touchpoint_id));
    int64_t contact_key = 0;
    if (!r.contact_id.empty()) {
      BW_ASSIGN_OR_RETURN(contact_key, ContactKey(r.contact_id, "touchpoint", r.touchpoint_id));
    }
    BatchedUpsert& b = touchpoints_;
    b.Text(r.touchpoint_id);
    b.Int(account_key);
    if (r.contact_id.empty()) {
      b.Null();
    } else {
      b.Int(contact_key);
    }
    b.Text(StoredValue(kTouchpointTypeValues, r.type));
    b.OptionalDay(r.occurred_on);
    BW_RETURN_IF_ERROR(b.EndRow());
    ++counts_.touchpoints;
    return Status::Ok();
  }

  Status OnSignal(const SignalRecord& r) override {
    // SQLite would store NaN as NULL; the format has numbers only.
    if (!std::isfinite(r.value)) {
      return InvalidArgument(db_.path() + ": signal " + Quoted(r.signal) + " of account " +
                             Quoted(r.account_id) + ": value is not a finite number");
    }
    BW_ASSIGN_OR_RETURN(const int64_t account_key,
                        AccountKey(r.account_id, "signal of account", r.account_id));
    BatchedUpsert& b = signals_;
    b.Int(account_key);
    b.Text(r.signal);
    b.OptionalDay(r.observed_on);
    b.Double(r.value);
    BW_RETURN_IF_ERROR(b.EndRow());
    ++counts_.signals;
    return Status::Ok();
  }

  // Writes the rows the batches buffer so far (not the revenue months: Finish sums them).
  Status Flush() {
    for (BatchedUpsert* batch : {&invitations_, &responses_, &touchpoints_, &signals_}) {
      BW_RETURN_IF_ERROR(batch->Flush());
    }
    return Status::Ok();
  }

  // Writes the buffered rows and the summed revenue months. Call once, after `fill`
  // returned ok.
  Status Finish() {
    for (BatchedUpsert* batch : {&invitations_, &responses_, &touchpoints_, &signals_}) {
      BW_RETURN_IF_ERROR(batch->Flush());
    }
    std::vector<std::pair<RevenueKey, Cents>> months(revenue_.begin(), revenue_.end());
    revenue_.clear();
    revenue_months_written_ += static_cast<int64_t>(months.size());
    // Key order turns the inserts into appends to the revenue B-tree.
    std::sort(months.begin(), months.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    BatchedUpsert& b = revenue_batch_;
    for (const auto& [key, cents] : months) {
      b.Int(key.account_key);
      b.Int(key.month);
      b.Int(cents);
      BW_RETURN_IF_ERROR(b.EndRow());
    }
    BW_RETURN_IF_ERROR(b.Flush());
    if (counts_.revenue == 0) return Status::Ok();
    // Every revenue figure of the analytics is a sum of stored months; their total is held
    // to kMaxTotalRevenueCents so that none can overflow (core/money.h, docs/limits.md).
    // TOTAL() sums in floating point, which cannot overflow and is exact enough here.
    BW_ASSIGN_OR_RETURN(Statement total, db_.Prepare("SELECT TOTAL(amount_cents) FROM revenue"));
    const int rc = total.Step();
    if (rc != SQLITE_ROW) return db_.Error(rc, "summing revenue");
    if (total.ColumnDouble(0) > static_cast<double>(kMaxTotalRevenueCents)) {
      return InvalidArgument(db_.path() +
                             ": revenue: the stored revenue would add up to more than " +
                             FormatMoney(kMaxTotalRevenueCents) + " (docs/limits.md)");
    }
    return Status::Ok();
  }

  const ImportCounts& counts() const { return counts_; }
  // Rows written per table (DataTable order); revenue: account months (rows of one month
  // are summed into one).
  // Rows inserted or changed per table (DataTable order), as SQLite counted them: a row
  // written with what it held is not counted (and not rewritten) unless its table was
  // created unconditional.
  std::array<int64_t, kDataTableCount> rows_changed() const {
    return {changes_[0],
            changes_[1],
            revenue_batch_.changes(),
            invitations_.changes(),
            responses_.changes(),
            touchpoints_.changes(),
            signals_.changes()};
  }
  std::array<int64_t, kDataTableCount> rows_written() const {
    return {counts_.accounts,  counts_.contacts,    revenue_months_written_, counts_.invitations,
            counts_.responses, counts_.touchpoints, counts_.signals};
  }

 private:
  static std::string Tail(uint8_t unconditional, DataTable table, std::string_view tail,
                          std::string_view changed) {
    std::string sql(tail);
    if ((unconditional & DataTableBit(table)) == 0) sql += changed;
    return sql;
  }
  ImportSink(Database& db, uint8_t unconditional)
      : db_(db),
        revenue_batch_(db, "revenue of month", kRevenueHead, 3,
                       Tail(unconditional, DataTable::kRevenue, kRevenueTail, kRevenueChanged), 1),
        invitations_(
            db, "invitation", kInvitationHead, 4,
            Tail(unconditional, DataTable::kInvitations, kInvitationTail, kInvitationChanged), 0),
        responses_(db, "response", kResponseHead, 7,
                   Tail(unconditional, DataTable::kResponses, kResponseTail, kResponseChanged), 0),
        touchpoints_(
            db, "touchpoint", kTouchpointHead, 5,
            Tail(unconditional, DataTable::kTouchpoints, kTouchpointTail, kTouchpointChanged), 0),
        signals_(db, "signal", kSignalHead, 4,
                 Tail(unconditional, DataTable::kSignals, kSignalTail, kSignalChanged), 1) {}

  // Runs an upsert of an account or contact and returns the row's key: a row it inserted
  // or changed returns it and is counted in `changes`; an unchanged row (not rewritten,
  // so nothing returned) is looked up.
  Result<int64_t> UpsertReturningKey(Statement& s, Statement& find, std::string_view kind,
                                     std::string_view id, int64_t& changes) {
    const int64_t before = sqlite3_total_changes64(db_.handle());
    const int rc = s.Step();
    const int64_t returned = rc == SQLITE_ROW ? s.ColumnInt64(0) : -1;
    s.Reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      return db_.Error(rc, std::string(kind) + " " + Quoted(id));
    }
    changes += sqlite3_total_changes64(db_.handle()) - before;
    if (rc == SQLITE_ROW) return returned;
    find.BindText(1, id);
    const int found = find.Step();
    if (found != SQLITE_ROW) {
      Status status = db_.Error(found, "looking up " + std::string(kind) + " " + Quoted(id));
      find.Reset();
      return status;
    }
    const int64_t key = find.ColumnInt64(0);
    find.Reset();
    return key;
  }

  // The key of a referenced id: from this import, else from the table (ids stored by an
  // earlier import), cached either way.
  Result<int64_t> LookUp(IdKeyMap& keys, Statement& find, std::string_view id,
                         std::string_view column, std::string_view kind,
                         std::string_view referrer) {
    if (std::optional<int64_t> key = keys.Find(id)) return *key;
    find.BindText(1, id);
    const int rc = find.Step();
    if (rc == SQLITE_ROW) {
      const int64_t key = find.ColumnInt64(0);
      find.Reset();
      keys.Insert(id, key);
      return key;
    }
    Status status =
        rc == SQLITE_DONE
            ? InvalidArgument(db_.path() + ": " + std::string(kind) + " " + Quoted(referrer) +
                              ": " + std::string(column) + " " + Quoted(id) + " does not exist")
            : db_.Error(rc, "looking up " + std::string(column) + " " + Quoted(id));
    find.Reset();
    return status;
  }
  Result<int64_t> AccountKey(std::string_view id, std::string_view kind,
                             std::string_view referrer) {
    return LookUp(account_keys_, find_account_, id, "account_id", kind, referrer);
  }
  Result<int64_t> ContactKey(std::string_view id, std::string_view kind,
                             std::string_view referrer) {
    return LookUp(contact_keys_, find_contact_, id, "contact_id", kind, referrer);
  }

  Database& db_;
  Statement upsert_account_, upsert_contact_;
  BatchedUpsert revenue_batch_, invitations_, responses_, touchpoints_, signals_;
  Statement find_account_, find_contact_;
  IdKeyMap account_keys_;
  IdKeyMap contact_keys_;
  std::unordered_map<RevenueKey, Cents, RevenueKeyHash> revenue_;
  int64_t revenue_months_written_ = 0;
  std::array<int64_t, 2> changes_{};  // accounts, contacts
  ImportCounts counts_;
};

// A Write's unit of work: the import sink, deletions and audit entries on one connection
// inside one transaction.
class Transaction final : public WriteTransaction {
 public:
  Transaction(Database& db, ImportSink& sink, UserStore& users, OutreachStore& outreach,
              CaseStore& cases)
      : db_(db), sink_(sink), users_(users), outreach_(outreach), cases_(cases) {}
  DataSetSink& sink() override { return sink_; }
  Result<std::optional<RecordFields>> Get(RecordKind kind, const RecordKey& key) override {
    // Rows the sink still buffers are not visible yet; flush them first.
    BW_RETURN_IF_ERROR(sink_.Flush());
    return internal::GetRecord(db_, kind, key);
  }
  Status Delete(RecordKind kind, const RecordKey& key) override {
    BW_RETURN_IF_ERROR(sink_.Flush());
    return internal::DeleteRecord(db_, kind, key);
  }
  Status Audit(const AuditEntry& entry) override { return users_.AppendAudit(entry); }
  Result<OutreachStore*> Outreach() override {
    BW_RETURN_IF_ERROR(sink_.Flush());
    return &outreach_;
  }
  Result<CaseStore*> Cases() override {
    BW_RETURN_IF_ERROR(sink_.Flush());
    return &cases_;
  }

 private:
  Database& db_;
  ImportSink& sink_;
  UserStore& users_;
  OutreachStore& outreach_;
  CaseStore& cases_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Database> db, const SqliteOptions& options)
      : db_(std::move(db)),
        options_(options),
        users_(internal::MakeSqliteUserStore(*db_)),
        outreach_(internal::MakeSqliteOutreachStore(*db_)),
        cases_(internal::MakeSqliteCaseStore(*db_)) {}

  Result<int64_t> DataVersion() const override { return internal::ReadChangeVersion(*db_, "data"); }

  UserStore& users() override { return *users_; }
  OutreachStore& outreach() override { return *outreach_; }
  CaseStore& cases() override { return *cases_; }

  Result<ImportCounts> Write(const std::function<Status(WriteTransaction&)>& body) override {
    ImportCounts counts;
    Status status = internal::InTransaction(*db_, "writing", [&]() -> Status {
      BW_ASSIGN_OR_RETURN(counts, RunBody(body));
      return internal::BumpChangeVersion(*db_, "data");
    });
    if (!status.ok()) return status;
    return counts;
  }

  std::vector<Status> WriteGroup(const std::vector<WriteBody>& bodies) override {
    std::vector<Status> statuses(bodies.size());
    Status commit = internal::InTransaction(*db_, "writing", [&]() -> Status {
      bool any = false;
      for (size_t i = 0; i < bodies.size(); ++i) {
        BW_RETURN_IF_ERROR(db_->Execute("SAVEPOINT body", "writing"));
        statuses[i] = RunBody(bodies[i]).status();
        // The body's own sink was finished (or dropped) inside the savepoint, so a rollback
        // leaves nothing of it behind.
        BW_RETURN_IF_ERROR(db_->Execute(
            statuses[i].ok() ? "RELEASE body" : "ROLLBACK TO body; RELEASE body", "writing"));
        any = any || statuses[i].ok();
      }
      return any ? internal::BumpChangeVersion(*db_, "data") : Status::Ok();
    });
    if (!commit.ok()) {
      for (Status& s : statuses) {
        if (s.ok()) s = commit;
      }
    }
    return statuses;
  }

  // One body with a sink of its own, finished before it returns.
  Result<ImportCounts> RunBody(const std::function<Status(WriteTransaction&)>& body) {
    BW_ASSIGN_OR_RETURN(std::unique_ptr<ImportSink> sink, ImportSink::Create(*db_));
    Transaction transaction(*db_, *sink, *users_, *outreach_, *cases_);
    BW_RETURN_IF_ERROR(body(transaction));
    BW_RETURN_IF_ERROR(sink->Finish());
    return sink->counts();
  }

  Result<std::optional<RecordFields>> GetRecord(RecordKind kind,
                                                const RecordKey& key) const override {
    return internal::GetRecord(*db_, kind, key);
  }
  Result<RecordPage> ListRecords(RecordKind kind, const RecordQuery& query) const override {
    return internal::ListRecords(*db_, kind, query);
  }
  Result<std::optional<std::string>> OwnerOf(RecordKind kind, const RecordKey& key) const override {
    return internal::OwnerOf(*db_, kind, key);
  }

  using Store::Import;
  Result<ImportCounts> Import(const std::function<Status(DataSetSink&)>& fill,
                              const ImportOptions& options) override {
    BW_ASSIGN_OR_RETURN(const int64_t default_cache, db_->QueryInt64("PRAGMA cache_size", -2000));
    BW_RETURN_IF_ERROR(db_->Execute(
        "PRAGMA cache_size = " + std::to_string(-options_.import_cache_kib), "importing"));
    // A no-op inside a transaction, hence before BEGIN; switched back on below whatever
    // happens.
    if (!options_.check_foreign_keys_in_import) {
      BW_RETURN_IF_ERROR(db_->Execute("PRAGMA foreign_keys = OFF", "importing"));
    }
    ImportCounts counts;
    Status status = internal::InTransaction(*db_, "importing", [&]() -> Status {
      BW_ASSIGN_OR_RETURN(internal::ImportChangeTracker tracker,
                          internal::ImportChangeTracker::Start(*db_, options.replace));
      BW_ASSIGN_OR_RETURN(std::unique_ptr<ImportSink> sink,
                          ImportSink::Create(*db_, options.replace));
      BW_RETURN_IF_ERROR(fill(*sink));
      BW_RETURN_IF_ERROR(sink->Finish());
      counts = sink->counts();
      BW_ASSIGN_OR_RETURN(counts.changes,
                          tracker.Finish(sink->rows_written(), sink->rows_changed()));
      if (options.before_commit) BW_RETURN_IF_ERROR(options.before_commit(counts));
      return internal::BumpChangeVersion(*db_, "data");
    });
    Status foreign_keys_on = db_->Execute("PRAGMA foreign_keys = ON", "importing");
    // Hand the import's cache back; a failure here does not undo the import.
    (void)db_->Execute("PRAGMA cache_size = " + std::to_string(default_cache), "importing");
    if (!status.ok()) return status;
    // The import is committed, but the connection must not go on without the checks.
    BW_RETURN_IF_ERROR(foreign_keys_on);
    return counts;
  }

  Status Scan(DataSetSink& sink) const override {
    // One read transaction, so that the tables come from one committed state.
    BW_RETURN_IF_ERROR(db_->Execute("BEGIN", "scanning"));
    Status status = ScanTables(sink);
    (void)db_->Execute("COMMIT", "scanning");
    return status;
  }

 private:
  // Steps `sql`'s rows into `on_row` until done or an error of either.
  template <typename OnRow>
  Status ForEachRow(std::string_view sql, std::string_view table, OnRow&& on_row) const {
    BW_ASSIGN_OR_RETURN(Statement s, db_->Prepare(sql));
    while (true) {
      const int rc = s.Step();
      if (rc == SQLITE_DONE) return Status::Ok();
      if (rc != SQLITE_ROW) return db_->Error(rc, "scanning " + std::string(table));
      BW_RETURN_IF_ERROR(on_row(s));
    }
  }

  Status Corrupt(std::string_view table, std::string_view column, std::string_view value) const {
    return FailedPrecondition(db_->path() + ": " + std::string(table) + "." + std::string(column) +
                              ": unknown value " + Quoted(value));
  }

  // Scans pass each record the ordinal of the account or contact it refers to (the order in
  // which this scan delivered that account or contact), so a sink needs no lookup by id.
  Status ScanTables(DataSetSink& sink) const {
    std::vector<int32_t> account_ordinal;  // by account_key
    std::vector<int32_t> contact_ordinal;  // by contact_key
    int32_t accounts = 0, contacts = 0;
    auto remember = [](std::vector<int32_t>& ordinals, int64_t key, int32_t ordinal) {
      if (key < 0) return;
      const size_t slot = static_cast<size_t>(key);
      if (slot >= ordinals.size())
        ordinals.resize(std::max(slot + 1, ordinals.size() * 2), kNoOrdinal);
      ordinals[slot] = ordinal;
    };
    auto ordinal_of = [](const std::vector<int32_t>& ordinals, const Statement& s, int column) {
      if (s.ColumnIsNull(column)) return kNoOrdinal;
      const int64_t key = s.ColumnInt64(column);
      return key >= 0 && static_cast<size_t>(key) < ordinals.size()
                 ? ordinals[static_cast<size_t>(key)]
                 : kNoOrdinal;
    };
    BW_RETURN_IF_ERROR(ForEachRow(kScanAccounts, "accounts", [&](Statement& s) -> Status {
      AccountRecord r;
      r.account_id = s.ColumnText(0);
      r.name = s.ColumnText(1);
      r.industry = s.ColumnText(2);
      r.region = s.ColumnText(3);
      r.owner = s.ColumnText(4);
      const std::optional<Acquisition> acquisition =
          FromStoredValue<Acquisition>(kAcquisitionValues, s.ColumnText(5));
      if (!acquisition) return Corrupt("accounts", "acquisition", s.ColumnText(5));
      r.acquisition = *acquisition;
      r.created_on = ColumnOptionalDay(s, 6);
      r.churned_on = ColumnOptionalDay(s, 7);
      remember(account_ordinal, s.ColumnInt64(8), accounts++);
      return sink.OnAccount(r);
    }));
    BW_RETURN_IF_ERROR(ForEachRow(kScanContacts, "contacts", [&](Statement& s) -> Status {
      ContactRecord r;
      r.contact_id = s.ColumnText(0);
      r.account_id = s.ColumnText(1);
      r.name = s.ColumnText(2);
      r.email = s.ColumnText(3);
      const std::optional<Role> role = FromStoredValue<Role>(kRoleValues, s.ColumnText(4));
      if (!role) return Corrupt("contacts", "role", s.ColumnText(4));
      r.role = *role;
      r.left_on = ColumnOptionalDay(s, 5);
      r.account_ordinal = ordinal_of(account_ordinal, s, 7);
      remember(contact_ordinal, s.ColumnInt64(6), contacts++);
      return sink.OnContact(r);
    }));
    BW_RETURN_IF_ERROR(ForEachRow(kScanRevenue, "revenue", [&](Statement& s) -> Status {
      RevenueRecord r;
      r.account_id = s.ColumnText(0);
      r.month = static_cast<MonthIndex>(s.ColumnInt64(1));
      r.amount = s.ColumnInt64(2);
      r.account_ordinal = ordinal_of(account_ordinal, s, 3);
      return sink.OnRevenue(r);
    }));
    BW_RETURN_IF_ERROR(ForEachRow(kScanInvitations, "invitations", [&](Statement& s) {
      InvitationRecord r;
      r.invitation_id = s.ColumnText(0);
      r.contact_id = s.ColumnText(1);
      r.survey_id = s.ColumnText(2);
      r.sent_on = ColumnOptionalDay(s, 3);
      r.contact_ordinal = ordinal_of(contact_ordinal, s, 4);
      return sink.OnInvitation(r);
    }));
    BW_RETURN_IF_ERROR(ForEachRow(kScanResponses, "responses", [&](Statement& s) {
      ResponseRecord r;
      r.response_id = s.ColumnText(0);
      r.contact_id = s.ColumnText(1);
      r.survey_id = s.ColumnText(2);
      r.responded_on = ColumnOptionalDay(s, 3);
      r.score = static_cast<int>(s.ColumnInt64(4));
      r.comment = s.ColumnText(5);
      r.drivers = s.ColumnText(6);
      r.contact_ordinal = ordinal_of(contact_ordinal, s, 7);
      return sink.OnResponse(r);
    }));
    BW_RETURN_IF_ERROR(ForEachRow(kScanTouchpoints, "touchpoints", [&](Statement& s) -> Status {
      TouchpointRecord r;
      r.touchpoint_id = s.ColumnText(0);
      r.account_id = s.ColumnText(1);
      r.contact_id = s.ColumnText(2);
      const std::optional<TouchpointType> type =
          FromStoredValue<TouchpointType>(kTouchpointTypeValues, s.ColumnText(3));
      if (!type) return Corrupt("touchpoints", "type", s.ColumnText(3));
      r.type = *type;
      r.occurred_on = ColumnOptionalDay(s, 4);
      r.account_ordinal = ordinal_of(account_ordinal, s, 5);
      r.contact_ordinal = ordinal_of(contact_ordinal, s, 6);
      return sink.OnTouchpoint(r);
    }));
    return ForEachRow(kScanSignals, "signals", [&](Statement& s) {
      SignalRecord r;
      r.account_id = s.ColumnText(0);
      r.signal = s.ColumnText(1);
      r.observed_on = ColumnOptionalDay(s, 2);
      r.value = s.ColumnDouble(3);
      r.account_ordinal = ordinal_of(account_ordinal, s, 4);
      return sink.OnSignal(r);
    });
  }

  std::unique_ptr<Database> db_;
  SqliteOptions options_;
  std::unique_ptr<UserStore> users_;  // on db_
  std::unique_ptr<OutreachStore> outreach_;  // on db_
  std::unique_ptr<CaseStore> cases_;         // on db_
};

// Settings of every connection (docs/store.md, Durability).
Status Configure(Database& db, const SqliteOptions& options) {
  BW_ASSIGN_OR_RETURN(internal::Statement mode,
                      db.Prepare("PRAGMA journal_mode = WAL", "enabling WAL"));
  const int rc = mode.Step();
  if (rc != SQLITE_ROW) return db.Error(rc, "enabling WAL");
  const std::string_view journal_mode = mode.ColumnText(0);
  // An in-memory database (tests of other modules) has no journal file to speak of.
  if (journal_mode != "wal" && journal_mode != "memory") {
    return IoError(db.path() + ": cannot enable WAL journal mode (got " +
                   std::string(journal_mode) + ")");
  }
  mode.Reset();
  sqlite3_busy_timeout(db.handle(), options.busy_timeout_ms);
  return db.Execute(
      "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
      "PRAGMA journal_size_limit = 67108864",
      "configuring the connection");
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  return OpenSqliteStore(path, SqliteOptions{});
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const SqliteOptions& options) {
  // SQLite's memory statistics take a global mutex on every allocation (about 8 % of an
  // import); nothing reads them. The setting is global and only takes before SQLite
  // initializes (otherwise it returns SQLITE_MISUSE and changes nothing, which is fine);
  // the store module is the only user of SQLite, and this runs once, before any store
  // exists.
  static const int kMemStatusOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kMemStatusOff;
  BW_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::Open(path));
  // Before Configure, which switches the journal mode: a foreign file stays untouched.
  BW_RETURN_IF_ERROR(RefuseForeignDatabase(*db));
  BW_RETURN_IF_ERROR(Configure(*db, options));
  BW_RETURN_IF_ERROR(ApplyMigrations(*db, Migrations()));
  return std::unique_ptr<Store>(new SqliteStore(std::move(db), options));
}

Result<std::unique_ptr<Store>> OpenSqliteStoreReadOnly(const std::string& path) {
  static const int kMemStatusOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kMemStatusOff;
  struct stat info;
  if (::stat(path.c_str(), &info) != 0) return NotFound(path + ": no such database");
  auto open = [&path](bool immutable) -> Result<std::unique_ptr<Database>> {
    BW_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::OpenReadOnly(path, immutable));
    sqlite3_busy_timeout(db->handle(), SqliteOptions{}.busy_timeout_ms);
    // The first read opens the WAL index, which is where a read-only directory fails.
    BW_ASSIGN_OR_RETURN(const int64_t version, ReadSchemaVersion(*db));
    const int latest = LatestSchemaVersion();
    if (version == 0) return NotABellwetherStore(path);
    if (version > latest) {
      return FailedPrecondition(path + ": schema version " + std::to_string(version) +
                                " is newer than this program supports (" + std::to_string(latest) +
                                "); use a newer bellwether");
    }
    if (version < latest) {
      return FailedPrecondition(path + ": schema version " + std::to_string(version) +
                                " is older than this program's (" + std::to_string(latest) +
                                "); import into it once to upgrade it");
    }
    return db;
  };
  Result<std::unique_ptr<Database>> db = open(false);
  if (!db.ok() && db.status().code() == StatusCode::kIoError) {
    // SQLite could not create the WAL index. Without a WAL holding committed pages (a
    // cleanly closed store has none) the database file alone is the whole store.
    struct stat wal;
    const bool wal_has_pages = ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0;
    if (!wal_has_pages) {
      Result<std::unique_ptr<Database>> immutable = open(true);
      if (immutable.ok()) db = std::move(immutable);
    }
  }
  if (!db.ok()) return db.status();
  return std::unique_ptr<Store>(new SqliteStore(std::move(db).value(), SqliteOptions{}));
}

}  // namespace bw::store
