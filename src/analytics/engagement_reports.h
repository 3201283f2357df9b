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

struct TouchpointsReport {
  int64_t active_accounts = 0;
  // Accounts flagged silent / overloaded, in Pareto order, with their counts.
  std::vector<const AccountBasics*> silent;
  std::vector<const AccountBasics*> overloaded;
  Cents silent_ttm = 0;
  Cents overloaded_ttm = 0;
  int64_t support_tickets_90d = 0;  // over active accounts
  int64_t marketing_emails_30d = 0;
};
// `rows` must outlive the report (it points into them).
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
  std::vector<const AccountBasics*> accounts;
  std::vector<const AccountBasics*> never_answering;
  Cents never_answering_ttm = 0;
};
// `rows` must outlive the report (it points into them).
ResponsesReport ComputeResponsesReport(const Snapshot& snap, const std::vector<AccountBasics>& rows,
                                       Day as_of, const MetricParams& params);
// The report in two steps: the rates (overall, by wave, by role) from the invitations,
// then the accounts from the rows (pointed into).
ResponsesReport ComputeResponseRates(const Snapshot& snap, Day as_of, const MetricParams& params);
void AddInvitedAccounts(const std::vector<AccountBasics>& rows, ResponsesReport& report);
void AddInvitedAccounts(const std::vector<AccountRow>& rows, ResponsesReport& report);

}  // namespace bw::analytics
