// The data-quality report of an import (docs/importing.md, "Data-quality report"): what
// arrived per file, what was rejected and why, and what is missing or doubtful in the
// records that were accepted. QualitySink passes every record on to the sink behind it
// (the store's import, or nothing for a dry run) and keeps what the report needs.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/records.h"

namespace bw::io {

struct QualityReport {
  std::map<std::string, int64_t> rows;      // file -> records accepted
  std::map<std::string, int64_t> rejected;  // "file: column: reason" -> rows
  int64_t accounts_without_revenue = 0;
  std::vector<std::string> accounts_without_revenue_examples;  // at most 5
  int64_t contacts_without_email = 0;
  int64_t responses_without_invitation = 0;  // no invitation of the contact and survey
  int64_t accounts_with_revenue_gaps = 0;    // a month missing between first and last
  int64_t missing_revenue_months = 0;
  int64_t duplicate_account_names = 0;   // names (case-insensitive) under several ids
  int64_t duplicate_contact_emails = 0;  // emails under several contact ids
};

class QualitySink : public DataSetSink {
 public:
  // `next` may be null (a dry run).
  explicit QualitySink(DataSetSink* next) : next_(next) {}

  Status OnAccount(const AccountRecord& r) override;
  Status OnContact(const ContactRecord& r) override;
  Status OnRevenue(const RevenueRecord& r) override;
  Status OnInvitation(const InvitationRecord& r) override;
  Status OnResponse(const ResponseRecord& r) override;
  Status OnTouchpoint(const TouchpointRecord& r) override;
  Status OnSignal(const SignalRecord& r) override;
  // As the sink behind it: each kind's tables are touched by that kind's thread only.
  bool AcceptsConcurrentKinds() const override {
    return next_ != nullptr && next_->AcceptsConcurrentKinds();
  }
  void ExpectRecords(RecordKind kind, size_t estimated_count) override {
    if (next_ != nullptr) next_->ExpectRecords(kind, estimated_count);
  }

  // A row rejected with `reason` (`FILE:LINE: column: what`): counted by file, column and
  // the kind of problem (the quoted values left out).
  void AddReject(const std::string& reason);

  QualityReport Finish();

 private:
  DataSetSink* next_;
  QualityReport report_;
  std::array<int64_t, kRecordKindCount> counts_{};  // per kind, each from its own thread
  std::vector<std::string> account_ids_;
  std::unordered_map<std::string, std::vector<MonthIndex>> revenue_months_;
  std::unordered_map<std::string, std::string> account_names_;  // lower name -> first id
  std::unordered_set<std::string> duplicate_names_;
  std::unordered_map<std::string, std::string> contact_emails_;  // lower email -> first id
  std::unordered_set<std::string> duplicate_emails_;
  std::unordered_set<std::string> invitations_;  // contact \0 survey
  std::vector<std::string> responses_;           // contact \0 survey
};

}  // namespace bw::io
