// Test helper: builds a Snapshot from records written inline in a test, e.g.
//   TestData d;
//   d.Account("A1").Revenue("A1", "2026-01", 100).Contact("C1", "A1", Role::kUser)
//    .Response("R1", "C1", "2026-02-01", 9);
//   auto snap = d.Build();
// Header-only and for tests only: invalid input aborts the test with a message.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "snapshot/snapshot_builder.h"

namespace bw::snapshot {

class TestData {
 public:
  struct AccountFields {
    std::string created_on = {};
    std::string churned_on = {};
    Acquisition acquisition = Acquisition::kUnknown;
    std::string industry = {};
    std::string region = {};
    std::string owner = {};
    std::string name = "Account";
  };

  TestData& Account(const std::string& id) { return Account(id, AccountFields()); }
  TestData& Account(const std::string& id, AccountFields f) {
    accounts_.push_back({id, f});
    return *this;
  }
  TestData& Contact(const std::string& id, const std::string& account, Role role,
                    const std::string& left_on = "") {
    contacts_.push_back({id, account, role, left_on});
    return *this;
  }
  TestData& Revenue(const std::string& account, const std::string& month, double amount) {
    revenue_.push_back({account, month, static_cast<Cents>(amount * 100 + (amount >= 0 ? 0.5 : -0.5))});
    return *this;
  }
  TestData& Response(const std::string& id, const std::string& contact, const std::string& day,
                     int score, const std::string& survey = "", const std::string& drivers = "") {
    responses_.push_back({id, contact, day, score, survey, drivers});
    return *this;
  }
  TestData& Invitation(const std::string& id, const std::string& contact,
                       const std::string& survey, const std::string& day) {
    invitations_.push_back({id, contact, survey, day});
    return *this;
  }
  TestData& Touchpoint(const std::string& id, const std::string& account, TouchpointType type,
                       const std::string& day, const std::string& contact = "") {
    touchpoints_.push_back({id, account, contact, type, day});
    return *this;
  }
  TestData& Signal(const std::string& account, const std::string& name, const std::string& day,
                   double value) {
    signals_.push_back({account, name, day, value});
    return *this;
  }

  std::shared_ptr<const Snapshot> Build() const {
    SnapshotBuilder builder;
    for (const auto& [id, f] : accounts_) {
      Check(builder.OnAccount({.account_id = id, .name = f.name, .industry = f.industry,
                               .region = f.region, .owner = f.owner, .acquisition = f.acquisition,
                               .created_on = OptionalDay(f.created_on),
                               .churned_on = OptionalDay(f.churned_on)}));
    }
    for (const auto& c : contacts_) {
      Check(builder.OnContact({.contact_id = c.id, .account_id = c.account, .name = "", .email = "",
                               .role = c.role, .left_on = OptionalDay(c.left_on)}));
    }
    for (const auto& r : revenue_) {
      const std::optional<MonthIndex> month = ParseMonth(r.month);
      EXPECT_TRUE(month.has_value()) << r.month;
      Check(builder.OnRevenue({.account_id = r.account, .month = *month, .amount = r.cents}));
    }
    for (const auto& i : invitations_) {
      Check(builder.OnInvitation({.invitation_id = i.id, .contact_id = i.contact,
                                  .survey_id = i.survey, .sent_on = RequiredDay(i.day)}));
    }
    for (const auto& r : responses_) {
      Check(builder.OnResponse({.response_id = r.id, .contact_id = r.contact, .survey_id = r.survey,
                                .responded_on = RequiredDay(r.day), .score = r.score,
                                .comment = "", .drivers = r.drivers}));
    }
    for (const auto& t : touchpoints_) {
      Check(builder.OnTouchpoint({.touchpoint_id = t.id, .account_id = t.account,
                                  .contact_id = t.contact, .type = t.type,
                                  .occurred_on = RequiredDay(t.day)}));
    }
    for (const auto& s : signals_) {
      Check(builder.OnSignal({.account_id = s.account, .signal = s.name,
                              .observed_on = RequiredDay(s.day), .value = s.value}));
    }
    return builder.Finish();
  }

 private:
  static void Check(const Status& status) { EXPECT_TRUE(status.ok()) << status.message(); }
  static Day OptionalDay(const std::string& text) {
    return text.empty() ? kNoDay : RequiredDay(text);
  }
  static Day RequiredDay(const std::string& text) {
    const std::optional<Day> day = ParseDate(text);
    EXPECT_TRUE(day.has_value()) << "bad test date " << text;
    return day.value_or(0);
  }

  struct ContactRow { std::string id, account; Role role; std::string left_on; };
  struct RevenueRow { std::string account, month; Cents cents; };
  struct ResponseRow { std::string id, contact, day; int score; std::string survey, drivers; };
  struct InvitationRow { std::string id, contact, survey, day; };
  struct TouchpointRow { std::string id, account, contact; TouchpointType type; std::string day; };
  struct SignalRow { std::string account, name, day; double value; };

  std::vector<std::pair<std::string, AccountFields>> accounts_;
  std::vector<ContactRow> contacts_;
  std::vector<RevenueRow> revenue_;
  std::vector<ResponseRow> responses_;
  std::vector<InvitationRow> invitations_;
  std::vector<TouchpointRow> touchpoints_;
  std::vector<SignalRow> signals_;
};

}  // namespace bw::snapshot
