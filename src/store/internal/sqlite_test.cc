#include "store/internal/sqlite.h"

#include <string>

#include "gtest/gtest.h"
#include "store/internal/test_data_set.h"

namespace bw::store::internal {
namespace {

using testing::TempDir;

TEST(SqliteTest, AFailedBindIsReturnedByTheNextStepAndWritesNothing) {
  TempDir dir;
  Result<std::unique_ptr<Database>> db = Database::Open(dir.File("t.db"));
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Execute("CREATE TABLE t (a TEXT, b INTEGER)", "test").ok());
  sqlite3_limit((*db)->handle(), SQLITE_LIMIT_LENGTH, 10);
  Result<Statement> insert = (*db)->Prepare("INSERT INTO t (a, b) VALUES (?, ?)");
  ASSERT_TRUE(insert.ok());

  insert->BindText(1, "longer than ten bytes");
  insert->BindInt64(2, 1);
  const int rc = insert->Step();
  EXPECT_EQ(rc, SQLITE_TOOBIG);
  Status status = (*db)->Error(rc, "row 1");
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(), (*db)->path() + ": row 1: string or blob too big");
  insert->Reset();
  Result<int64_t> rows = (*db)->QueryInt64("SELECT COUNT(*) FROM t", -1);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, 0);

  // The failure is not kept beyond that step.
  insert->BindText(1, "short");
  insert->BindInt64(2, 2);
  EXPECT_EQ(insert->Step(), SQLITE_DONE);
  insert->Reset();
  EXPECT_EQ(*(*db)->QueryInt64("SELECT b FROM t WHERE a = 'short'", -1), 2);
}

TEST(SqliteTest, ConstraintFailuresAreInvalidArgumentsOthersIoErrors) {
  TempDir dir;
  Result<std::unique_ptr<Database>> db = Database::Open(dir.File("t.db"));
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)->Execute("CREATE TABLE t (a INTEGER NOT NULL UNIQUE)", "test").ok());
  ASSERT_TRUE((*db)->Execute("INSERT INTO t VALUES (1)", "test").ok());
  Status duplicate = (*db)->Execute("INSERT INTO t VALUES (1)", "second row");
  EXPECT_EQ(duplicate.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(duplicate.message(), (*db)->path() + ": second row: UNIQUE constraint failed: t.a");
  Status missing = (*db)->Execute("SELECT * FROM nowhere", "reading");
  EXPECT_EQ(missing.code(), StatusCode::kIoError);
  EXPECT_EQ(missing.message(), (*db)->path() + ": reading: no such table: nowhere");
}

}  // namespace
}  // namespace bw::store::internal
