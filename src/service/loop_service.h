// The closed loop as both front ends use it (issue 12): an answer stored together with its
// consequences in ONE transaction (the response, the case, the owner's and lead's
// notification mails, the webhook events), case updates with their notifications, the
// escalation of overdue cases, and the JSON of cases and dead letters (docs/surveys.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/workspace_config.h"
#include "core/clock.h"
#include "core/status.h"
#include "loop/cases.h"
#include "snapshot/snapshot.h"
#include "store/store.h"
#include "survey/answers.h"

namespace bw::service {

// survey::SubmitAnswer, then (first answer or a changed one) the case of loop::
// OpenCaseForAnswer with its mails and the webhook events response.created and
// case.opened, all inside `tx`. Errors: SubmitAnswer's; the store's.
Result<survey::AnswerOutcome> RecordAnswer(store::WriteTransaction& tx, std::string_view token,
                                           const survey::AnswerForm& form,
                                           const config::WorkspaceConfig& workspace,
                                           const Clock& clock);

// loop::UpdateCase, then case.closed (webhook) when it was closed. Errors: UpdateCase's.
Result<store::Case> UpdateCase(store::Store& store, int64_t id, const loop::CaseUpdate& update,
                               const std::string& actor, const std::string& owner_scope,
                               const config::WorkspaceConfig& workspace, const Clock& clock);

// Escalates the overdue cases once (a mail to the owner's lead, or the owner when there is
// none, and case.escalated) and returns how many. Errors: the store's.
Result<int64_t> EscalateOverdueCases(store::Store& store, const config::WorkspaceConfig& workspace,
                                     const Clock& clock);

// loop::SyncThreatCases with `threats` (the complete current list) in one transaction,
// with a mail to the owner and the webhook event threat.opened for each case opened.
// Errors: SyncThreatCases's; the store's.
Result<loop::ThreatSync> SyncThreatCases(store::Store& store,
                                         const std::vector<loop::ThreatFacts>& threats,
                                         const config::WorkspaceConfig& workspace,
                                         const Clock& clock);

nlohmann::ordered_json CaseToJson(const store::Case& c);
nlohmann::ordered_json CaseWithEventsToJson(const store::Case& c,
                                            const std::vector<store::CaseEvent>& events);
nlohmann::ordered_json DeadLetterToJson(const store::OutboxMessage& m);

}  // namespace bw::service

namespace bw::service {

// The loop figures as of `as_of` (docs/surveys.md, "Loop figures", which defines each) over
// the cases opened in the `window_days` days ending with `as_of`, read with the responses
// of `snap` (for "the next answer was better").
nlohmann::ordered_json LoopFiguresToJson(const snapshot::Snapshot& snap,
                                         const std::vector<store::Case>& cases, Day as_of,
                                         int window_days);

}  // namespace bw::service
