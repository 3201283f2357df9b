// Unit tests of the loop module: SLAs on a ManualClock, the case workflow against a real
// SQLite store in a temporary file, and webhook signing and target checks.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "core/date.h"
#include "loop/cases.h"
#include "loop/sla.h"
#include "loop/webhooks.h"
#include "store/store.h"

namespace bw::loop {
namespace {

using std::chrono::hours;

int64_t At(const char* date, int hour) {
  return int64_t{*ParseDate(date)} * 86400 + int64_t{hour} * 3600;
}

TEST(SlaTest, FortyEightHoursOrFortyEightWorkingHours) {
  LoopSettings settings;
  // 2026-12-04 is a Friday.
  EXPECT_EQ(DueAt(At("2026-12-04", 18), settings), At("2026-12-06", 18));  // Sunday
  settings.business_days = true;
  // Friday 18:00: 6 hours of Friday, Monday, then 18 hours of Tuesday.
  EXPECT_EQ(DueAt(At("2026-12-04", 18), settings), At("2026-12-08", 18));
  // Saturday counts from Monday 00:00.
  EXPECT_EQ(DueAt(At("2026-12-05", 10), settings), At("2026-12-09", 0));
  // A holiday on Monday moves it a day later.
  settings.holidays = {*ParseDate("2026-12-07")};
  EXPECT_EQ(DueAt(At("2026-12-04", 18), settings), At("2026-12-09", 18));
  // Christmas 2026: Thursday 24 noon, 25 and 26 holidays, weekend: due Tuesday noon.
  settings.holidays = {*ParseDate("2026-12-25"), *ParseDate("2026-12-26")};
  EXPECT_EQ(DueAt(At("2026-12-24", 12), settings), At("2026-12-29", 12));
}

TEST(WebhookTest, SignaturesFollowTheStandardWebhooksTestVector) {
  // The example of the Standard Webhooks specification (standard-webhooks/standard-webhooks).
  Result<std::string> signature =
      SignWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                  1614265330, "{\"test\": 2432232314}");
  ASSERT_TRUE(signature.ok()) << signature.status().message();
  EXPECT_EQ(*signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  EXPECT_FALSE(SignWebhook("nope", "id", 1, "{}").ok());
  const std::string secret = NewWebhookSecret();
  EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
  EXPECT_NE(secret, NewWebhookSecret());
}

TEST(WebhookTest, PrivateTargetsAreRefusedUnlessAllowed) {
  for (const char* url : {"http://127.0.0.1:8080/hook", "http://10.1.2.3/", "http://192.168.0.9/",
                          "http://169.254.169.254/latest/meta-data", "http://[::1]/",
                          "http://172.16.0.1/", "http://0.0.0.0/", "http://localhost/"}) {
    EXPECT_EQ(CheckWebhookUrl(url, false).code(), StatusCode::kInvalidArgument) << url;
    EXPECT_TRUE(CheckWebhookUrl(url, true).ok()) << url;
  }
  EXPECT_TRUE(CheckWebhookUrl("https://93.184.216.34/hook", false).ok());
  EXPECT_FALSE(CheckWebhookUrl("ftp://example.com/", true).ok());
  EXPECT_FALSE(CheckWebhookUrl("http://user:pw@example.com/", true).ok());
  EXPECT_FALSE(CheckWebhookUrl("http:///path", true).ok());
}

class CaseTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDir() + "/loop_test_" +
            testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
    Result<std::unique_ptr<store::Store>> opened = store::OpenSqliteStore(path_);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    ASSERT_TRUE(store_
                    ->Write([](store::WriteTransaction& tx) -> Status {
                      AccountRecord a;
                      a.account_id = "A1";
                      a.name = "Acme";
                      a.owner = "Owner@Vendor.example";
                      BW_RETURN_IF_ERROR(tx.sink().OnAccount(a));
                      ContactRecord c;
                      c.contact_id = "C1";
                      c.account_id = "A1";
                      c.role = Role::kDecisionMaker;
                      BW_RETURN_IF_ERROR(tx.sink().OnContact(c));
                      c.contact_id = "C2";
                      c.role = Role::kUser;
                      return tx.sink().OnContact(c);
                    })
                    .ok());
    settings_.escalation["owner@vendor.example"] = "lead@vendor.example";
  }
  void TearDown() override {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
  }
  std::optional<CaseOpened> Open(const std::string& response, const std::string& contact,
                                 int score) {
    std::optional<CaseOpened> opened;
    Result<store::ImportCounts> written = store_->Write([&](store::WriteTransaction& tx) -> Status {
      BW_ASSIGN_OR_RETURN(opened,
                          OpenCaseForAnswer(tx, {response, contact, score}, settings_, clock_));
      return Status::Ok();
    });
    EXPECT_TRUE(written.ok()) << written.status().message();
    return opened;
  }

