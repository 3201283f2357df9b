#include "store/migrations.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/internal/sqlite.h"
#include "store/internal/test_data_set.h"
#include "store/store.h"

namespace bw::store {
namespace {

using internal::Database;
using ::testing::ElementsAre;
using testing::TempDir;

std::unique_ptr<Database> OpenDatabase(const std::string& path) {
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return std::move(db).value();
}

std::vector<std::string> Strings(const Database& db, const std::string& sql) {
  Result<internal::Statement> stmt = db.Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
  std::vector<std::string> out;
  while (stmt->Step() == SQLITE_ROW) out.emplace_back(stmt->ColumnText(0));
  return out;
}

// Every object of the schema with the SQL that created it, one line per object (the SQL
// may span lines), ordered by type and name.
std::string SchemaDump(const Database& db) {
  std::string out;
  for (const std::string& line :
       Strings(db, "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || COALESCE(sql, '') "
                   "FROM sqlite_master ORDER BY type, name")) {
    out += line + "\n";
  }
  return out;
}

// The schema a fresh store had before the migrations moved into per-dialect .sql files,
// dumped by SchemaDump's query from a store the earlier binary created.
std::string SchemaOfEarlierBinaries() {
  std::ifstream in(std::string(BELLWETHER_SOURCE_DIR) + "/src/store/testdata/sqlite_schema_v3.txt");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(MigrationsTest, EachDialectHasItsOwnListWithVersionsFromOne) {
  for (const SqlDialect dialect : {SqlDialect::kSqlite, SqlDialect::kPostgresql}) {
    int expected = 1;
    for (const Migration& migration : Migrations(dialect)) {
      EXPECT_EQ(migration.version, expected++) << DialectName(dialect);
      EXPECT_FALSE(migration.name.empty());
      EXPECT_FALSE(migration.sql.empty());
    }
  }
  EXPECT_EQ(Migrations().data(), Migrations(SqlDialect::kSqlite).data());
  EXPECT_EQ(Migrations(SqlDialect::kSqlite).size(), 3u);
  EXPECT_EQ(DialectName(SqlDialect::kSqlite), "sqlite");
  EXPECT_EQ(DialectName(SqlDialect::kPostgresql), "postgresql");
}

TEST(MigrationsTest, AFreshStoreHasTheSchemaEarlierBinariesCreated) {
  TempDir dir;
  const std::string path = dir.File("bw.db");
  ASSERT_TRUE(OpenSqliteStore(path).ok());
  auto db = OpenDatabase(path);
  const std::string expected = SchemaOfEarlierBinaries();
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(SchemaDump(*db), expected);
}

TEST(MigrationsTest, AStoreOfVersionOneMigratesAsBeforeKeepingItsRows) {
  TempDir dir;
  const std::string path = dir.File("bw.db");
  {
    auto db = OpenDatabase(path);
    ASSERT_TRUE(ApplyMigrations(*db, Migrations().first(1)).ok());
    ASSERT_TRUE(db->Execute("INSERT INTO accounts (account_id, name) VALUES ('A1', 'Acme')",
                            "test")
                    .ok());
  }
  ASSERT_TRUE(OpenSqliteStore(path).ok());
  auto db = OpenDatabase(path);
  EXPECT_EQ(*ReadSchemaVersion(*db), 3);
  EXPECT_EQ(SchemaDump(*db), SchemaOfEarlierBinaries());
  EXPECT_THAT(Strings(*db, "SELECT account_id || ' ' || name FROM accounts"),
              ElementsAre("A1 Acme"));
}

TEST(MigrationsTest, VersionsRunFromOneWithoutGaps) {
  int expected = 1;
  for (const Migration& migration : Migrations()) {
    EXPECT_EQ(migration.version, expected++);
    EXPECT_FALSE(migration.name.empty());
  }
  EXPECT_EQ(LatestSchemaVersion(), 3);
}

TEST(MigrationsTest, AnEmptyFileIsMigratedToTheLatestVersion) {
  TempDir dir;
  const std::string path = dir.File("bw.db");
  ASSERT_TRUE(OpenSqliteStore(path).ok());
  auto db = OpenDatabase(path);
  Result<int64_t> version = ReadSchemaVersion(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, LatestSchemaVersion());
  EXPECT_THAT(Strings(*db, "SELECT version || ': ' || description FROM schema_version"),
              ElementsAre("1: import format v1: accounts, contacts, revenue, invitations, "
                          "responses, touchpoints, signals",
                          "2: users, sessions, API tokens, audit log, change versions",
                          "3: survey waves and invitations, outbox, suppression list, cases, "
                          "webhooks"));
  EXPECT_THAT(Strings(*db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
              ElementsAre("accounts", "api_tokens", "audit_log", "case_events", "cases",
                          "change_versions", "contacts", "invitations", "outbox", "responses", "revenue", "schema_version",
                          "sessions", "signals", "suppressions", "survey_invites",
                          "survey_tokens", "touchpoints", "users", "waves", "webhooks"));
  EXPECT_THAT(Strings(*db, "PRAGMA journal_mode"), ElementsAre("wal"));
}

TEST(MigrationsTest, ReadSchemaVersionOfANewFileIsZero) {
  TempDir dir;
  auto db = OpenDatabase(dir.File("new.db"));
  Result<int64_t> version = ReadSchemaVersion(*db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 0);
}

TEST(MigrationsTest, OnlyPendingMigrationsAreApplied) {
  TempDir dir;
  auto db = OpenDatabase(dir.File("bw.db"));
  const Migration first[] = {{1, "create a", "CREATE TABLE a (x INTEGER)"}};
  ASSERT_TRUE(ApplyMigrations(*db, first).ok());
  ASSERT_TRUE(db->Execute("INSERT INTO a (x) VALUES (7)", "test").ok());
  // Re-running migration 1 would fail (table a exists) or lose the row.
  const Migration both[] = {first[0], {2, "add y to a", "ALTER TABLE a ADD COLUMN y TEXT"}};
  Status status = ApplyMigrations(*db, both);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(*ReadSchemaVersion(*db), 2);
  EXPECT_THAT(Strings(*db, "SELECT x || '/' || COALESCE(y, 'null') FROM a"), ElementsAre("7/null"));
  // Up to date: nothing to do.
  EXPECT_TRUE(ApplyMigrations(*db, both).ok());
  EXPECT_THAT(Strings(*db, "SELECT version FROM schema_version ORDER BY version"),
              ElementsAre("1", "2"));
}

TEST(MigrationsTest, AFailingMigrationRollsBackEveryPendingOne) {
  TempDir dir;
  auto db = OpenDatabase(dir.File("bw.db"));
  const Migration migrations[] = {
      {1, "create a", "CREATE TABLE a (x INTEGER)"},
      {2, "create b", "CREATE TABLE b (x INTEGER)"},
      {3, "broken", "CREATE TABLE c (x INTEGER); INSERT INTO nowhere VALUES (1)"},
  };
  Status status = ApplyMigrations(*db, migrations);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(), db->path() + ": migration 3 (broken): no such table: nowhere");
  EXPECT_EQ(*ReadSchemaVersion(*db), 0);
  EXPECT_TRUE(Strings(*db, "SELECT name FROM sqlite_master WHERE type = 'table'").empty());
}

TEST(MigrationsTest, ANewerSchemaIsRefused) {
  TempDir dir;
  const std::string path = dir.File("bw.db");
  {
    auto store = OpenSqliteStore(path);
    ASSERT_TRUE(store.ok());
  }
  {
    auto db = OpenDatabase(path);
    ASSERT_TRUE(db->Execute("INSERT INTO schema_version (version, description) "
                            "VALUES (99, 'from the future')",
                            "test")
                    .ok());
  }
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store.status().message(),
            path +
                ": schema version 99 is newer than this program supports (3); use a newer "
                "bellwether");
}

TEST(MigrationsTest, ForeignKeysAreDeclaredAndEnforced) {
  TempDir dir;
  const std::string path = dir.File("bw.db");
  ASSERT_TRUE(OpenSqliteStore(path).ok());
  auto db = OpenDatabase(path);
  EXPECT_THAT(Strings(*db,
                      "SELECT m.name || '.' || f.\"from\" || '->' || f.\"table\" "
                      "FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
                      "WHERE m.type = 'table' ORDER BY 1"),
              ElementsAre("api_tokens.user_id->users", "case_events.case_id->cases",
                          "contacts.account_key->accounts",
                          "invitations.contact_key->contacts", "responses.contact_key->contacts",
                          "revenue.account_key->accounts", "sessions.user_id->users",
                          "signals.account_key->accounts",
                          "survey_invites.invitation_id->invitations",
                          "survey_invites.wave_id->waves",
                          "survey_tokens.invitation_id->survey_invites",
                          "touchpoints.account_key->accounts",
                          "touchpoints.contact_key->contacts"));
  ASSERT_TRUE(db->Execute("PRAGMA foreign_keys = ON", "test").ok());
  Status status = db->Execute("INSERT INTO revenue VALUES (42, 24300, 1)", "test");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), path + ": test: FOREIGN KEY constraint failed");
}

}  // namespace
}  // namespace bw::store
