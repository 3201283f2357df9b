// Engagement reports: touchpoint gaps (silent and overloaded accounts) and survey response
// rates by wave, account and role (shared/spec/metrics.md, "Touchpoints", "Response rate";
// the `touchpoints` and `responses` reports, defined in docs/reports.md).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "analytics/account_rows.h"

namespace bw::analytics {

// The position of an account in the rows a report was computed from (a vector of
// AccountBasics or AccountRow, in Pareto order). Reports keep positions rather than
// pointers, so that a report and its rows can be copied and moved together (BookViews).
using RowIndex = uint32_t;

// The rows a report's RowIndex values refer to, as AccountBasics: a view of either kind of
// rows, passed to whoever reads the report (it does not own them).
class ReportRows {
 public:
  ReportRows(const std::vector<AccountBasics>& rows)  // NOLINT: implicit on purpose
      : basics_(&rows) {}
  ReportRows(const std::vector<AccountRow>& rows)  // NOLINT: implicit on purpose
      : rows_(&rows) {}
  const AccountBasics& operator[](RowIndex i) const {
    return basics_ != nullptr ? (*basics_)[i] : (*rows_)[i].basics;
  }

 private:
  const std::vector<AccountBasics>* basics_ = nullptr;
  const std::vector<AccountRow>* rows_ = nullptr;
};

struct TouchpointsReport {
  int64_t active_accounts = 0;
  // Accounts flagged silent / overloaded, in Pareto order, with their counts.
  std::vector<RowIndex> silent;
  std::vector<RowIndex> overloaded;
  Cents silent_ttm = 0;
  Cents overloaded_ttm = 0;
  int64_t support_tickets_90d = 0;  // over active accounts
  int64_t marketing_emails_30d = 0;
};
// The report's accounts are positions in `rows`.
TouchpointsReport ComputeTouchpointsReport(const std::vector<AccountBasics>& rows);
TouchpointsReport ComputeTouchpointsReport(const std::vector<AccountRow>& rows);

struct ResponseRate {
  int64_t sent = 0;
  int64_t answered = 0;
  std::optional<double> rate() const {
    if (sent == 0) return std::nullopt;
    return static_cast<double>(answered) / static_cast<double>(sent);
  }
};

struct WaveResponses {
  std::string survey_id;
  Day first_sent = 0;
  ResponseRate rate;
};

struct ResponsesReport {
  ResponseRate overall;              // invitations sent in the window
  std::vector<WaveResponses> waves;  // every wave with invitations sent <= T, by first send
  std::array<ResponseRate, kRoleCount> by_role;  // in the window, by the contact's role
  // Active accounts with invitations sent in the window, in Pareto order, and those of
  // them that never answered (the `unresponsive` flag).
  std::vector<RowIndex> accounts;
  std::vector<RowIndex> never_answering;
  Cents never_answering_ttm = 0;
};
// The report's accounts are positions in `rows`.
ResponsesReport ComputeResponsesReport(const Snapshot& snap, const std::vector<AccountBasics>& rows,
                                       Day as_of, const MetricParams& params);
// The report in two steps: the rates (overall, by wave, by role) from the invitations,
// then the accounts from the rows (as positions in them).
ResponsesReport ComputeResponseRates(const Snapshot& snap, Day as_of, const MetricParams& params);
void AddInvitedAccounts(const std::vector<AccountBasics>& rows, ResponsesReport& report);
void AddInvitedAccounts(const std::vector<AccountRow>& rows, ResponsesReport& report);

}  // namespace bw::analytics
