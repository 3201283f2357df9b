#include "store/internal/import_changes.h"

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace bw::store::internal {
namespace {

struct TableSql {
  std::string_view name;
  // The columns an update can change: a row counts as changed when any of them differs.
  std::string_view columns;
};

// In DataTable order.
constexpr TableSql kTables[kDataTableCount] = {
    {"accounts", "name industry region owner acquisition created_on churned_on"},
    {"contacts", "account_key name email role left_on"},
    {"revenue", "amount_cents"},
    {"invitations", "contact_key survey_id sent_on"},
    {"responses", "contact_key survey_id responded_on score comment drivers"},
    {"touchpoints", "account_key contact_key type occurred_on"},
    {"signals", "value"},
};

std::string AnyColumnChanged(std::string_view columns) {
  std::string condition;
  size_t start = 0;
  while (start < columns.size()) {
    size_t end = columns.find(' ', start);
    if (end == std::string_view::npos) end = columns.size();
    const std::string column(columns.substr(start, end - start));
    condition += (condition.empty() ? "" : " OR ") + ("NEW." + column + " IS NOT OLD." + column);
    start = end + 1;
  }
  return condition;
}

bool Replaced(uint8_t replace, int table) { return (replace >> table) & 1u; }

}  // namespace

Result<ImportChangeTracker> ImportChangeTracker::Start(Database& db, uint8_t replace) {
  ImportChangeTracker tracker(db, replace);
  BW_RETURN_IF_ERROR(db.Execute(
      "CREATE TEMP TABLE bw_import_changed (tbl TEXT PRIMARY KEY, changed INTEGER NOT NULL)",
      "counting the import's changes"));
  for (int t = 0; t < kDataTableCount; ++t) {
    const std::string table(kTables[t].name);
    BW_ASSIGN_OR_RETURN(tracker.rows_before_[t],
                        db.QueryInt64("SELECT COUNT(*) FROM main." + table, 0));
    BW_RETURN_IF_ERROR(db.Execute("INSERT INTO bw_import_changed VALUES ('" + table + "', 0)",
                                  "counting the import's changes"));
    if (!Replaced(replace, t)) continue;
    // A mirrored table is written unconditionally (every row fires the update trigger, so
    // the rows the import wrote are known); a trigger counts the updates that changed a
    // value, and the rows written are remembered by rowid: what a mirror import keeps.
    BW_RETURN_IF_ERROR(db.Execute(
        "CREATE TEMP TRIGGER bw_changed_" + table + " AFTER UPDATE ON main." + table + " WHEN " +
            AnyColumnChanged(kTables[t].columns) +
            " BEGIN UPDATE bw_import_changed SET changed = changed + 1 WHERE tbl = '" + table +
            "'; END; "
            "CREATE TEMP TABLE bw_written_" +
            table +
            " (row INTEGER PRIMARY KEY); "
            "CREATE TEMP TRIGGER bw_inserted_" +
            table + " AFTER INSERT ON main." + table + " BEGIN INSERT OR IGNORE INTO bw_written_" +
            table +
            " VALUES (NEW.rowid); END; "
            "CREATE TEMP TRIGGER bw_updated_" +
            table + " AFTER UPDATE ON main." + table + " BEGIN INSERT OR IGNORE INTO bw_written_" +
            table + " VALUES (NEW.rowid); END",
        "remembering the rows of a mirror import"));
  }
  return tracker;
}

Result<std::array<TableChanges, kDataTableCount>> ImportChangeTracker::Finish(
    const std::array<int64_t, kDataTableCount>& written,
    const std::array<int64_t, kDataTableCount>& inserted_or_changed) {
  std::array<TableChanges, kDataTableCount> changes{};
  for (int t = 0; t < kDataTableCount; ++t) {
    const std::string table(kTables[t].name);
    BW_ASSIGN_OR_RETURN(const int64_t rows_after,
                        db_->QueryInt64("SELECT COUNT(*) FROM main." + table, 0));
    TableChanges& c = changes[t];
    c.added = rows_after - rows_before_[t];
    if (Replaced(replace_, t)) {
      BW_ASSIGN_OR_RETURN(c.changed, db_->QueryInt64("SELECT changed FROM bw_import_changed "
                                                     "WHERE tbl = '" +
                                                         table + "'",
                                                     0));
    } else {
      // Upserts that rewrite only what differs: SQLite counted inserts and changes.
      c.changed = std::max<int64_t>(0, inserted_or_changed[t] - c.added);
    }
    c.unchanged = std::max<int64_t>(0, written[t] - c.added - c.changed);
  }
  // The triggers must not see the deletes and updates of the mirror step.
  BW_RETURN_IF_ERROR(DropTemporaryObjects());
  if (replace_ != 0) BW_RETURN_IF_ERROR(DeleteUnwritten(changes));
  for (int t = 0; t < kDataTableCount; ++t) {
    if (Replaced(replace_, t)) {
      BW_RETURN_IF_ERROR(db_->Execute("DROP TABLE temp.bw_written_" + std::string(kTables[t].name),
                                      "ending a mirror import"));
    }
  }
  return changes;
}

Status ImportChangeTracker::DropTemporaryObjects() {
  std::string sql = "DROP TABLE temp.bw_import_changed;";
  for (int t = 0; t < kDataTableCount; ++t) {
    if (!Replaced(replace_, t)) continue;
    const std::string table(kTables[t].name);
    sql += " DROP TRIGGER temp.bw_changed_" + table + "; DROP TRIGGER temp.bw_inserted_" +
           table + "; DROP TRIGGER temp.bw_updated_" + table + ";";
  }
  return db_->Execute(sql, "ending the import's change count");
}

Status ImportChangeTracker::DeleteUnwritten(std::array<TableChanges, kDataTableCount>& changes) {
  auto unwritten = [this](DataTable table) -> std::string {
    const auto t = static_cast<int>(table);
    if (!Replaced(replace_, t)) return "0";
    return "rowid NOT IN (SELECT row FROM temp.bw_written_" + std::string(kTables[t].name) + ")";
  };
  auto run = [this, &changes](std::string_view sql, DataTable table) -> Status {
    BW_RETURN_IF_ERROR(db_->Execute(sql, "deleting what a mirror import no longer has"));
    changes[static_cast<int>(table)].deleted += sqlite3_changes(db_->handle());
    return Status::Ok();
  };
  // The accounts and contacts that go, first: what hangs on them goes with them.
  BW_RETURN_IF_ERROR(db_->Execute(
      "CREATE TEMP TABLE bw_gone_accounts AS SELECT account_key FROM main.accounts WHERE " +
          unwritten(DataTable::kAccounts) +
          "; CREATE TEMP TABLE bw_gone_contacts AS SELECT contact_key FROM main.contacts WHERE " +
          unwritten(DataTable::kContacts) +
          " OR account_key IN (SELECT account_key FROM temp.bw_gone_accounts)",
      "deleting what a mirror import no longer has"));
  const std::string gone_accounts =
      "account_key IN (SELECT account_key FROM temp.bw_gone_accounts)";
  const std::string gone_contacts =
      "contact_key IN (SELECT contact_key FROM temp.bw_gone_contacts)";
  BW_RETURN_IF_ERROR(run("DELETE FROM main.invitations WHERE " + gone_contacts + " OR " +
                             unwritten(DataTable::kInvitations),
                         DataTable::kInvitations));
  BW_RETURN_IF_ERROR(run("DELETE FROM main.responses WHERE " + gone_contacts + " OR " +
                             unwritten(DataTable::kResponses),
                         DataTable::kResponses));
  BW_RETURN_IF_ERROR(run("DELETE FROM main.touchpoints WHERE " + gone_accounts + " OR " +
                             unwritten(DataTable::kTouchpoints),
                         DataTable::kTouchpoints));
  BW_RETURN_IF_ERROR(
      db_->Execute("UPDATE main.touchpoints SET contact_key = NULL WHERE " + gone_contacts,
                   "deleting what a mirror import no longer has"));
  BW_RETURN_IF_ERROR(run(
      "DELETE FROM main.signals WHERE " + gone_accounts + " OR " + unwritten(DataTable::kSignals),
      DataTable::kSignals));
  BW_RETURN_IF_ERROR(run(
      "DELETE FROM main.revenue WHERE " + gone_accounts + " OR " + unwritten(DataTable::kRevenue),
      DataTable::kRevenue));
  BW_RETURN_IF_ERROR(run("DELETE FROM main.contacts WHERE " + gone_contacts, DataTable::kContacts));
  BW_RETURN_IF_ERROR(run("DELETE FROM main.accounts WHERE " + gone_accounts, DataTable::kAccounts));
  return db_->Execute("DROP TABLE temp.bw_gone_accounts; DROP TABLE temp.bw_gone_contacts",
                      "deleting what a mirror import no longer has");
}

}  // namespace bw::store::internal
