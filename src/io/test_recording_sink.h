// RecordingSink: a DataSetSink for tests that keeps each record as one line of text
// ("account A1|Muster AG|...|2020-01-15|"), so a test can compare what a reader delivered
// with ElementsAre. Canonical formats: dates YYYY-MM-DD, money with two decimals, enum
// names, doubles in their shortest round-trip text.
#pragma once

#include <charconv>
#include <string>
#include <vector>

#include "core/records.h"

namespace bw::io {

class RecordingSink : public DataSetSink {
 public:
  std::vector<std::string> events;
  // When >= 0, the call after that many records fails with kIoError "sink full".
  int fail_after = -1;

  Status OnAccount(const AccountRecord& r) override {
    return Add("account " +
               Join({r.account_id, r.name, r.industry, r.region, r.owner,
                     AcquisitionName(r.acquisition), Date(r.created_on), Date(r.churned_on)}));
  }
  Status OnContact(const ContactRecord& r) override {
    return Add("contact " + Join({r.contact_id, r.account_id, r.name, r.email, RoleName(r.role),
                                  Date(r.left_on)}));
  }
  Status OnRevenue(const RevenueRecord& r) override {
    return Add("revenue " + Join({r.account_id, FormatMonth(r.month), FormatMoney(r.amount)}));
  }
  Status OnInvitation(const InvitationRecord& r) override {
    return Add("invitation " + Join({r.invitation_id, r.contact_id, r.survey_id, Date(r.sent_on)}));
  }
  Status OnResponse(const ResponseRecord& r) override {
    return Add("response " + Join({r.response_id, r.contact_id, r.survey_id, Date(r.responded_on),
                                   std::to_string(r.score), r.comment, r.drivers}));
  }
  Status OnTouchpoint(const TouchpointRecord& r) override {
    return Add("touchpoint " + Join({r.touchpoint_id, r.account_id, r.contact_id,
                                     TouchpointTypeName(r.type), Date(r.occurred_on)}));
  }
  Status OnSignal(const SignalRecord& r) override {
    char buffer[64];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, r.value).ptr;
    return Add("signal " + Join({r.account_id, r.signal, Date(r.observed_on),
                                 std::string_view(buffer, static_cast<size_t>(end - buffer))}));
  }

 private:
  static std::string Date(Day day) { return day == kNoDay ? "" : FormatDate(day); }
  static std::string Join(std::initializer_list<std::string_view> parts) {
    std::string out;
    bool first = true;
    for (std::string_view p : parts) {
      if (!first) out += '|';
      first = false;
      out += p;
    }
    return out;
  }
  Status Add(std::string event) {
    if (fail_after >= 0 && static_cast<int>(events.size()) >= fail_after) {
      return IoError("sink full");
    }
    events.push_back(std::move(event));
    return Status::Ok();
  }
};

}  // namespace bw::io
