// The store's SQL schema as an ordered list of numbered migrations per SQL dialect, and how
// a SQLite database is brought up to date.
//
// A migration is applied once, in order, and never edited after it has shipped: a schema
// change is a new migration at the end of the list. Each dialect has its own list, one file
// per migration: src/store/migrations/<dialect>/NNN_<what>.sql (NNN the version; the first
// line `-- <name>`, the rest the statements), compiled in by CMakeLists.txt. The same
// version means the same schema in every dialect; a backend applies its dialect's list.
// Conventions of the schema (docs/store.md):
//   - dates are INTEGER day numbers (days since 1970-01-01, core/date.h), months INTEGER
//     month indexes (year * 12 + month - 1), money BIGINT cents;
//   - an empty optional value is NULL;
//   - accounts and contacts have an INTEGER surrogate key; their text id is UNIQUE and the
//     child tables reference the surrogate key.
// The applied versions are rows of `schema_version` (one row per migration applied).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace bw::store {

namespace internal {
class Database;
}  // namespace internal

struct Migration {
  int version;            // 1, 2, 3 ... without gaps
  std::string_view name;  // what it does, for logs and schema_version.description
  std::string_view sql;   // one or more statements
};

// The SQL dialects migrations are written for; DialectName is the directory of its files.
enum class SqlDialect { kSqlite, kPostgresql };
std::string_view DialectName(SqlDialect dialect);

// Every migration this binary knows for `dialect`, in version order (empty for a dialect
// without a backend yet).
std::span<const Migration> Migrations(SqlDialect dialect);

// The SQLite migrations (the store's backend): Migrations(SqlDialect::kSqlite).
std::span<const Migration> Migrations();

// The version a database has after all of Migrations() are applied.
int LatestSchemaVersion();

// The highest version recorded in `db`'s schema_version table; 0 for a database without
// one (a new, empty file).
Result<int64_t> ReadSchemaVersion(const internal::Database& db);

// The error for a database that has tables but no schema_version table: somebody else's
// SQLite file, which Bellwether neither reads as a store nor migrates.
Status NotABellwetherStore(const std::string& path);

// kFailedPrecondition (NotABellwetherStore) when `db` has tables but no schema_version
// table; reads only.
Status RefuseForeignDatabase(internal::Database& db);

// Applies the migrations of `migrations` (in version order, versions 1..N) that `db` does
// not have yet, all in one transaction: afterwards the database has all of them, or,
// after an error, none of the pending ones. Errors: kFailedPrecondition when the database
// records a version newer than the last of `migrations` (written by a newer binary) or
// has tables but no schema_version table (not a Bellwether store: left untouched);
// kIoError or kInvalidArgument from SQLite, naming the failed migration.
Status ApplyMigrations(internal::Database& db, std::span<const Migration> migrations);

}  // namespace bw::store
