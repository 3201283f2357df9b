// The SQLite implementation of CaseStore (store/cases.h), on the connection of a
// SqliteStore.
#pragma once

#include <memory>

#include "store/cases.h"
#include "store/internal/sqlite.h"

namespace bw::store::internal {

// `db` must outlive the returned object.
std::unique_ptr<CaseStore> MakeSqliteCaseStore(Database& db);

}  // namespace bw::store::internal
