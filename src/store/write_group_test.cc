#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "store/store.h"

namespace bw::store {
namespace {

Status AddAccount(WriteTransaction& tx, const char* id) {
  AccountRecord r;
  r.account_id = id;
  r.name = "Name";
  return tx.sink().OnAccount(r);
}

TEST(WriteGroupTest, AFailingBodyIsRolledBackAloneAndTheRestCommitsOnce) {
  const std::string path = testing::TempDir() + "/write_group_test.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_TRUE(store.ok());
  const int64_t version = *(*store)->DataVersion();
  const std::vector<Store::WriteBody> bodies = {
      [](WriteTransaction& tx) { return AddAccount(tx, "A1"); },
      [](WriteTransaction& tx) {
        BW_RETURN_IF_ERROR(AddAccount(tx, "A2"));
        return Conflict("changed my mind");  // A2 must not be stored
      },
      [](WriteTransaction& tx) {
        // Sees A1, written by an earlier body of the same group.
        BW_ASSIGN_OR_RETURN(std::optional<RecordFields> a1, tx.Get(RecordKind::kAccount, {"A1"}));
        if (!a1) return Internal("A1 is not visible to a later body");
        return AddAccount(tx, "A3");
      },
  };
  const std::vector<Status> statuses = (*store)->WriteGroup(bodies);
  ASSERT_EQ(statuses.size(), 3u);
  EXPECT_TRUE(statuses[0].ok());
  EXPECT_EQ(statuses[1].code(), StatusCode::kConflict);
  EXPECT_TRUE(statuses[2].ok()) << statuses[2].message();
  EXPECT_TRUE((*(*store)->GetRecord(RecordKind::kAccount, {"A1"})).has_value());
  EXPECT_FALSE((*(*store)->GetRecord(RecordKind::kAccount, {"A2"})).has_value());
  EXPECT_TRUE((*(*store)->GetRecord(RecordKind::kAccount, {"A3"})).has_value());
  EXPECT_EQ(*(*store)->DataVersion(), version + 1);  // one commit
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

}  // namespace
}  // namespace bw::store
