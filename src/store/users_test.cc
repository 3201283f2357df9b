#include "store/users.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "store/store.h"

namespace bw::store {
namespace {

class UsersTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDir() + "/users_test_" +
            testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::remove(path_.c_str());
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }
  UserStore& users() { return store_->users(); }
  User Alice() {
    User u;
    u.email = "alice@example.com";
    u.name = "Alice";
    u.role = UserRole::kAccountManager;
    u.password_hash = "$argon2id$fake";
    return u;
  }

  const Actor actor_{"cli:test", 1'000'000};
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST(UserRoleTest, NamesRoundTrip) {
  for (UserRole r : {UserRole::kAdmin, UserRole::kCxManager, UserRole::kAccountManager,
                     UserRole::kViewer}) {
    EXPECT_EQ(ParseUserRole(UserRoleName(r)), r);
  }
  EXPECT_EQ(UserRoleName(UserRole::kCxManager), "cx_manager");
  EXPECT_FALSE(ParseUserRole("root").has_value());
}

TEST_F(UsersTest, AddFindAndRefuseADuplicateEmail) {
  Result<User> added = users().AddUser(Alice(), actor_);
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_GT(added->id, 0);
  EXPECT_EQ(added->created_at, actor_.now);
  Result<User> again = users().AddUser(Alice(), actor_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);

  Result<std::optional<User>> found = users().FindUserByEmail("alice@example.com");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->role, UserRole::kAccountManager);
  EXPECT_EQ((*found)->password_hash, "$argon2id$fake");
  EXPECT_FALSE(users().FindUserByEmail("bob@example.com")->has_value());
}

TEST_F(UsersTest, EveryUserChangeIsAuditedAndBumpsTheAuthVersion) {
  const int64_t v0 = *users().AuthVersion();
  ASSERT_TRUE(users().AddUser(Alice(), actor_).ok());
  ASSERT_TRUE(users().SetRole("alice@example.com", UserRole::kViewer, actor_).ok());
  ASSERT_TRUE(users().SetPasswordHash("alice@example.com", "$argon2id$new", actor_).ok());
  EXPECT_EQ(*users().AuthVersion(), v0 + 3);
  Result<AuditPage> audit = users().ListAudit(10, 0);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->total, 3);
  EXPECT_EQ(audit->entries[0].action, "user.password");  // newest first
  EXPECT_EQ(audit->entries[1].action, "user.role");
  EXPECT_EQ(audit->entries[1].before_json,
            R"({"email":"alice@example.com","name":"Alice","role":"account_manager"})");
  EXPECT_EQ(audit->entries[1].after_json,
            R"({"email":"alice@example.com","name":"Alice","role":"viewer"})");
  EXPECT_EQ(audit->entries[2].before_json, "");
  EXPECT_EQ(audit->entries[2].actor, "cli:test");
  // The hash never reaches the audit log.
  for (const AuditEntry& e : audit->entries) {
    EXPECT_EQ(e.after_json.find("argon2"), std::string::npos);
  }
  EXPECT_EQ(users().SetRole("nobody@example.com", UserRole::kAdmin, actor_).code(),
            StatusCode::kNotFound);
}

TEST_F(UsersTest, TokensAreFoundByHashAndRevoked) {
  ASSERT_TRUE(users().AddUser(Alice(), actor_).ok());
  Result<ApiToken> token = users().AddToken("alice@example.com", "crm sync", "abc123", actor_);
  ASSERT_TRUE(token.ok()) << token.status().message();
  Result<std::optional<ApiToken>> found = users().FindTokenByHash("abc123");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->user_email, "alice@example.com");
  EXPECT_FALSE((*found)->revoked);
  ASSERT_TRUE(users().MarkTokenUsed(token->id, 42).ok());
  ASSERT_TRUE(users().RevokeToken(token->id, actor_).ok());
  found = users().FindTokenByHash("abc123");
  EXPECT_TRUE((*found)->revoked);
  EXPECT_EQ((*found)->last_used_at, 42);
  EXPECT_EQ(users().RevokeToken(999, actor_).code(), StatusCode::kNotFound);
  EXPECT_EQ(users().AddToken("bob@example.com", "x", "h", actor_).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(users().ListTokens("alice@example.com")->size(), 1u);
  EXPECT_EQ(users().ListTokens("")->size(), 1u);
}

TEST_F(UsersTest, SessionsExpireAndEndWithTheUser) {
  Result<User> alice = users().AddUser(Alice(), actor_);
  ASSERT_TRUE(alice.ok());
  Session s{"hash1", alice->id, "csrf", 100, 100};
  ASSERT_TRUE(users().CreateSession(s).ok());
  ASSERT_TRUE(users().CreateSession(Session{"hash2", alice->id, "csrf2", 100, 500}).ok());
  ASSERT_TRUE(users().FindSession("hash1")->has_value());
  ASSERT_TRUE(users().TouchSession("hash1", 300).ok());
  EXPECT_EQ((*users().FindSession("hash1"))->last_seen_at, 300);
  ASSERT_TRUE(users().DeleteExpiredSessions(/*idle_before=*/400, /*created_before=*/0).ok());
  EXPECT_FALSE(users().FindSession("hash1")->has_value());
  EXPECT_TRUE(users().FindSession("hash2")->has_value());
  // A new password ends the user's sessions; removing the user ends its tokens too.
  ASSERT_TRUE(users().SetPasswordHash("alice@example.com", "$argon2id$x", actor_).ok());
  EXPECT_FALSE(users().FindSession("hash2")->has_value());
  ASSERT_TRUE(users().AddToken("alice@example.com", "t", "tokhash", actor_).ok());
  ASSERT_TRUE(users().RemoveUser("alice@example.com", actor_).ok());
  EXPECT_FALSE(users().FindTokenByHash("tokhash")->has_value());
  EXPECT_FALSE(users().FindUserByEmail("alice@example.com")->has_value());
}

TEST_F(UsersTest, ImportsBumpTheDataVersion) {
  const int64_t before = *store_->DataVersion();
  Result<ImportCounts> counts = store_->Import([](DataSetSink&) { return Status::Ok(); });
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(*store_->DataVersion(), before + 1);
  // A failed import changes nothing, the version included.
  (void)store_->Import([](DataSetSink&) { return InvalidArgument("broken"); });
  EXPECT_EQ(*store_->DataVersion(), before + 1);
}

}  // namespace
}  // namespace bw::store
