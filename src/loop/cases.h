// Close-the-loop cases (issue 12): a detractor's answer (and a passive's, when configured)
// opens a case for the account's owner, due after the SLA (loop/sla.h); a decision maker's
// detractor answer also alerts the owner's escalation lead. Workflow: open -> in_progress
// -> closed (with a resolution note and optionally a follow-up action with a due date); a
// case overdue and not closed escalates once. docs/surveys.md, "The closed loop".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "loop/settings.h"
#include "store/store.h"

namespace bw::loop {

// metrics.md, Basics: detractor 0-6, passive 7-8, promoter 9-10.
std::string CategoryOfScore(int score);

struct AnswerFacts {
  std::string response_id;
  std::string contact_id;
  int score = 0;
};

struct CaseOpened {
  store::Case opened;
  std::string role;         // the contact's role
  std::string escalate_to;  // the lead to alert now ("" for none)
};

// Opens the answer's case inside `tx` when its score calls for one and it has none yet.
// Returns nullopt when no case is opened (a promoter, a passive without include_passives,
// or a case exists already for this response). Errors: the store's.
Result<std::optional<CaseOpened>> OpenCaseForAnswer(store::WriteTransaction& tx,
                                                    const AnswerFacts& answer,
                                                    const LoopSettings& settings,
                                                    const Clock& clock);

struct CaseUpdate {
  std::string status;      // "" keeps it; else open, in_progress or closed
  std::string note;        // required to close (the resolution); else added to the history
  std::string action;      // a follow-up action ("" none) ...
  std::string action_due;  // ... and its due date, YYYY-MM-DD (required with an action)
};

// Applies `update` to case `id` as `actor`. `owner_scope` non-empty: only a case of that
// owner may be changed (an account manager's). Allowed moves: open -> in_progress,
// open | in_progress -> closed, closed -> open (reopened). Errors: kNotFound (no such case,
// or outside the scope); kInvalidArgument with StatusDetail.field "status", "note",
// "action" or "due"; the store's.
Result<store::Case> UpdateCase(store::Store& store, int64_t id, const CaseUpdate& update,
                               const std::string& actor, const std::string& owner_scope,
                               const Clock& clock);

// Marks every overdue case (not closed, due passed, not escalated yet) as escalated, once,
// inside `tx`, and returns them. Errors: the store's.
Result<std::vector<store::Case>> EscalateOverdue(store::WriteTransaction& tx, const Clock& clock);

}  // namespace bw::loop
