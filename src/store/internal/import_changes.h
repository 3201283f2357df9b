// What an import changed, table by table (issue 13: "N new, M changed, K unchanged", and
// "D deleted" for a mirror import). Counted by SQLite itself, inside the import's
// transaction: row counts before and after give the new rows; the upserts rewrite only rows
// that differ, so SQLite's change count gives the changed ones. A mirrored table is written
// unconditionally instead, and temporary triggers count its changes and remember the rows
// the import wrote, so that the others can be deleted.
#pragma once

#include <array>
#include <cstdint>

#include "core/status.h"
#include "store/internal/sqlite.h"
#include "store/store.h"

namespace bw::store::internal {

class ImportChangeTracker {
 public:
  // Counts each table's rows and creates the temporary triggers; `replace` (bits of
  // DataTableBit) names the tables whose rows the import does not write are to be
  // deleted. Call inside the import's transaction, before its first write.
  static Result<ImportChangeTracker> Start(Database& db, uint8_t replace);

  // After the import's writes: the changes of each table, given how many rows the import
  // wrote to each (`written`; a row written twice counts twice) and how many of those
  // SQLite inserted or changed (`inserted_or_changed`, for the tables not mirrored).
  // Deletes the rows of the
  // replaced tables that the import did not write, and what hangs on a deleted account
  // or contact (its contacts, revenue, invitations, responses, touchpoints, signals; a
  // touchpoint of a deleted contact only loses its contact), counting them as deleted.
  // Drops the temporary objects.
  Result<std::array<TableChanges, kDataTableCount>> Finish(
      const std::array<int64_t, kDataTableCount>& written,
      const std::array<int64_t, kDataTableCount>& inserted_or_changed);

 private:
  ImportChangeTracker(Database& db, uint8_t replace) : db_(&db), replace_(replace) {}
  Status DeleteUnwritten(std::array<TableChanges, kDataTableCount>& changes);
  Status DropTemporaryObjects();

  Database* db_;
  uint8_t replace_;
  std::array<int64_t, kDataTableCount> rows_before_{};
};

}  // namespace bw::store::internal
