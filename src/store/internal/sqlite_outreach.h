// The SQLite implementation of OutreachStore (store/outreach.h), on the connection of a
// SqliteStore.
#pragma once

#include <memory>

#include "store/internal/sqlite.h"
#include "store/outreach.h"

namespace bw::store::internal {

// `db` must outlive the returned object.
std::unique_ptr<OutreachStore> MakeSqliteOutreachStore(Database& db);

}  // namespace bw::store::internal
