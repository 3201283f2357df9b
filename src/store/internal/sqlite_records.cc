#include "store/internal/sqlite_records.h"

#include <array>
#include <charconv>

#include "core/date.h"
#include "core/money.h"

namespace bw::store {

const RecordLayout& LayoutOf(RecordKind kind) {
  static const std::array<RecordLayout, kRecordKindCount> kLayouts = {{
      {"account", "accounts.csv",
       {"account_id", "name", "industry", "region", "owner", "acquisition", "created_on",
        "churned_on"},
       {"account_id"}},
      {"contact", "contacts.csv", {"contact_id", "account_id", "name", "email", "role", "left_on"},
       {"contact_id"}},
      {"revenue", "revenue.csv", {"account_id", "month", "amount"}, {"account_id", "month"}},
      {"invitation", "invitations.csv", {"invitation_id", "contact_id", "survey_id", "sent_on"},
       {"invitation_id"}},
      {"response", "responses.csv",
       {"response_id", "contact_id", "survey_id", "responded_on", "score", "comment", "drivers"},
       {"response_id"}},
      {"touchpoint", "touchpoints.csv",
       {"touchpoint_id", "account_id", "contact_id", "type", "occurred_on"},
       {"touchpoint_id"}},
      {"signal", "signals.csv", {"account_id", "signal", "observed_on", "value"},
       {"account_id", "signal", "observed_on"}},
  }};
  return kLayouts[static_cast<size_t>(kind)];
}

namespace internal {
namespace {

// How a stored column becomes import-format text.
enum class As { kText, kDay, kMonth, kCents, kInt, kDouble };

struct KindSql {
  // SELECT of the import-format columns in order, then the owner; FROM and JOINs.
  std::string_view select;
  std::vector<As> types;
  // WHERE of the key (placeholders ?1.. in key order) and of the account/contact filters.
  std::string_view key_where;
  std::string_view account_column;  // e.g. "a.account_id"
  std::string_view contact_column;  // "" when the kind has no contact
  std::string_view order;
  std::vector<As> key_types;
};

const KindSql& SqlOf(RecordKind kind) {
  static const std::array<KindSql, kRecordKindCount> kSql = {{
      {"SELECT a.account_id, a.name, a.industry, a.region, a.owner, a.acquisition, a.created_on, "
       "a.churned_on, a.owner FROM accounts a",
       {As::kText, As::kText, As::kText, As::kText, As::kText, As::kText, As::kDay, As::kDay},
       "a.account_id = ?1", "a.account_id", "", "a.account_id", {As::kText}},
      {"SELECT c.contact_id, a.account_id, c.name, c.email, c.role, c.left_on, a.owner "
       "FROM contacts c JOIN accounts a ON a.account_key = c.account_key",
       {As::kText, As::kText, As::kText, As::kText, As::kText, As::kDay},
       "c.contact_id = ?1", "a.account_id", "c.contact_id", "c.contact_id", {As::kText}},
      {"SELECT a.account_id, r.month, r.amount_cents, a.owner "
       "FROM revenue r JOIN accounts a ON a.account_key = r.account_key",
       {As::kText, As::kMonth, As::kCents},
       "a.account_id = ?1 AND r.month = ?2", "a.account_id", "", "a.account_id, r.month",
       {As::kText, As::kMonth}},
      {"SELECT i.invitation_id, c.contact_id, i.survey_id, i.sent_on, a.owner "
       "FROM invitations i JOIN contacts c ON c.contact_key = i.contact_key "
       "JOIN accounts a ON a.account_key = c.account_key",
       {As::kText, As::kText, As::kText, As::kDay},
       "i.invitation_id = ?1", "a.account_id", "c.contact_id", "i.invitation_id", {As::kText}},
      {"SELECT r.response_id, c.contact_id, r.survey_id, r.responded_on, r.score, r.comment, "
       "r.drivers, a.owner FROM responses r JOIN contacts c ON c.contact_key = r.contact_key "
       "JOIN accounts a ON a.account_key = c.account_key",
       {As::kText, As::kText, As::kText, As::kDay, As::kInt, As::kText, As::kText},
       "r.response_id = ?1", "a.account_id", "c.contact_id", "r.response_id", {As::kText}},
      {"SELECT t.touchpoint_id, a.account_id, c.contact_id, t.type, t.occurred_on, a.owner "
       "FROM touchpoints t JOIN accounts a ON a.account_key = t.account_key "
       "LEFT JOIN contacts c ON c.contact_key = t.contact_key",
       {As::kText, As::kText, As::kText, As::kText, As::kDay},
       "t.touchpoint_id = ?1", "a.account_id", "c.contact_id", "t.touchpoint_id", {As::kText}},
      {"SELECT a.account_id, s.signal, s.observed_on, s.value, a.owner "
       "FROM signals s JOIN accounts a ON a.account_key = s.account_key",
       {As::kText, As::kText, As::kDay, As::kDouble},
       "a.account_id = ?1 AND s.signal = ?2 AND s.observed_on = ?3", "a.account_id", "",
       "a.account_id, s.signal, s.observed_on", {As::kText, As::kText, As::kDay}},
  }};
  return kSql[static_cast<size_t>(kind)];
}

std::string ColumnText(const Statement& s, int column, As type) {
  if (s.ColumnIsNull(column)) return "";
  switch (type) {
    case As::kText: return std::string(s.ColumnText(column));
    case As::kDay: return FormatDate(static_cast<Day>(s.ColumnInt64(column)));
    case As::kMonth: return FormatMonth(static_cast<MonthIndex>(s.ColumnInt64(column)));
    case As::kCents: return FormatMoney(s.ColumnInt64(column));
    case As::kInt: return std::to_string(s.ColumnInt64(column));
    case As::kDouble: {
      char buffer[64];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, s.ColumnDouble(column));
      return std::string(buffer, result.ptr);
    }
  }
  return "";
}

// Binds the key's parts; false when a part cannot be a key of this kind (e.g. a month
// that is not YYYY-MM): then no record has it.
bool BindKey(Statement& s, const KindSql& sql, const RecordKey& key, int first_index) {
  if (key.size() != sql.key_types.size()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    const int index = first_index + static_cast<int>(i);
    switch (sql.key_types[i]) {
      case As::kMonth: {
        const std::optional<MonthIndex> month = ParseMonth(key[i]);
        if (!month) return false;
        s.BindInt64(index, *month);
        break;
      }
      case As::kDay: {
        const std::optional<Day> day = ParseDate(key[i]);
        if (!day) return false;
        s.BindInt64(index, *day);
        break;
      }
      default: s.BindText(index, key[i]);
    }
  }
  return true;
}

RecordFields ReadFields(const Statement& s, RecordKind kind) {
  const RecordLayout& layout = LayoutOf(kind);
  const KindSql& sql = SqlOf(kind);
  RecordFields fields;
  fields.reserve(layout.columns.size());
  for (size_t c = 0; c < layout.columns.size(); ++c) {
    fields.emplace_back(std::string(layout.columns[c]),
                        ColumnText(s, static_cast<int>(c), sql.types[c]));
  }
  return fields;
}

// The key query: the record's columns and its owner, or no row.
Result<Statement> PrepareByKey(const Database& db, RecordKind kind, const RecordKey& key,
                               bool* found_possible) {
  const KindSql& sql = SqlOf(kind);
  BW_ASSIGN_OR_RETURN(Statement s, db.Prepare(std::string(sql.select) + " WHERE " +
                                               std::string(sql.key_where)));
  *found_possible = BindKey(s, sql, key, 1);
  return s;
}

}  // namespace

Result<std::optional<RecordFields>> GetRecord(const Database& db, RecordKind kind,
                                              const RecordKey& key) {
  bool possible = false;
  BW_ASSIGN_OR_RETURN(Statement s, PrepareByKey(db, kind, key, &possible));
  if (!possible) return std::optional<RecordFields>();
  const int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<RecordFields>();
  if (rc != SQLITE_ROW) return db.Error(rc, "reading a " + std::string(LayoutOf(kind).noun));
  return std::optional<RecordFields>(ReadFields(s, kind));
}

Result<std::optional<std::string>> OwnerOf(const Database& db, RecordKind kind,
                                           const RecordKey& key) {
  bool possible = false;
  BW_ASSIGN_OR_RETURN(Statement s, PrepareByKey(db, kind, key, &possible));
  if (!possible) return std::optional<std::string>();
  const int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return db.Error(rc, "reading a " + std::string(LayoutOf(kind).noun));
  const int owner_column = static_cast<int>(LayoutOf(kind).columns.size());
  return std::optional<std::string>(std::string(s.ColumnText(owner_column)));
}

Result<RecordPage> ListRecords(const Database& db, RecordKind kind, const RecordQuery& query) {
  const KindSql& sql = SqlOf(kind);
  std::string where = " WHERE 1 = 1";
  if (!query.owner.empty()) where += " AND lower(a.owner) = lower(?1)";
  if (!query.account_id.empty()) where += " AND " + std::string(sql.account_column) + " = ?2";
  if (!query.contact_id.empty()) {
    if (sql.contact_column.empty()) {
      return InvalidField("contact_id", "a " + std::string(LayoutOf(kind).noun) +
                                            " has no contact_id to filter by");
    }
    where += " AND " + std::string(sql.contact_column) + " = ?3";
  }
  auto bind = [&](Statement& s) {
    if (!query.owner.empty()) s.BindText(1, query.owner);
    if (!query.account_id.empty()) s.BindText(2, query.account_id);
    if (!query.contact_id.empty()) s.BindText(3, query.contact_id);
  };
  RecordPage page;
  const std::string from = std::string(sql.select.substr(sql.select.find(" FROM ")));
  {
    BW_ASSIGN_OR_RETURN(Statement count, db.Prepare("SELECT COUNT(*)" + from + where));
    bind(count);
    const int rc = count.Step();
    if (rc != SQLITE_ROW) return db.Error(rc, "counting records");
    page.total = count.ColumnInt64(0);
  }
  BW_ASSIGN_OR_RETURN(Statement s, db.Prepare(std::string(sql.select) + where + " ORDER BY " +
                                              std::string(sql.order) + " LIMIT ?4 OFFSET ?5"));
  bind(s);
  s.BindInt64(4, query.limit);
  s.BindInt64(5, query.offset);
  for (;;) {
    const int rc = s.Step();
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return db.Error(rc, "listing records");
    page.records.push_back(ReadFields(s, kind));
  }
  return page;
}

Status DeleteRecord(Database& db, RecordKind kind, const RecordKey& key) {
  const std::string noun(LayoutOf(kind).noun);
  auto run = [&db](std::string_view sql, auto&& bind) -> Status {
    BW_ASSIGN_OR_RETURN(Statement s, db.Prepare(sql));
    bind(s);
    const int rc = s.Step();
    if (rc != SQLITE_DONE) return db.Error(rc, sql.substr(0, 40));
    return Status::Ok();
  };
  // Bound without a copy (Statement::BindText keeps a pointer): `key` outlives the step.
  if (key.empty()) return NotFound("no " + noun + " with an empty key");
  auto text = [&key](Statement& s) { s.BindText(1, key[0]); };
  switch (kind) {
    case RecordKind::kAccount: {
      constexpr std::string_view kAccount =
          "(SELECT account_key FROM accounts WHERE account_id = ?1)";
      const std::string contacts = "(SELECT contact_key FROM contacts WHERE account_key = " +
                                   std::string(kAccount) + ")";
      for (const std::string& sql :
           {"DELETE FROM invitations WHERE contact_key IN " + contacts,
            "DELETE FROM responses WHERE contact_key IN " + contacts,
            "DELETE FROM touchpoints WHERE account_key = " + std::string(kAccount),
            "DELETE FROM signals WHERE account_key = " + std::string(kAccount),
            "DELETE FROM revenue WHERE account_key = " + std::string(kAccount),
            "UPDATE touchpoints SET contact_key = NULL WHERE contact_key IN " + contacts,
            "DELETE FROM contacts WHERE account_key = " + std::string(kAccount)}) {
        BW_RETURN_IF_ERROR(run(sql, text));
      }
      BW_RETURN_IF_ERROR(run("DELETE FROM accounts WHERE account_id = ?1", text));
      break;
    }
    case RecordKind::kContact: {
      constexpr std::string_view kContact =
          "(SELECT contact_key FROM contacts WHERE contact_id = ?1)";
      for (const std::string& sql :
           {"DELETE FROM invitations WHERE contact_key = " + std::string(kContact),
            "DELETE FROM responses WHERE contact_key = " + std::string(kContact),
            "UPDATE touchpoints SET contact_key = NULL WHERE contact_key = " +
                std::string(kContact)}) {
        BW_RETURN_IF_ERROR(run(sql, text));
      }
      BW_RETURN_IF_ERROR(run("DELETE FROM contacts WHERE contact_id = ?1", text));
      break;
    }
    case RecordKind::kInvitation:
      BW_RETURN_IF_ERROR(run("DELETE FROM invitations WHERE invitation_id = ?1", text));
      break;
    case RecordKind::kResponse:
      BW_RETURN_IF_ERROR(run("DELETE FROM responses WHERE response_id = ?1", text));
      break;
    case RecordKind::kTouchpoint:
      BW_RETURN_IF_ERROR(run("DELETE FROM touchpoints WHERE touchpoint_id = ?1", text));
      break;
    case RecordKind::kRevenue: {
      bool ok = true;
      BW_RETURN_IF_ERROR(run(
          "DELETE FROM revenue WHERE month = ?2 AND account_key = "
          "(SELECT account_key FROM accounts WHERE account_id = ?1)",
          [&](Statement& s) { ok = BindKey(s, SqlOf(kind), key, 1); }));
      if (!ok) return NotFound("no " + noun + " with that key");
      break;
    }
    case RecordKind::kSignal: {
      bool ok = true;
      BW_RETURN_IF_ERROR(run(
          "DELETE FROM signals WHERE signal = ?2 AND observed_on = ?3 AND account_key = "
          "(SELECT account_key FROM accounts WHERE account_id = ?1)",
          [&](Statement& s) { ok = BindKey(s, SqlOf(kind), key, 1); }));
      if (!ok) return NotFound("no " + noun + " with that key");
      break;
    }
  }
  if (sqlite3_changes(db.handle()) == 0) return NotFound("no " + noun + " with that key");
  return Status::Ok();
}

}  // namespace internal
}  // namespace bw::store
