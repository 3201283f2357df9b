// Regression tests of issue 9, "Hostile and broken input", at the store's level: a schema
// version out of range, reading a store without writing it, and the revenue bound.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <string>

#include "store/internal/sqlite.h"
#include "store/internal/test_data_set.h"
#include "store/migrations.h"
#include "store/store.h"

namespace bw::store {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

bool Exists(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0;
}

// A store with one account, closed cleanly.
std::string MakeStore(const TempDir& dir) {
  const std::string path = dir.File("bw.db");
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  if (!store.ok()) {
    ADD_FAILURE() << "open: " << store.status().ToString();
    return path;
  }
  Result<ImportCounts> counts = (*store)->Import([](DataSetSink& sink) -> Status {
    AccountRecord account;
    account.account_id = "A1";
    account.name = "Alpha";
    BW_RETURN_IF_ERROR(sink.OnAccount(account));
    RevenueRecord revenue;
    revenue.account_id = "A1";
    revenue.month = MakeMonthIndex(2026, 1);
    revenue.amount = 12345;
    return sink.OnRevenue(revenue);
  });
  if (!counts.ok()) ADD_FAILURE() << "import: " << counts.status().ToString();
  return path;
}

class CountingSink final : public DataSetSink {
 public:
  Status OnAccount(const AccountRecord&) override { return ++accounts, Status::Ok(); }
  Status OnContact(const ContactRecord&) override { return Status::Ok(); }
  Status OnRevenue(const RevenueRecord& r) override { return cents += r.amount, Status::Ok(); }
  Status OnInvitation(const InvitationRecord&) override { return Status::Ok(); }
  Status OnResponse(const ResponseRecord&) override { return Status::Ok(); }
  Status OnTouchpoint(const TouchpointRecord&) override { return Status::Ok(); }
  Status OnSignal(const SignalRecord&) override { return Status::Ok(); }
  int accounts = 0;
  Cents cents = 0;
};

TEST(HostileStore, SchemaVersionOutOfRangeIsRefused) {
  TempDir dir;
  const std::string path = MakeStore(dir);
  {
    Result<std::unique_ptr<internal::Database>> db = internal::Database::Open(path);
    ASSERT_TRUE(db.ok());
    // 2^32 + 1: read as a 32-bit int it would pass for version 1.
    ASSERT_TRUE((*db)->Execute("INSERT INTO schema_version VALUES (4294967297, 'x')", "t").ok());
  }
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store.status().message(),
            path + ": schema version 4294967297 is newer than this program supports (" +
                std::to_string(LatestSchemaVersion()) + "); use a newer bellwether");
  EXPECT_EQ(OpenSqliteStoreReadOnly(path).status().code(), StatusCode::kFailedPrecondition);
  {
    Result<std::unique_ptr<internal::Database>> db = internal::Database::Open(path);
    ASSERT_TRUE((*db)
                    ->Execute("DELETE FROM schema_version WHERE version > 1; "
                              "INSERT INTO schema_version VALUES (-5, 'x'); "
                              "DELETE FROM schema_version WHERE version = 1",
                              "t")
                    .ok());
  }
  store = OpenSqliteStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(store.status().message(), HasSubstr("schema version -5 is not valid"));
}

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Issue 13, "Safe with files": somebody else's SQLite file is neither read as a store nor
// migrated, and stays byte for byte as it was, without a WAL or journal left beside it.
TEST(HostileStore, AForeignSqliteFileIsRefusedAndLeftUntouched) {
  TempDir dir;
  const std::string path = dir.File("foreign.db");
  {
    Result<std::unique_ptr<internal::Database>> db = internal::Database::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->Execute("CREATE TABLE invoices (id INTEGER); "
                              "INSERT INTO invoices VALUES (1)",
                              "t")
                    .ok());
  }
  const std::string before = FileBytes(path);
  const std::string expected = path + " is not a Bellwether store (no schema_version table)";

  Result<std::unique_ptr<Store>> read_only = OpenSqliteStoreReadOnly(path);
  ASSERT_FALSE(read_only.ok());
  EXPECT_EQ(read_only.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(read_only.status().message(), expected);

  Result<std::unique_ptr<Store>> writable = OpenSqliteStore(path);
  ASSERT_FALSE(writable.ok());
  EXPECT_EQ(writable.status().message(), expected);

  EXPECT_TRUE(FileBytes(path) == before) << "the foreign file was changed";
  EXPECT_FALSE(Exists(path + "-wal"));
  EXPECT_FALSE(Exists(path + "-journal"));
}

TEST(HostileStore, AnEmptyFileBecomesAStore) {
  TempDir dir;
  const std::string path = dir.File("empty.db");
  { std::ofstream touch(path); }
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
}

TEST(HostileStore, ReadOnlyOpenScansWithoutWriting) {
  TempDir dir;
  const std::string path = MakeStore(dir);
  ASSERT_FALSE(Exists(path + "-wal"));
  Result<std::unique_ptr<Store>> store = OpenSqliteStoreReadOnly(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  CountingSink sink;
  ASSERT_TRUE((*store)->Scan(sink).ok());
  EXPECT_EQ(sink.accounts, 1);
  EXPECT_EQ(sink.cents, 12345);
  // An import through it fails and changes nothing.
  Result<ImportCounts> counts = (*store)->Import([](DataSetSink& sink) {
    AccountRecord account;
    account.account_id = "A2";
    account.name = "Beta";
    return sink.OnAccount(account);
  });
  EXPECT_FALSE(counts.ok());
  CountingSink after;
  ASSERT_TRUE((*store)->Scan(after).ok());
  EXPECT_EQ(after.accounts, 1);
  // A missing file is not created.
  EXPECT_EQ(OpenSqliteStoreReadOnly(dir.File("none.db")).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(Exists(dir.File("none.db")));
}

TEST(HostileStore, MoneyTotalAboveTheLimitIsRefused) {
  TempDir dir;
  const std::string path = MakeStore(dir);
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok());
  // Two imports of 6 * 10^17 cents each: each alone is fine, the stored total is not.
  auto import_month = [&](int month) {
    return (*store)->Import([month](DataSetSink& sink) -> Status {
      RevenueRecord revenue;
      revenue.account_id = "A1";
      revenue.month = MakeMonthIndex(2026, month);
      revenue.amount = 600'000'000'000'000'000;
      return sink.OnRevenue(revenue);
    });
  };
  ASSERT_TRUE(import_month(2).ok());
  Result<ImportCounts> second = import_month(3);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(second.status().message(),
            path +
                ": revenue: the stored revenue would add up to more than "
                "10000000000000000.00 (docs/limits.md)");
  CountingSink sink;
  ASSERT_TRUE((*store)->Scan(sink).ok());
  EXPECT_EQ(sink.cents, 12345 + 600'000'000'000'000'000);
}

}  // namespace
}  // namespace bw::store