  std::string path_;
  std::unique_ptr<store::Store> store_;
  LoopSettings settings_;
  ManualClock clock_{ManualClock::Noon(*ParseDate("2026-12-02"))};
};

TEST_F(CaseTest, ADetractorOpensOneCaseForTheOwnerAndADecisionMakerAlertsTheLead) {
  std::optional<CaseOpened> opened = Open("R1", "C1", 3);
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(opened->opened.owner, "owner@vendor.example");
  EXPECT_EQ(opened->opened.kind, "detractor");
  EXPECT_EQ(opened->opened.due_at, clock_.UnixSeconds() + int64_t{48} * 3600);
  EXPECT_EQ(opened->escalate_to, "lead@vendor.example");
  EXPECT_FALSE(Open("R1", "C1", 2).has_value());  // once per response
  std::optional<CaseOpened> user = Open("R2", "C2", 0);
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->escalate_to, "");               // not a decision maker
  EXPECT_FALSE(Open("R3", "C2", 9).has_value());  // promoter
  EXPECT_FALSE(Open("R4", "C2", 7).has_value());  // passive, not configured
  settings_.include_passives = true;
  std::optional<CaseOpened> passive = Open("R5", "C2", 8);
  ASSERT_TRUE(passive.has_value());
  EXPECT_EQ(passive->opened.kind, "passive");
  EXPECT_EQ(passive->escalate_to, "");
}

TEST_F(CaseTest, TheWorkflowMovesForwardClosingNeedsANoteAndScopesHold) {
  const int64_t id = Open("R1", "C1", 3)->opened.id;
  CaseUpdate update;
  update.status = "in_progress";
  EXPECT_EQ(UpdateCase(*store_, id, update, "am@vendor.example", "other@vendor.example", clock_)
                .status()
                .code(),
            StatusCode::kNotFound);
  Result<store::Case> moved =
      UpdateCase(*store_, id, update, "owner@vendor.example", "owner@vendor.example", clock_);
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  EXPECT_EQ(moved->status, "in_progress");
  update.status = "closed";
  EXPECT_EQ(UpdateCase(*store_, id, update, "x", "", clock_).status().field(), "note");
  update.note = "Called the CFO; pricing fixed";
  update.action = "90-day plan";
  update.action_due = "2027-03-01";
  Result<store::Case> closed = UpdateCase(*store_, id, update, "x", "", clock_);
  ASSERT_TRUE(closed.ok()) << closed.status().message();
  EXPECT_EQ(closed->resolution, "Called the CFO; pricing fixed");
  EXPECT_EQ(FormatDate(static_cast<Day>(closed->action_due)), "2027-03-01");
  update = CaseUpdate();
  update.status = "in_progress";
  EXPECT_EQ(UpdateCase(*store_, id, update, "x", "", clock_).status().field(), "status");
  update.status = "done";
  EXPECT_EQ(UpdateCase(*store_, id, update, "x", "", clock_).status().field(), "status");
  update = CaseUpdate();
  update.action = "call";
  update.action_due = "soon";
  EXPECT_EQ(UpdateCase(*store_, id, update, "x", "", clock_).status().field(), "due");
  Result<std::vector<store::CaseEvent>> events = store_->cases().ListEvents(id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 4u);  // opened, in_progress, closed, action
  EXPECT_EQ((*events)[2].what, "status:closed");
}

TEST_F(CaseTest, AnOverdueCaseEscalatesOnce) {
  Open("R1", "C1", 3);
  const auto escalate = [&] {
    std::vector<store::Case> escalated;
    EXPECT_TRUE(store_
                    ->Write([&](store::WriteTransaction& tx) -> Status {
                      BW_ASSIGN_OR_RETURN(escalated, EscalateOverdue(tx, clock_));
                      return Status::Ok();
                    })
                    .ok());
    return escalated.size();
  };
  clock_.Advance(hours(47));
  EXPECT_EQ(escalate(), 0u);
  clock_.Advance(hours(1));
  EXPECT_EQ(escalate(), 1u);
  clock_.Advance(hours(100));
  EXPECT_EQ(escalate(), 0u);
}

