// What both front ends share for surveys (issue 12): choosing a wave's audience with the
// accounts table's filters, the settings the survey module needs from the workspace, and
// the JSON of waves and their figures (docs/surveys.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/workspace_config.h"
#include "core/date.h"
#include "core/status.h"
#include "snapshot/snapshot.h"
#include "store/store.h"
#include "survey/invitations.h"

namespace bw::service {

// Checks a wave's filter expressions: the accounts table's (tier, owner, industry, region,
// category, ...; service/account_query.h) and role=decision_maker|influencer|user (also
// negated). Errors: kInvalidArgument naming the expression.
Status CheckWaveFilters(const std::vector<std::string>& filters);

// The audience of a wave as of `as_of`: the contacts who have not left, with an email, of
// the active accounts that pass every account filter, whose role passes the role filters.
// The snapshot must keep text (emails). Errors: CheckWaveFilters'.
Result<std::vector<survey::AudienceMember>> SelectAudience(const snapshot::Snapshot& snap,
                                                           Day as_of,
                                                           const config::WorkspaceConfig& workspace,
                                                           const std::vector<std::string>& filters);

// The survey module's context from the workspace: [server] public_url, [smtp] from,
// [survey]. Errors: kFailedPrecondition naming the missing key.
Result<survey::OutreachContext> OutreachContextOf(const config::WorkspaceConfig& workspace);

// A wave as JSON: id, title, language, filters, drivers, questions, reminder settings,
// created_at / sent_at (ISO 8601 UTC or null).
nlohmann::ordered_json WaveToJson(const store::Wave& wave);

// A wave's figures (docs/surveys.md, "Wave figures"): invited, delivered, bounced, pending,
// answered, response_rate, and the same by role and by tier (tier as of `as_of`; a contact
// not in the snapshot counts under "unknown").
nlohmann::ordered_json WaveFiguresToJson(const snapshot::Snapshot& snap, Day as_of,
                                         const config::WorkspaceConfig& workspace,
                                         const std::vector<store::InviteDelivery>& deliveries);

nlohmann::ordered_json SendReportToJson(const std::string& wave_id,
                                        const survey::SendReport& report);
nlohmann::ordered_json RemindReportToJson(const std::string& wave_id,
                                          const survey::RemindReport& report);

}  // namespace bw::service
