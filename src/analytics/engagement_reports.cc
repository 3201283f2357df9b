#include "analytics/engagement_reports.h"

#include <algorithm>

#include "analytics/internal/parallel.h"

namespace bw::analytics {

namespace {

template <typename Rows>
TouchpointsReport TouchpointsOf(const Rows& rows) {
  TouchpointsReport report;
  for (RowIndex i = 0; i < rows.size(); ++i) {
    const AccountBasics& b = BasicsOf(rows[i]);
    ++report.active_accounts;
    report.support_tickets_90d += b.touchpoints.support_tickets_90d;
    report.marketing_emails_30d += b.touchpoints.marketing_emails_30d;
    if (b.Has(AccountFlag::kSilent)) {
      report.silent.push_back(i);
      report.silent_ttm += b.ttm;
    }
    if (b.Has(AccountFlag::kOverloaded)) {
      report.overloaded.push_back(i);
      report.overloaded_ttm += b.ttm;
    }
  }
  return report;
}

template <typename Rows>
void AddAccountsOf(const Rows& rows, ResponsesReport& report) {
  for (RowIndex i = 0; i < rows.size(); ++i) {
    const AccountBasics& b = BasicsOf(rows[i]);
    if (b.invitations.sent == 0) continue;
    report.accounts.push_back(i);
    if (b.invitations.answered == 0) {
      report.never_answering.push_back(i);
      report.never_answering_ttm += b.ttm;
    }
  }
}

}  // namespace

ResponsesReport ComputeResponseRates(const Snapshot& snap, Day as_of, const MetricParams& params) {
  ResponsesReport report;
  // Waves: every invitation sent on or before T, answered as for the response rate.
  // Each chunk of contacts counts into its own tallies; they are added up below.
  struct Tally {
    std::vector<ResponseRate> waves;
    std::vector<Day> first_sent;  // kNeverAnswered: no invitation yet
    std::array<ResponseRate, kRoleCount> by_role{};
  };
  const size_t surveys = snap.survey_names.size();
  const Tally empty{
      std::vector<ResponseRate>(surveys), std::vector<Day>(surveys, snapshot::kNeverAnswered), {}};
  const Day window_start = as_of - params.window_days;
  const std::vector<Tally> tallies = internal::ParallelPartials(
      static_cast<size_t>(snap.contact_count()), empty,
      [&](size_t begin, size_t end, Tally& tally) {
        for (size_t c = begin; c < end; ++c) {
          const snapshot::IndexRange invitations = snap.InvitationsOf(static_cast<ContactIndex>(c));
          ResponseRate& role = tally.by_role[static_cast<size_t>(snap.contact_role[c])];
          for (uint32_t i = invitations.begin; i < invitations.end; ++i) {
            const Day sent = snap.invitation_sent_on[i];
            if (sent > as_of) break;  // sorted by day
            const int32_t survey = snap.invitation_survey[i];
            const int answered = snap.invitation_answered_on[i] <= as_of ? 1 : 0;
            const int in_window = sent > window_start ? 1 : 0;
            tally.first_sent[survey] = std::min(tally.first_sent[survey], sent);
            ++tally.waves[survey].sent;
            tally.waves[survey].answered += answered;
            role.sent += in_window;
            role.answered += in_window & answered;
          }
        }
      });
  std::vector<WaveResponses> waves(surveys);
  std::vector<uint8_t> seen(surveys, 0);
  for (const Tally& tally : tallies) {
    for (size_t s = 0; s < surveys; ++s) {
      if (tally.waves[s].sent == 0) continue;
      waves[s].first_sent =
          seen[s] ? std::min(waves[s].first_sent, tally.first_sent[s]) : tally.first_sent[s];
      seen[s] = 1;
      waves[s].rate.sent += tally.waves[s].sent;
      waves[s].rate.answered += tally.waves[s].answered;
    }
    for (size_t role = 0; role < kRoleCount; ++role) {
      report.by_role[role].sent += tally.by_role[role].sent;
      report.by_role[role].answered += tally.by_role[role].answered;
    }
  }
  for (const ResponseRate& role : report.by_role) {
    report.overall.sent += role.sent;
    report.overall.answered += role.answered;
  }
  for (size_t s = 0; s < waves.size(); ++s) {
    if (!seen[s]) continue;
    waves[s].survey_id = snap.survey_names[s];
    report.waves.push_back(std::move(waves[s]));
  }
  std::sort(report.waves.begin(), report.waves.end(),
            [](const WaveResponses& x, const WaveResponses& y) {
              if (x.first_sent != y.first_sent) return x.first_sent < y.first_sent;
              return x.survey_id < y.survey_id;
            });
  return report;
}

TouchpointsReport ComputeTouchpointsReport(const std::vector<AccountBasics>& rows) {
  return TouchpointsOf(rows);
}
TouchpointsReport ComputeTouchpointsReport(const std::vector<AccountRow>& rows) {
  return TouchpointsOf(rows);
}
void AddInvitedAccounts(const std::vector<AccountBasics>& rows, ResponsesReport& report) {
  AddAccountsOf(rows, report);
}
void AddInvitedAccounts(const std::vector<AccountRow>& rows, ResponsesReport& report) {
  AddAccountsOf(rows, report);
}
ResponsesReport ComputeResponsesReport(const Snapshot& snap, const std::vector<AccountBasics>& rows,
                                       Day as_of, const MetricParams& params) {
  ResponsesReport report = ComputeResponseRates(snap, as_of, params);
  AddAccountsOf(rows, report);
  return report;
}

}  // namespace bw::analytics
