// The backend conformance suite: what every Store backend must do, whatever its SQL
// dialect. Each backend instantiates it with a factory (SQLite here; the PostgreSQL
// backend will add its own instantiation and must pass the same tests).
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <string>

#include "store/internal/test_data_set.h"
#include "store/store.h"

namespace bw::store {
namespace {

using testing::Account;
using testing::Contact;
using testing::DataSet;
using testing::Response;
using testing::Revenue;
using testing::ScanLines;
using testing::Signal;
using testing::Touchpoint;

Account AccountOf(std::string id, std::string name, std::string owner = "") {
  Account a;
  a.account_id = std::move(id);
  a.name = std::move(name);
  a.owner = std::move(owner);
  return a;
}

Contact ContactOf(std::string id, std::string account, Role role) {
  Contact c;
  c.contact_id = std::move(id);
  c.account_id = std::move(account);
  c.role = role;
  return c;
}

struct Backend {
  std::string name;
  // A new, empty store for one test; `id` tells tests apart.
  std::function<Result<std::unique_ptr<Store>>(const std::string& id)> open;
};

class StoreConformanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string id = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : id) c = c == '/' ? '_' : c;
    Result<std::unique_ptr<Store>> store = GetParam().open(id);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
  }
  Store& store() { return *store_; }

  // Two accounts (one owned by am@example.com), contacts, revenue, a response, a touchpoint
  // and a signal.
  static DataSet Book() {
    DataSet d;
    d.accounts = {AccountOf("A1", "Alpha", "am@example.com"),
                  AccountOf("B2", "Beta", "other@example.com")};
    d.contacts = {ContactOf("C1", "A1", Role::kDecisionMaker), ContactOf("C2", "B2", Role::kUser)};
    d.revenue = {Revenue{"A1", MakeMonthIndex(2026, 1), 10000},
                 Revenue{"A1", MakeMonthIndex(2026, 2), 2550},
                 Revenue{"B2", MakeMonthIndex(2026, 1), 500}};
    d.responses = {Response{"R1", "C1", "2026-Q1", *ParseDate("2026-02-03"), 9, "gut", "support"}};
    d.touchpoints = {
        Touchpoint{"T1", "B2", "C2", TouchpointType::kMeeting, *ParseDate("2026-01-05")}};
    d.signals = {Signal{"A1", "usage", *ParseDate("2026-01-31"), 0.75}};
    return d;
  }

  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformanceTest, ImportThenScanGivesTheRecordsBackAndTwiceChangesNothing) {
  const DataSet book = Book();
  ASSERT_TRUE(store().Import(book.Fill()).ok());
  const std::vector<std::string> first = ScanLines(store());
  ASSERT_TRUE(store().Import(book.Fill()).ok());
  EXPECT_EQ(ScanLines(store()), first);
  EXPECT_EQ(first.size(), static_cast<size_t>(book.size()));
}

