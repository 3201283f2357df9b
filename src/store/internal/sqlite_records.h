// Reading and deleting single records in the SQLite store (store/records.h), kind by kind.
#pragma once

#include <optional>
#include <string>

#include "store/internal/sqlite.h"
#include "store/records.h"

namespace bw::store::internal {

Result<std::optional<RecordFields>> GetRecord(const Database& db, RecordKind kind,
                                              const RecordKey& key);
Result<RecordPage> ListRecords(const Database& db, RecordKind kind, const RecordQuery& query);
Result<std::optional<std::string>> OwnerOf(const Database& db, RecordKind kind,
                                           const RecordKey& key);
// Deletes the record and what hangs on it (records.h, WriteTransaction::Delete); call
// inside a write transaction. Errors: kNotFound.
Status DeleteRecord(Database& db, RecordKind kind, const RecordKey& key);

}  // namespace bw::store::internal
