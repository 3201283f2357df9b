// The SQLite implementation of UserStore, on the connection of a SqliteStore.
#pragma once

#include <memory>

#include "store/internal/sqlite.h"
#include "store/users.h"

namespace bw::store::internal {

// `db` must outlive the returned object.
std::unique_ptr<UserStore> MakeSqliteUserStore(Database& db);

// Adds one to the change version of `area` ('data' or 'auth'); call inside the
// transaction of the change.
Status BumpChangeVersion(Database& db, std::string_view area);
Result<int64_t> ReadChangeVersion(const Database& db, std::string_view area);

}  // namespace bw::store::internal