TEST_P(StoreConformanceTest, AFailedImportChangesNothing) {
  ASSERT_TRUE(store().Import(Book().Fill()).ok());
  const std::vector<std::string> before = ScanLines(store());
  const int64_t version = *store().DataVersion();
  Result<ImportCounts> failed = store().Import([](DataSetSink& sink) -> Status {
    AccountRecord a;
    a.account_id = "A9";
    a.name = "Nine";
    BW_RETURN_IF_ERROR(sink.OnAccount(a));
    return InvalidArgument("accounts.csv:3: name: broken");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(ScanLines(store()), before);
  EXPECT_EQ(*store().DataVersion(), version);
}

TEST_P(StoreConformanceTest, KeysSortAsBytesWhateverTheLocale) {
  // The collation every backend must use (docs/store.md): UTF-8 bytes, so "B" < "a" < "b"
  // < "ä", as std::string compares; PostgreSQL must declare COLLATE "C".
  DataSet d;
  for (const char* id : {"b", "ä", "B", "a", "A10", "A9"}) d.accounts.push_back(AccountOf(id, id));
  ASSERT_TRUE(store().Import(d.Fill()).ok());
  RecordQuery all;
  all.limit = 100;
  Result<RecordPage> page = store().ListRecords(RecordKind::kAccount, all);
  ASSERT_TRUE(page.ok()) << page.status().message();
  std::vector<std::string> ids;
  for (const RecordFields& r : page->records) ids.push_back(r[0].second);
  EXPECT_EQ(ids, (std::vector<std::string>{"A10", "A9", "B", "a", "b", "ä"}));
}

TEST_P(StoreConformanceTest, RecordsReadAsTheImportFormatWritesThem) {
  ASSERT_TRUE(store().Import(Book().Fill()).ok());
  Result<std::optional<RecordFields>> revenue =
      store().GetRecord(RecordKind::kRevenue, {"A1", "2026-02"});
  ASSERT_TRUE(revenue.ok() && revenue->has_value());
  EXPECT_EQ(**revenue,
            (RecordFields{{"account_id", "A1"}, {"month", "2026-02"}, {"amount", "25.50"}}));
  Result<std::optional<RecordFields>> signal =
      store().GetRecord(RecordKind::kSignal, {"A1", "usage", "2026-01-31"});
  ASSERT_TRUE(signal.ok() && signal->has_value());
  EXPECT_EQ((**signal)[3], (std::pair<std::string, std::string>{"value", "0.75"}));
  EXPECT_FALSE(store().GetRecord(RecordKind::kRevenue, {"A1", "not a month"})->has_value());
  EXPECT_EQ(**store().OwnerOf(RecordKind::kResponse, {"R1"}), "am@example.com");
  EXPECT_FALSE(store().OwnerOf(RecordKind::kResponse, {"R404"})->has_value());
  RecordQuery mine;
  mine.owner = "AM@example.com";  // owners compare case-insensitively
  EXPECT_EQ(store().ListRecords(RecordKind::kContact, mine)->total, 1);
  RecordQuery of_b2;
  of_b2.account_id = "B2";
  EXPECT_EQ(store().ListRecords(RecordKind::kRevenue, of_b2)->total, 1);
}

// Issue 13, "What changed": every import counts, per table, the rows it added, changed and
// left unchanged, from what the store holds, not from the file's row count.
TEST_P(StoreConformanceTest, AnImportCountsWhatItAddedChangedAndLeftAlone) {
  Result<ImportCounts> first = store().Import(Book().Fill());
  ASSERT_TRUE(first.ok()) << first.status().message();
  const auto& added = first->changes;
  EXPECT_EQ(added[0].added, 2);
  EXPECT_EQ(added[1].added, 2);
  EXPECT_EQ(added[2].added, 3);  // account months
  EXPECT_EQ(added[4].added, 1);
  EXPECT_EQ(added[0].changed + added[0].unchanged + added[0].deleted, 0);

  DataSet next = Book();
  next.accounts[1].name = "Beta GmbH";                                  // changed
  next.revenue.push_back(Revenue{"B2", MakeMonthIndex(2026, 2), 700});  // a new month
  next.responses[0].score = 10;                                         // changed
  Result<ImportCounts> second = store().Import(next.Fill());
  ASSERT_TRUE(second.ok()) << second.status().message();
  const auto& c = second->changes;
  EXPECT_EQ(c[0].added, 0);
  EXPECT_EQ(c[0].changed, 1);
  EXPECT_EQ(c[0].unchanged, 1);
  EXPECT_EQ(c[1].unchanged, 2);
  EXPECT_EQ(c[2].added, 1);
  EXPECT_EQ(c[2].unchanged, 3);
  EXPECT_EQ(c[4].changed, 1);
  EXPECT_EQ(c[5].unchanged, 1);
  EXPECT_EQ(c[6].unchanged, 1);
}

// Issue 13, "Mirror": the rows a replaced table's export no longer has are deleted, with
// what hangs on them; other tables keep their rows.
TEST_P(StoreConformanceTest, AMirrorImportDeletesWhatTheExportNoLongerHas) {
  ASSERT_TRUE(store().Import(Book().Fill()).ok());
  DataSet export_without_b2;
  export_without_b2.accounts = {AccountOf("A1", "Alpha", "am@example.com")};
  export_without_b2.contacts = {ContactOf("C1", "A1", Role::kDecisionMaker)};
  ImportOptions mirror;
  mirror.replace = DataTableBit(DataTable::kAccounts) | DataTableBit(DataTable::kContacts);
  Result<ImportCounts> counts = store().Import(export_without_b2.Fill(), mirror);
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  const auto& c = counts->changes;
  EXPECT_EQ(c[0].deleted, 1);  // B2
  EXPECT_EQ(c[1].deleted, 1);  // C2, B2's contact
  EXPECT_EQ(c[2].deleted, 1);  // B2's revenue month
  EXPECT_EQ(c[5].deleted, 1);  // B2's touchpoint
  EXPECT_EQ(c[4].deleted, 0);  // R1 is C1's
  EXPECT_FALSE(store().GetRecord(RecordKind::kAccount, {"B2"})->has_value());
  EXPECT_FALSE(store().GetRecord(RecordKind::kContact, {"C2"})->has_value());
  EXPECT_FALSE(store().GetRecord(RecordKind::kTouchpoint, {"T1"})->has_value());
  EXPECT_TRUE(store().GetRecord(RecordKind::kResponse, {"R1"})->has_value());
  EXPECT_TRUE(store().GetRecord(RecordKind::kRevenue, {"A1", "2026-02"})->has_value());

  // A contact who left the CRM export: only the contact and its answers go.
  DataSet contacts_only;
  contacts_only.contacts = {};
  ImportOptions contacts_mirror;
  contacts_mirror.replace = DataTableBit(DataTable::kContacts);
  counts = store().Import(contacts_only.Fill(), contacts_mirror);
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->changes[1].deleted, 1);
  EXPECT_EQ(counts->changes[4].deleted, 1);
  EXPECT_EQ(counts->changes[0].deleted, 0);
  EXPECT_TRUE(store().GetRecord(RecordKind::kAccount, {"A1"})->has_value());
}

TEST_P(StoreConformanceTest, ANoBeforeCommitRollsTheImportBack) {
  ASSERT_TRUE(store().Import(Book().Fill()).ok());
  const std::vector<std::string> before = ScanLines(store());
  ImportOptions ask;
  ask.replace = DataTableBit(DataTable::kAccounts);
  int64_t would_delete = 0;
  ask.before_commit = [&](const ImportCounts& counts) {
    would_delete = counts.changes[0].deleted;
    return FailedPrecondition("not confirmed");
  };
  Result<ImportCounts> counts = store().Import(DataSet().Fill(), ask);
  EXPECT_EQ(counts.status().message(), "not confirmed");
  EXPECT_EQ(would_delete, 2);
  EXPECT_EQ(ScanLines(store()), before);
}

TEST_P(StoreConformanceTest, DeletingAnAccountDeletesWhatHangsOnIt) {
  ASSERT_TRUE(store().Import(Book().Fill()).ok());
  Result<ImportCounts> written =
      store().Write([](WriteTransaction& tx) { return tx.Delete(RecordKind::kAccount, {"A1"}); });
  ASSERT_TRUE(written.ok()) << written.status().message();
  for (const auto& [kind, key] : std::vector<std::pair<RecordKind, RecordKey>>{
           {RecordKind::kAccount, {"A1"}},
           {RecordKind::kContact, {"C1"}},
           {RecordKind::kRevenue, {"A1", "2026-01"}},
           {RecordKind::kResponse, {"R1"}},
           {RecordKind::kSignal, {"A1", "usage", "2026-01-31"}}}) {
    EXPECT_FALSE(store().GetRecord(kind, key)->has_value()) << LayoutOf(kind).noun;
  }
  EXPECT_TRUE(store().GetRecord(RecordKind::kAccount, {"B2"})->has_value());
  EXPECT_EQ(store()
                .Write([](WriteTransaction& tx) { return tx.Delete(RecordKind::kAccount, {"A1"}); })
                .status()
                .code(),
            StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, AWriteAndItsAuditEntryCommitTogether) {
  ASSERT_TRUE(store().Import(Book().Fill()).ok());
  AuditEntry entry;
  entry.actor = "test";
  entry.action = "contact.delete";
  entry.object_type = "contact";
  entry.object_id = "C2";
  Result<ImportCounts> failed = store().Write([&](WriteTransaction& tx) -> Status {
    BW_RETURN_IF_ERROR(tx.Delete(RecordKind::kContact, {"C2"}));
    BW_RETURN_IF_ERROR(tx.Audit(entry));
    return Conflict("stale");
  });
  EXPECT_EQ(failed.status().code(), StatusCode::kConflict);
  EXPECT_TRUE(store().GetRecord(RecordKind::kContact, {"C2"})->has_value());
  EXPECT_EQ(store().users().ListAudit(10, 0)->total, 0);
  ASSERT_TRUE(store()
                  .Write([&](WriteTransaction& tx) -> Status {
                    BW_RETURN_IF_ERROR(tx.Delete(RecordKind::kContact, {"C2"}));
                    return tx.Audit(entry);
                  })
                  .ok());
  EXPECT_FALSE(store().GetRecord(RecordKind::kContact, {"C2"})->has_value());
  EXPECT_EQ(store().users().ListAudit(10, 0)->total, 1);
  // The touchpoint keeps its account and loses the contact.
  Result<std::optional<RecordFields>> touchpoint =
      store().GetRecord(RecordKind::kTouchpoint, {"T1"});
  ASSERT_TRUE(touchpoint.ok() && touchpoint->has_value());
  EXPECT_EQ((**touchpoint)[2].second, "");
}

TEST_P(StoreConformanceTest, ChangeVersionsMoveWithCommittedChangesOnly) {
  const int64_t data = *store().DataVersion();
  const int64_t auth = *store().users().AuthVersion();
  ASSERT_TRUE(store().Import(Book().Fill()).ok());
  EXPECT_EQ(*store().DataVersion(), data + 1);
  EXPECT_EQ(*store().users().AuthVersion(), auth);
  User u;
  u.email = "x@example.com";
  u.name = "X";
  u.password_hash = "h";
  ASSERT_TRUE(store().users().AddUser(u, Actor{"test", 1}).ok());
  EXPECT_EQ(*store().users().AuthVersion(), auth + 1);
  EXPECT_EQ(*store().DataVersion(), data + 1);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, StoreConformanceTest,
    ::testing::Values(Backend{"sqlite",
                              [](const std::string& id) {
                                const std::string path =
                                    ::testing::TempDir() + "/conformance_" + id + ".db";
                                for (const char* suffix : {"", "-wal", "-shm"}) {
                                  std::remove((path + suffix).c_str());
                                }
                                return OpenSqliteStore(path);
                              }}),
    [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

}  // namespace
}  // namespace bw::store
