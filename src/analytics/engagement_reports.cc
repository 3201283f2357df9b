#include "analytics/engagement_reports.h"

#include <algorithm>

namespace bw::analytics {

TouchpointsReport ComputeTouchpointsReport(const std::vector<AccountBasics>& rows) {
  TouchpointsReport report;
  for (const AccountBasics& b : rows) {
    ++report.active_accounts;
    report.support_tickets_90d += b.touchpoints.support_tickets_90d;
    report.marketing_emails_30d += b.touchpoints.marketing_emails_30d;
    if (b.Has(AccountFlag::kSilent)) {
      report.silent.push_back(&b);
      report.silent_ttm += b.ttm;
    }
    if (b.Has(AccountFlag::kOverloaded)) {
      report.overloaded.push_back(&b);
      report.overloaded_ttm += b.ttm;
    }
  }
  return report;
}

ResponsesReport ComputeResponsesReport(const Snapshot& snap, const std::vector<AccountBasics>& rows,
                                       Day as_of, const MetricParams& params) {
  ResponsesReport report;
  // Waves: every invitation sent on or before T, answered as for the response rate.
  std::vector<WaveResponses> waves(snap.survey_names.size());
  std::vector<uint8_t> seen(snap.survey_names.size(), 0);
  for (ContactIndex c = 0; c < snap.contact_count(); ++c) {
    const snapshot::IndexRange invitations = snap.InvitationsOf(c);
    const size_t role = static_cast<size_t>(snap.contact_role[c]);
    for (uint32_t i = invitations.begin; i < invitations.end; ++i) {
      const Day sent = snap.invitation_sent_on[i];
      if (sent > as_of) break;  // sorted by day
      const int32_t survey = snap.invitation_survey[i];
      const bool answered = snap.invitation_answered_on[i] <= as_of;
      WaveResponses& wave = waves[survey];
      if (!seen[survey] || sent < wave.first_sent) wave.first_sent = sent;
      seen[survey] = 1;
      ++wave.rate.sent;
      wave.rate.answered += answered ? 1 : 0;
      if (sent > as_of - params.window_days) {
        ++report.overall.sent;
        ++report.by_role[role].sent;
        if (answered) {
          ++report.overall.answered;
          ++report.by_role[role].answered;
        }
      }
    }
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
  for (const AccountBasics& b : rows) {
    if (b.invitations.sent == 0) continue;
    report.accounts.push_back(&b);
    if (b.invitations.answered == 0) {
      report.never_answering.push_back(&b);
      report.never_answering_ttm += b.ttm;
    }
  }
  return report;
}

}  // namespace bw::analytics
