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

// One account the churn model marks as a threat (docs/churn.md: tier A or B, risk at or
// above [churn] threat_risk). The loop module does not know the model: the caller passes
// what it found.
struct ThreatFacts {
  std::string account_id;
  double risk = 0;             // probability of churn within 180 days, 0..1
  double revenue_at_risk = 0;  // risk x TTM revenue, in the book's currency
};

struct ThreatSync {
  std::vector<store::Case> opened;  // a new threat case each
  std::vector<store::Case> ended;   // threat cases whose account is no threat any more
};

// Brings the threat cases in line with `threats`, the COMPLETE list of current threats,
// inside `tx` (docs/surveys.md, "Threat cases"): an account on the list without an
// ongoing threat case gets one, for its owner, due after the SLA; an ongoing threat case
// whose account is not on the list ends (a "threat_ended" event; its status stays as the
// owner left it). So a threat that persists opens one case, and one that ended and comes
// back opens a new one. Errors: kNotFound for an account not in the store; the store's.
Result<ThreatSync> SyncThreatCases(store::WriteTransaction& tx,
                                   const std::vector<ThreatFacts>& threats,
                                   const LoopSettings& settings, const Clock& clock);

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
