#include "store/migrations.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "store/internal/shipped_migrations.h"
#include "store/internal/sqlite.h"

namespace bw::store {
namespace {

// The migrations of each dialect, from the .sql files compiled in
// (internal/shipped_migrations.h), in version order.
const std::vector<Migration>& MigrationsOf(SqlDialect dialect) {
  static const std::array<std::vector<Migration>, 2> kByDialect = [] {
    std::array<std::vector<Migration>, 2> by_dialect;
    for (const SqlDialect d : {SqlDialect::kSqlite, SqlDialect::kPostgresql}) {
      std::vector<Migration>& list = by_dialect[static_cast<size_t>(d)];
      for (const internal::ShippedMigration& m : internal::ShippedMigrations()) {
        if (m.dialect == DialectName(d)) list.push_back({m.version, m.name, m.sql});
      }
      std::sort(list.begin(), list.end(),
                [](const Migration& x, const Migration& y) { return x.version < y.version; });
    }
    return by_dialect;
  }();
  return kByDialect[static_cast<size_t>(dialect)];
}

// Created before any migration runs, so that the version can be read from any database.
constexpr std::string_view kCreateSchemaVersion =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL)";

}  // namespace

std::string_view DialectName(SqlDialect dialect) {
  return dialect == SqlDialect::kSqlite ? "sqlite" : "postgresql";
}

std::span<const Migration> Migrations(SqlDialect dialect) { return MigrationsOf(dialect); }

std::span<const Migration> Migrations() { return Migrations(SqlDialect::kSqlite); }

int LatestSchemaVersion() {
  const std::span<const Migration> sqlite = Migrations();
  return sqlite.empty() ? 0 : sqlite.back().version;
}

Status NotABellwetherStore(const std::string& path) {
  return FailedPrecondition(path + " is not a Bellwether store (no schema_version table)");
}

Status RefuseForeignDatabase(internal::Database& db) {
  // The first read of the file: a file that is no SQLite database fails here, named so.
  BW_RETURN_IF_ERROR(db.Execute("PRAGMA schema_version", "reading the database header"));
  BW_ASSIGN_OR_RETURN(const int64_t version, ReadSchemaVersion(db));
  if (version > 0) return Status::Ok();
  // Never add our tables to somebody else's database: only an empty file becomes a store.
  BW_ASSIGN_OR_RETURN(const int64_t objects,
                      db.QueryInt64("SELECT COUNT(*) FROM sqlite_master", 0));
  return objects > 0 ? NotABellwetherStore(db.path()) : Status::Ok();
}

Result<int64_t> ReadSchemaVersion(const internal::Database& db) {
  BW_ASSIGN_OR_RETURN(const int64_t tables,
                      db.QueryInt64("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                                    "name = 'schema_version'",
                                    0));
  if (tables == 0) return 0;
  BW_ASSIGN_OR_RETURN(const int64_t version,
                      db.QueryInt64("SELECT MAX(version) FROM schema_version", 0));
  // Read as 64 bits: 4294967297 must not pass for 1.
  if (version < 0) {
    return FailedPrecondition(db.path() + ": schema version " + std::to_string(version) +
                              " is not valid (the database is damaged or not a Bellwether store)");
  }
  return version;
}

Status ApplyMigrations(internal::Database& db, std::span<const Migration> migrations) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  // A read first, so that opening an up-to-date store does not take the write lock.
  BW_ASSIGN_OR_RETURN(int64_t version, ReadSchemaVersion(db));
  auto too_new = [&](int64_t found) {
    return FailedPrecondition(db.path() + ": schema version " + std::to_string(found) +
                              " is newer than this program supports (" + std::to_string(latest) +
                              "); use a newer bellwether");
  };
  if (version > latest) return too_new(version);
  if (version == latest) return Status::Ok();
  if (version == 0) BW_RETURN_IF_ERROR(RefuseForeignDatabase(db));

  return internal::InTransaction(db, "migrating the schema", [&]() -> Status {
    BW_RETURN_IF_ERROR(db.Execute(kCreateSchemaVersion, "creating schema_version"));
    // Another process may have migrated between the read and the write lock.
    BW_ASSIGN_OR_RETURN(version, ReadSchemaVersion(db));
    if (version > latest) return too_new(version);
    BW_ASSIGN_OR_RETURN(
        internal::Statement record,
        db.Prepare("INSERT INTO schema_version (version, description) VALUES (?, ?)"));
    for (const Migration& migration : migrations) {
      if (migration.version <= version) continue;
      const std::string what = "migration " + std::to_string(migration.version) + " (" +
                               std::string(migration.name) + ")";
      BW_RETURN_IF_ERROR(db.Execute(migration.sql, what));
      record.Reset();
      record.BindInt64(1, migration.version);
      record.BindText(2, migration.name);
      const int rc = record.Step();
      if (rc != SQLITE_DONE) return db.Error(rc, what);
    }
    return Status::Ok();
  });
}

}  // namespace bw::store
