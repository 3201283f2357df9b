#include "service/loop_service.h"

#include <fmt/core.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <unordered_map>

#include "core/date.h"
#include "loop/webhooks.h"
#include "survey/email.h"
#include "survey/html.h"
#include "survey/token.h"

namespace bw::service {
namespace {

using nlohmann::ordered_json;

ordered_json Time(int64_t unix_seconds) {
  if (unix_seconds == 0) return nullptr;
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

ordered_json TextOrNull(const std::string& text) {
  return text.empty() ? ordered_json(nullptr) : ordered_json(text);
}

std::string Dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A notification mail about a case, queued in the outbox inside `tx`. Without a usable
// [smtp] from or recipient nothing is queued (the case itself is what matters).
Status QueueCaseMail(store::WriteTransaction& tx, const config::WorkspaceConfig& workspace,
                     const std::string& to, const std::string& subject, const std::string& text,
                     const std::string& reference, const Clock& clock) {
  if (!survey::IsValidEmailAddress(to) || workspace.smtp.from.empty()) return Status::Ok();
  const Result<survey::MailAddress> from = survey::ParseMailAddress(workspace.smtp.from);
  if (!from.ok()) return Status::Ok();
  survey::EmailContent mail;
  mail.from = *from;
  mail.to.address = to;
  mail.subject = subject;
  mail.text = text;
  mail.html =
      "<!doctype html>\n<html><body><pre style=\"font-family:sans-serif;white-space:"
      "pre-wrap\">" +
      survey::HtmlEscape(text) + "</pre></body></html>\n";
  mail.message_id = "bw-" + survey::NewToken() + "@" + survey::DomainOf(from->address);
  mail.date = clock.UnixSeconds();
  store::OutboxMessage m;
  m.message_id = mail.message_id;
  m.channel = "email";
  m.purpose = "case";
  m.recipient = to;
  m.reference = reference;
  m.payload = survey::RenderEmail(mail);
  m.next_attempt_at = mail.date;
  m.created_at = mail.date;
  BW_ASSIGN_OR_RETURN(store::OutreachStore * outreach, tx.Outreach());
  return outreach->Enqueue(m);
}

std::string CaseLink(const config::WorkspaceConfig& workspace, int64_t id) {
  return workspace.server.public_url + "/api/v1/cases/" + std::to_string(id);
}

}  // namespace

ordered_json CaseToJson(const store::Case& c) {
  ordered_json j;
  j["id"] = c.id;
  j["kind"] = c.kind;
  j["status"] = c.status;
  j["account_id"] = c.account_id;
  j["contact_id"] = TextOrNull(c.contact_id);
  j["response_id"] = TextOrNull(c.response_id);
  j["score"] = c.score >= 0 ? ordered_json(c.score) : ordered_json(nullptr);
  j["owner"] = TextOrNull(c.owner);
  j["opened_at"] = Time(c.opened_at);
  j["due_at"] = Time(c.due_at);
  j["escalated_at"] = Time(c.escalated_at);
  j["closed_at"] = Time(c.closed_at);
  j["resolution"] = TextOrNull(c.resolution);
  j["action"] = TextOrNull(c.action);
  j["action_due"] = c.action_due != 0 ? ordered_json(FormatDate(static_cast<Day>(c.action_due)))
                                      : ordered_json(nullptr);
  return j;
}

ordered_json CaseWithEventsToJson(const store::Case& c,
                                  const std::vector<store::CaseEvent>& events) {
  ordered_json j = CaseToJson(c);
  j["events"] = ordered_json::array();
  for (const store::CaseEvent& e : events) {
    j["events"].push_back(
        {{"at", Time(e.at)}, {"actor", e.actor}, {"what", e.what}, {"note", TextOrNull(e.note)}});
  }
  return j;
}

ordered_json DeadLetterToJson(const store::OutboxMessage& m) {
  ordered_json j;
  j["id"] = m.message_id;
  j["event"] = m.purpose;
  j["url"] = m.recipient;
  j["attempts"] = m.attempts;
  j["last_error"] = TextOrNull(m.last_error);
  j["created_at"] = Time(m.created_at);
  j["body"] = ordered_json::parse(m.payload, nullptr, false);
  if (j["body"].is_discarded()) j["body"] = m.payload;
  return j;
}

Result<survey::AnswerOutcome> RecordAnswer(store::WriteTransaction& tx, std::string_view token,
                                           const survey::AnswerForm& form,
                                           const config::WorkspaceConfig& workspace,
                                           const Clock& clock) {
  BW_ASSIGN_OR_RETURN(survey::AnswerOutcome outcome,
                      survey::SubmitAnswer(tx, token, form, workspace.survey, clock));
  if (outcome.first_answer) {
    ordered_json data;
    data["response_id"] = outcome.response_id;
    data["wave_id"] = outcome.wave_id;
    data["contact_id"] = outcome.contact_id;
    data["score"] = outcome.score;
    BW_RETURN_IF_ERROR(loop::QueueWebhookEvent(tx, "response.created", Dump(data), clock));
  }
  // A changed answer may become a detractor's: the case opens then (once per response).
  loop::AnswerFacts facts;
  facts.response_id = outcome.response_id;
  facts.contact_id = outcome.contact_id;
  facts.score = outcome.score;
  BW_ASSIGN_OR_RETURN(const std::optional<loop::CaseOpened> opened,
                      loop::OpenCaseForAnswer(tx, facts, workspace.loop, clock));
  if (!opened) return outcome;
  const store::Case& c = opened->opened;
  const std::string text = "A " + c.kind + " answer (score " + std::to_string(c.score) +
                           ") of contact " + c.contact_id + " of account " + c.account_id +
                           " opened case " + std::to_string(c.id) + ".\nIt is due " +
                           Time(c.due_at).get<std::string>() + ".\n\n" + CaseLink(workspace, c.id) +
                           "\nbellwether case show " + std::to_string(c.id) + "\n";
  BW_RETURN_IF_ERROR(
      QueueCaseMail(tx, workspace, c.owner,
                    "Case " + std::to_string(c.id) + ": " + c.kind + " at " + c.account_id, text,
                    "case:" + std::to_string(c.id), clock));
  if (!opened->escalate_to.empty()) {
    BW_RETURN_IF_ERROR(
        QueueCaseMail(tx, workspace, opened->escalate_to,
                      "Alert: a decision maker at " + c.account_id + " is a detractor (case " +
                          std::to_string(c.id) + ")",
                      "You are the escalation contact of " + c.owner + ".\n\n" + text,
                      "case:" + std::to_string(c.id), clock));
  }
  ordered_json data = CaseToJson(c);
  data["role"] = opened->role;
  data["escalated_to"] = TextOrNull(opened->escalate_to);
  BW_RETURN_IF_ERROR(loop::QueueWebhookEvent(tx, "case.opened", Dump(data), clock));
  return outcome;
}

Result<store::Case> UpdateCase(store::Store& store, int64_t id, const loop::CaseUpdate& update,
                               const std::string& actor, const std::string& owner_scope,
                               const config::WorkspaceConfig& workspace, const Clock& clock) {
  BW_ASSIGN_OR_RETURN(std::optional<store::Case> before, store.cases().FindCase(id));
  BW_ASSIGN_OR_RETURN(const store::Case after,
                      loop::UpdateCase(store, id, update, actor, owner_scope, clock));
  if (before && before->status != "closed" && after.status == "closed") {
    Result<store::ImportCounts> queued = store.Write([&](store::WriteTransaction& tx) {
      return loop::QueueWebhookEvent(tx, "case.closed", Dump(CaseToJson(after)), clock);
    });
    if (!queued.ok()) return queued.status();
  }
  (void)workspace;
  return after;
}

Result<int64_t> EscalateOverdueCases(store::Store& store, const config::WorkspaceConfig& workspace,
                                     const Clock& clock) {
  // Most passes find nothing: then no write transaction.
  BW_ASSIGN_OR_RETURN(const std::vector<store::Case> due,
                      store.cases().ListOverdue(clock.UnixSeconds()));
  if (due.empty()) return int64_t{0};
  int64_t escalated = 0;
  Result<store::ImportCounts> written = store.Write([&](store::WriteTransaction& tx) -> Status {
    BW_ASSIGN_OR_RETURN(const std::vector<store::Case> cases, loop::EscalateOverdue(tx, clock));
    escalated = static_cast<int64_t>(cases.size());
    for (const store::Case& c : cases) {
      const auto lead = workspace.loop.escalation.find(c.owner);
      const std::string to = lead != workspace.loop.escalation.end() ? lead->second : c.owner;
      BW_RETURN_IF_ERROR(QueueCaseMail(
          tx, workspace, to, "Overdue: case " + std::to_string(c.id) + " at " + c.account_id,
          "Case " + std::to_string(c.id) + " (" + c.kind + ", owner " + c.owner + ") was due " +
              Time(c.due_at).get<std::string>() + " and is still " + c.status + ".\n\n" +
              CaseLink(workspace, c.id) + "\n",
          "case:" + std::to_string(c.id), clock));
      BW_RETURN_IF_ERROR(loop::QueueWebhookEvent(tx, "case.escalated", Dump(CaseToJson(c)), clock));
    }
    return Status::Ok();
  });
  if (!written.ok()) return written.status();
  return escalated;
}

Result<loop::ThreatSync> SyncThreatCases(store::Store& store,
                                         const std::vector<loop::ThreatFacts>& threats,
                                         const config::WorkspaceConfig& workspace,
                                         const Clock& clock) {
  loop::ThreatSync sync;
  std::map<std::string, const loop::ThreatFacts*> facts;
  for (const loop::ThreatFacts& t : threats) facts.emplace(t.account_id, &t);
  Result<store::ImportCounts> written = store.Write([&](store::WriteTransaction& tx) -> Status {
    BW_ASSIGN_OR_RETURN(sync, loop::SyncThreatCases(tx, threats, workspace.loop, clock));
    for (const store::Case& c : sync.opened) {
      const loop::ThreatFacts& t = *facts.at(c.account_id);
      const std::string text =
          "The churn model marks account " + c.account_id + " as a threat (churn risk " +
          fmt::format("{:.1f}", 100.0 * t.risk) + " % within 180 days, revenue at risk " +
          fmt::format("{:.2f}", t.revenue_at_risk) + "). Case " + std::to_string(c.id) +
          " is opened for you; it is due " + Time(c.due_at).get<std::string>() + ".\n\n" +
          CaseLink(workspace, c.id) + "\nbellwether case show " + std::to_string(c.id) + "\n";
      BW_RETURN_IF_ERROR(
          QueueCaseMail(tx, workspace, c.owner,
                        "Case " + std::to_string(c.id) + ": churn threat at " + c.account_id, text,
                        "case:" + std::to_string(c.id), clock));
      ordered_json data = CaseToJson(c);
      data["risk"] = t.risk;
      data["revenue_at_risk"] = t.revenue_at_risk;
      BW_RETURN_IF_ERROR(loop::QueueWebhookEvent(tx, "threat.opened", Dump(data), clock));
    }
    return Status::Ok();
  });
  if (!written.ok()) return written.status();
  return sync;
}

}  // namespace bw::service

namespace bw::service {

nlohmann::ordered_json LoopFiguresToJson(const snapshot::Snapshot& snap,
                                         const std::vector<store::Case>& cases, Day as_of,
                                         int window_days) {
  using nlohmann::ordered_json;
  constexpr int64_t kDay = 86400;
  const int64_t end = (static_cast<int64_t>(as_of) + 1) * kDay;  // the end of the as-of day
  const int64_t start = end - int64_t{window_days} * kDay;
  std::unordered_map<std::string, uint32_t> contact_index;
  for (uint32_t c = 0; c < snap.contact_id.size(); ++c) contact_index[snap.contact_id[c]] = c;

  int64_t opened = 0, closed = 0, closed_within_48h = 0, detractors_followed = 0,
          detractors_better = 0;
  std::vector<double> hours_to_close;
  struct OwnerOverdue {
    int64_t total = 0;
    int64_t days_0_2 = 0, days_3_7 = 0, days_8_plus = 0;
  };
  std::map<std::string, OwnerOverdue> overdue;
  for (const store::Case& c : cases) {
    if (c.opened_at >= end) continue;  // not opened yet as of the day
    const bool closed_by_then = c.closed_at != 0 && c.closed_at < end;
    // Overdue: open at the end of the as-of day and due before it (any window).
    if (!closed_by_then && c.due_at < end) {
      OwnerOverdue& o = overdue[c.owner.empty() ? "(none)" : c.owner];
      ++o.total;
      const int64_t days = (end - c.due_at) / kDay;
      (days <= 2 ? o.days_0_2 : days <= 7 ? o.days_3_7 : o.days_8_plus)++;
    }
    if (c.opened_at < start) continue;
    ++opened;
    if (closed_by_then) {
      ++closed;
      const int64_t seconds = c.closed_at - c.opened_at;
      if (seconds <= int64_t{48} * 3600) ++closed_within_48h;
      hours_to_close.push_back(static_cast<double>(seconds) / 3600.0);
    }
    // The contact's next answer after the one that opened the case, on or before as_of.
    if (c.kind != "detractor" || c.contact_id.empty()) continue;
    const auto it = contact_index.find(c.contact_id);
    if (it == contact_index.end()) continue;
    const Day answered_on = static_cast<Day>(c.opened_at / kDay);
    const snapshot::IndexRange range = snap.ResponsesOf(it->second);
    for (uint32_t r = range.begin; r < range.end; ++r) {
      if (snap.response_day[r] <= answered_on || snap.response_day[r] > as_of) continue;
      ++detractors_followed;
      if (snap.response_score[r] > c.score) ++detractors_better;
      break;
    }
  }
  std::sort(hours_to_close.begin(), hours_to_close.end());
  ordered_json median = nullptr;
  if (!hours_to_close.empty()) {
    const size_t n = hours_to_close.size();
    median = n % 2 == 1 ? hours_to_close[n / 2]
                        : (hours_to_close[n / 2 - 1] + hours_to_close[n / 2]) / 2.0;
  }
  const auto share = [](int64_t part, int64_t whole) {
    return whole > 0 ? ordered_json(static_cast<double>(part) / static_cast<double>(whole))
                     : ordered_json(nullptr);
  };
  ordered_json j;
  j["as_of"] = FormatDate(as_of);
  j["window_days"] = window_days;
  j["cases_opened"] = opened;
  j["cases_closed"] = closed;
  j["closed_within_48h"] = share(closed_within_48h, opened);
  j["median_hours_to_close"] = median;
  j["overdue"] = ordered_json::array();
  for (const auto& [owner, o] : overdue) {
    j["overdue"].push_back({{"owner", owner},
                            {"cases", o.total},
                            {"days_0_2", o.days_0_2},
                            {"days_3_7", o.days_3_7},
                            {"days_8_plus", o.days_8_plus}});
  }
  j["detractors_answered_again"] = detractors_followed;
  j["detractors_next_answer_better"] = share(detractors_better, detractors_followed);
  return j;
}

}  // namespace bw::service