TEST_F(CaseTest, AThreatOpensOneCaseWhileItLastsAndAnotherWhenItComesBack) {
  ASSERT_TRUE(store_
                  ->Write([](store::WriteTransaction& tx) -> Status {
                    AccountRecord a;
                    a.account_id = "A2";
                    a.name = "Beta";
                    a.owner = "beta.owner@vendor.example";
                    return tx.sink().OnAccount(a);
                  })
                  .ok());
  const auto sync = [&](const std::vector<ThreatFacts>& threats) {
    ThreatSync result;
    Result<store::ImportCounts> written = store_->Write([&](store::WriteTransaction& tx) -> Status {
      BW_ASSIGN_OR_RETURN(result, SyncThreatCases(tx, threats, settings_, clock_));
      return Status::Ok();
    });
    EXPECT_TRUE(written.ok()) << written.status().message();
    return result;
  };
  const ThreatFacts a1{"A1", 0.62, 12345.5};
  const ThreatFacts a2{"A2", 0.5, 100.0};
  // Day 1: two threats, two cases, each for its account's owner, due 48 hours later.
  ThreatSync first = sync({a1, a2});
  ASSERT_EQ(first.opened.size(), 2u);
  EXPECT_TRUE(first.ended.empty());
  EXPECT_EQ(first.opened[0].account_id, "A1");
  EXPECT_EQ(first.opened[0].kind, "threat");
  EXPECT_EQ(first.opened[0].owner, "owner@vendor.example");
  EXPECT_EQ(first.opened[0].contact_id, "");
  EXPECT_EQ(first.opened[0].score, -1);
  EXPECT_EQ(first.opened[0].due_at, clock_.UnixSeconds() + int64_t{48} * 3600);
  EXPECT_EQ(first.opened[1].owner, "beta.owner@vendor.example");
  Result<std::vector<store::CaseEvent>> events = store_->cases().ListEvents(first.opened[0].id);
  ASSERT_TRUE(events.ok() && events->size() == 1u);
  EXPECT_EQ((*events)[0].note, "churn risk 62.0 %, revenue at risk 12345.50");
  // Day 2: both still threats: nothing new, even after A1's case was closed.
  clock_.Advance(hours(24));
  CaseUpdate close;
  close.status = "closed";
  close.note = "Renewal call booked";
  ASSERT_TRUE(UpdateCase(*store_, first.opened[0].id, close, "x", "", clock_).ok());
  ThreatSync second = sync({a2, a1});
  EXPECT_TRUE(second.opened.empty());
  EXPECT_TRUE(second.ended.empty());
  // Day 3: A1 is no threat any more: its threat ends (the case keeps its status).
  clock_.Advance(hours(24));
  ThreatSync third = sync({a2});
  EXPECT_TRUE(third.opened.empty());
  ASSERT_EQ(third.ended.size(), 1u);
  EXPECT_EQ(third.ended[0].id, first.opened[0].id);
  EXPECT_EQ(store_->cases().FindCase(first.opened[0].id)->value().status, "closed");
  EXPECT_TRUE(sync({a2}).ended.empty());  // ended once
  // Day 4: A1 is a threat again: a new case; A2's goes on.
  clock_.Advance(hours(24));
  ThreatSync fourth = sync({a1, a2});
  ASSERT_EQ(fourth.opened.size(), 1u);
  EXPECT_EQ(fourth.opened[0].account_id, "A1");
  EXPECT_NE(fourth.opened[0].id, first.opened[0].id);
  EXPECT_EQ(store_->cases().AllCases()->size(), 3u);
  // An account the store does not know is an error, and nothing of the run is kept.
  Result<store::ImportCounts> unknown = store_->Write([&](store::WriteTransaction& tx) -> Status {
    return SyncThreatCases(tx, {{"NOPE", 0.9, 1.0}}, settings_, clock_).status();
  });
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->cases().ListOngoingThreats()->size(), 2u);
}

}  // namespace
}  // namespace bw::loop
