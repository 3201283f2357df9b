#include "store/outreach.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "store/store.h"

namespace bw::store {
namespace {

class OutreachTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDir() + "/outreach_test_" +
            testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    Result<ImportCounts> written = store_->Write([](WriteTransaction& tx) -> Status {
      AccountRecord a;
      a.account_id = "A1";
      a.name = "Acme";
      BW_RETURN_IF_ERROR(tx.sink().OnAccount(a));
      ContactRecord c;
      c.contact_id = "C1";
      c.account_id = "A1";
      c.email = "c1@example.com";
      return tx.sink().OnContact(c);
    });
    ASSERT_TRUE(written.ok()) << written.status().message();
  }
  void TearDown() override {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }
  OutreachStore& outreach() { return store_->outreach(); }

  static OutboxMessage Message(std::string id, int64_t due) {
    OutboxMessage m;
    m.message_id = std::move(id);
    m.channel = "email";
    m.purpose = "invitation";
    m.recipient = "c1@example.com";
    m.payload = "Subject: hi\r\n\r\nbody";
    m.next_attempt_at = due;
    m.created_at = due;
    return m;
  }

  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(OutreachTest, AWaveIsAddedOnceAndListed) {
  Wave w;
  w.wave_id = "Q1";
  w.title = "Q1 survey";
  w.definition_json = "{}";
  w.created_at = 100;
  ASSERT_TRUE(outreach().AddWave(w).ok());
  EXPECT_EQ(outreach().AddWave(w).code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(outreach().MarkWaveSent("Q1", 200).ok());
  ASSERT_TRUE(outreach().MarkWaveSent("Q1", 300).ok());  // the first send stays
  Result<std::optional<Wave>> found = outreach().FindWave("Q1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->title, "Q1 survey");
  EXPECT_EQ((*found)->sent_at, 200);
  EXPECT_EQ((*found)->language, "");
  EXPECT_EQ(outreach().ListWaves()->size(), 1u);
}

TEST_F(OutreachTest, AnInviteGoesWithItsInvitationRecordAndCountsForTheLastInvitedDay) {
  Wave w;
  w.wave_id = "Q1";
  w.definition_json = "{}";
  ASSERT_TRUE(outreach().AddWave(w).ok());
  EXPECT_FALSE(outreach().LastInvitedDay("C1")->has_value());
  Result<ImportCounts> written = store_->Write([](WriteTransaction& tx) -> Status {
    InvitationRecord i;
    i.invitation_id = "I1";
    i.contact_id = "C1";
    i.survey_id = "Q1";
    i.sent_on = 20000;
    BW_RETURN_IF_ERROR(tx.sink().OnInvitation(i));
    BW_ASSIGN_OR_RETURN(OutreachStore * o, tx.Outreach());
    SurveyInvite invite;
    invite.invitation_id = "I1";
    invite.wave_id = "Q1";
    invite.contact_id = "C1";
    invite.email = "c1@example.com";
    invite.language = "de";
    BW_RETURN_IF_ERROR(o->AddInvite(invite));
    SurveyToken token;
    token.token_hash = "abc";
    token.invitation_id = "I1";
    token.expires_at = 5000;
    return o->AddToken(token);
  });
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ(outreach().LastInvitedDay("C1")->value_or(0), 20000);
  Result<std::optional<OutreachStore::TokenMatch>> found = outreach().FindByTokenHash("abc");
  ASSERT_TRUE(found.ok() && found->has_value()) << found.status().message();
  EXPECT_EQ((*found)->invite.language, "de");
  EXPECT_EQ((*found)->token.expires_at, 5000);
  EXPECT_FALSE(outreach().FindByTokenHash("abd")->has_value());

  ASSERT_TRUE(outreach().RecordAnswer("I1", "R-I1", 700, "{}").ok());
  ASSERT_TRUE(outreach().RecordAnswer("I1", "R-I1", 800, "{}").ok());
  EXPECT_EQ((*outreach().FindByTokenHash("abc"))->invite.answered_at, 700);

  // Deleting the invitation record takes its survey side along.
  ASSERT_TRUE(
      store_->Write([](WriteTransaction& tx) { return tx.Delete(RecordKind::kInvitation, {"I1"}); })
          .ok());
  EXPECT_FALSE(outreach().FindByTokenHash("abc")->has_value());
}

TEST_F(OutreachTest, ClaimedMessagesAreNotClaimedAgainUntilTheirLeaseRunsOut) {
  ASSERT_TRUE(outreach().Enqueue(Message("m1", 100)).ok());
  ASSERT_TRUE(outreach().Enqueue(Message("m2", 100)).ok());
  ASSERT_TRUE(outreach().Enqueue(Message("m3", 500)).ok());  // not due yet
  EXPECT_EQ(outreach().Enqueue(Message("m1", 100)).code(), StatusCode::kAlreadyExists);

  Result<std::vector<OutboxMessage>> first = outreach().ClaimDue("email", 200, 200, 60, 10);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].attempts, 1);
  EXPECT_TRUE(outreach().ClaimDue("email", 200, 200, 60, 10)->empty());
  EXPECT_TRUE(outreach().ClaimDue("webhook", 1000, 1000, 60, 10)->empty());

  ASSERT_TRUE(outreach().MarkSent("m1", 210).ok());
  // m2's sender died: after its lease it comes back, with its id, as a second attempt.
  Result<std::vector<OutboxMessage>> again = outreach().ClaimDue("email", 261, 261, 60, 10);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].message_id, "m2");
  EXPECT_EQ((*again)[0].attempts, 2);
  ASSERT_TRUE(outreach().MarkRetry("m2", 400, "451 try later").ok());
  EXPECT_TRUE(outreach().ClaimDue("email", 399, 399, 60, 10)->empty());
  Result<std::vector<OutboxMessage>> later = outreach().ClaimDue("email", 600, 600, 60, 10);
  ASSERT_EQ(later->size(), 2u);  // m2 retried, m3 due
  ASSERT_TRUE(outreach().MarkFailed("m3", "550 no such user").ok());
  Result<OutboxCounts> counts = outreach().CountOutbox();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->sent, 1);
  EXPECT_EQ(counts->failed, 1);
  EXPECT_EQ(counts->pending, 1);
  EXPECT_EQ((*outreach().FindMessage("m3"))->last_error, "550 no such user");
}

TEST_F(OutreachTest, SuppressionIgnoresCaseAndKeepsTheFirstReason) {
  EXPECT_FALSE(*outreach().IsSuppressed("x@example.com"));
  ASSERT_TRUE(outreach().Suppress("X@Example.com", "bounced", 1).ok());
  ASSERT_TRUE(outreach().Suppress("x@example.com", "unsubscribed", 2).ok());
  EXPECT_TRUE(*outreach().IsSuppressed("x@EXAMPLE.com"));
}

TEST_F(OutreachTest, TransactRollsBackWhatItsBodyWroteWhenTheBodyFails) {
  Status status = outreach().Transact([&]() -> Status {
    BW_RETURN_IF_ERROR(outreach().Enqueue(Message("m1", 1)));
    return InvalidArgument("changed my mind");
  });
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(outreach().FindMessage("m1")->has_value());
}

}  // namespace
}  // namespace bw::store
