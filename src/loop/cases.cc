#include "loop/cases.h"

#include <cstdio>
#include <map>
#include <set>

#include "core/ascii.h"
#include "core/date.h"
#include "loop/sla.h"

namespace bw::loop {
namespace {

constexpr size_t kMaxNoteBytes = 4000;

Status FieldError(std::string field, std::string message) {
  StatusDetail detail;
  detail.field = std::move(field);
  return Status(StatusCode::kInvalidArgument, std::move(message), std::move(detail));
}

std::string FieldOf(const store::RecordFields& fields, std::string_view name) {
  for (const auto& [column, value] : fields) {
    if (column == name) return value;
  }
  return {};
}

bool ValidText(const std::string& text) {
  if (text.size() > kMaxNoteBytes) return false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t' && c != '\r') || u == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::string CategoryOfScore(int score) {
  if (score <= 6) return "detractor";
  if (score <= 8) return "passive";
  return "promoter";
}

Result<std::optional<CaseOpened>> OpenCaseForAnswer(store::WriteTransaction& tx,
                                                    const AnswerFacts& answer,
                                                    const LoopSettings& settings,
                                                    const Clock& clock) {
  const std::string category = CategoryOfScore(answer.score);
  if (category == "promoter" || (category == "passive" && !settings.include_passives)) {
    return std::optional<CaseOpened>();
  }
  BW_ASSIGN_OR_RETURN(std::optional<store::RecordFields> contact,
                      tx.Get(RecordKind::kContact, {answer.contact_id}));
  if (!contact) return NotFound("no contact \"" + answer.contact_id + "\"");
  const std::string account_id = FieldOf(*contact, "account_id");
  BW_ASSIGN_OR_RETURN(std::optional<store::RecordFields> account,
                      tx.Get(RecordKind::kAccount, {account_id}));
  if (!account) return NotFound("no account \"" + account_id + "\"");

  const int64_t now = clock.UnixSeconds();
  store::Case c;
  c.kind = category;
  c.account_id = account_id;
  c.contact_id = answer.contact_id;
  c.response_id = answer.response_id;
  c.owner = AsciiLower(FieldOf(*account, "owner"));
  c.status = "open";
  c.score = answer.score;
  c.opened_at = now;
  c.due_at = DueAt(now, settings);
  BW_ASSIGN_OR_RETURN(store::CaseStore * cases, tx.Cases());
  Result<store::Case> added = cases->AddCase(c);
  if (!added.ok()) {
    if (added.status().code() == StatusCode::kAlreadyExists) return std::optional<CaseOpened>();
    return added.status();
  }
  store::CaseEvent event;
  event.case_id = added->id;
  event.at = now;
  event.actor = "system";
  event.what = "opened";
  event.note = "score " + std::to_string(answer.score);
  BW_RETURN_IF_ERROR(cases->AddEvent(event));

  CaseOpened opened;
  opened.opened = *added;
  opened.role = FieldOf(*contact, "role");
  if (category == "detractor" && opened.role == "decision_maker") {
    const auto lead = settings.escalation.find(added->owner);
    if (lead != settings.escalation.end()) opened.escalate_to = lead->second;
  }
  return std::optional<CaseOpened>(std::move(opened));
}

Result<store::Case> UpdateCase(store::Store& store, int64_t id, const CaseUpdate& update,
                               const std::string& actor, const std::string& owner_scope,
                               const Clock& clock) {
  if (!update.status.empty() && update.status != "open" && update.status != "in_progress" &&
      update.status != "closed") {
    return FieldError("status",
                      "status \"" + update.status + "\": must be open, in_progress or closed");
  }
  if (!ValidText(update.note)) {
    return FieldError("note", "note: at most 4000 bytes, no control characters");
  }
  if (!ValidText(update.action) || update.action.size() > 500) {
    return FieldError("action", "action: at most 500 bytes, no control characters");
  }
  std::optional<Day> action_due;
  if (!update.action.empty() || !update.action_due.empty()) {
    if (update.action.empty())
      return FieldError("action", "action: missing (a due date was given)");
    action_due = ParseDate(update.action_due);
    if (!action_due) {
      return FieldError("due", "due: \"" + update.action_due +
                                   "\" is not a date (YYYY-MM-DD); an action needs one");
    }
  }
  store::Case result;
  Result<store::ImportCounts> written = store.Write([&](store::WriteTransaction& tx) -> Status {
    BW_ASSIGN_OR_RETURN(store::CaseStore * cases, tx.Cases());
    BW_ASSIGN_OR_RETURN(std::optional<store::Case> found, cases->FindCase(id));
    if (!found || (!owner_scope.empty() && found->owner != AsciiLower(owner_scope))) {
      return NotFound("no case " + std::to_string(id));
    }
    store::Case c = *found;
    const int64_t now = clock.UnixSeconds();
    store::CaseEvent event;
    event.case_id = id;
    event.at = now;
    event.actor = actor;
    if (!update.status.empty() && update.status != c.status) {
      const bool allowed = (c.status == "open" && update.status != "open") ||
                           (c.status == "in_progress" && update.status == "closed") ||
                           (c.status == "closed" && update.status == "open");
      if (!allowed) {
        return FieldError("status",
                          "a case that is " + c.status + " cannot become " + update.status);
      }
      if (update.status == "closed") {
        if (update.note.empty()) {
          return FieldError("note", "note: closing a case needs a resolution note");
        }
        c.closed_at = now;
        c.resolution = update.note;
      } else if (c.status == "closed") {
        c.closed_at = 0;  // reopened
      }
      c.status = update.status;
      event.what = "status:" + update.status;
      event.note = update.note;
      BW_RETURN_IF_ERROR(cases->AddEvent(event));
    } else if (!update.note.empty()) {
      event.what = "note";
      event.note = update.note;
      BW_RETURN_IF_ERROR(cases->AddEvent(event));
    }
    if (action_due) {
      c.action = update.action;
      c.action_due = *action_due;
      event.what = "action";
      event.note = update.action + " (due " + update.action_due + ")";
      BW_RETURN_IF_ERROR(cases->AddEvent(event));
    }
    BW_RETURN_IF_ERROR(cases->UpdateCase(c));
    result = c;
    return Status::Ok();
  });
  if (!written.ok()) return written.status();
  return result;
}

Result<ThreatSync> SyncThreatCases(store::WriteTransaction& tx,
                                   const std::vector<ThreatFacts>& threats,
                                   const LoopSettings& settings, const Clock& clock) {
  const int64_t now = clock.UnixSeconds();
  BW_ASSIGN_OR_RETURN(store::CaseStore * cases, tx.Cases());
  BW_ASSIGN_OR_RETURN(std::vector<store::Case> ongoing, cases->ListOngoingThreats());
  std::map<std::string, const ThreatFacts*> current;
  for (const ThreatFacts& t : threats) current.emplace(t.account_id, &t);
  std::set<std::string> has_case;
  ThreatSync sync;
  for (store::Case& c : ongoing) {
    has_case.insert(c.account_id);
    if (current.count(c.account_id) > 0) continue;
    store::CaseEvent event;
    event.case_id = c.id;
    event.at = now;
    event.actor = "system";
    event.what = "threat_ended";
    event.note = "no longer a churn threat";
    BW_RETURN_IF_ERROR(cases->AddEvent(event));
    sync.ended.push_back(std::move(c));
  }
  for (const auto& [account_id, threat] : current) {
    if (has_case.count(account_id) > 0) continue;  // the same threat, still going on
    BW_ASSIGN_OR_RETURN(std::optional<store::RecordFields> account,
                        tx.Get(RecordKind::kAccount, {account_id}));
    if (!account) return NotFound("no account \"" + account_id + "\"");
    store::Case c;
    c.kind = "threat";
    c.account_id = account_id;
    c.owner = AsciiLower(FieldOf(*account, "owner"));
    c.status = "open";
    c.opened_at = now;
    c.due_at = DueAt(now, settings);
    BW_ASSIGN_OR_RETURN(store::Case added, cases->AddCase(c));
    store::CaseEvent event;
    event.case_id = added.id;
    event.at = now;
    event.actor = "system";
    event.what = "opened";
    char note[96];
    std::snprintf(note, sizeof note, "churn risk %.1f %%, revenue at risk %.2f",
                  100.0 * threat->risk, threat->revenue_at_risk);
    event.note = note;
    BW_RETURN_IF_ERROR(cases->AddEvent(event));
    sync.opened.push_back(std::move(added));
  }
  return sync;
}

Result<std::vector<store::Case>> EscalateOverdue(store::WriteTransaction& tx, const Clock& clock) {
  const int64_t now = clock.UnixSeconds();
  BW_ASSIGN_OR_RETURN(store::CaseStore * cases, tx.Cases());
  BW_ASSIGN_OR_RETURN(std::vector<store::Case> overdue, cases->ListOverdue(now));
  for (store::Case& c : overdue) {
    c.escalated_at = now;
    BW_RETURN_IF_ERROR(cases->UpdateCase(c));
    store::CaseEvent event;
    event.case_id = c.id;
    event.at = now;
    event.actor = "system";
    event.what = "escalated";
    event.note = "overdue since " + FormatDate(static_cast<Day>(c.due_at / 86400));
    BW_RETURN_IF_ERROR(cases->AddEvent(event));
  }
  return overdue;
}

}  // namespace bw::loop
