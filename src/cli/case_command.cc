// `bellwether case list|show|update` and `bellwether webhook add|list|remove|dead|replay`
// (issue 12; docs/surveys.md, "The closed loop"): parse, call the loop through the service
// layer, print a table or JSON.
#include <fmt/core.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"
#include "core/clock.h"
#include "loop/webhooks.h"
#include "service/loop_service.h"
#include "service/workspace.h"
#include "store/store.h"

namespace bw::cli {
namespace {

struct CaseFlags {
  std::string db;
  std::string config;
  std::string format = "table";
  std::string status;
  std::string owner;
  int64_t limit = 100;
  int64_t id = 0;
  std::string note;
  std::string action;
  std::string due;
  std::string url;
  std::string events;
  std::string message_id;
};

std::string CliActor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user != nullptr ? user : "unknown");
}

void PrintJson(const nlohmann::ordered_json& j) { fmt::print("{}\n", j.dump(2)); }

std::string Text(const nlohmann::ordered_json& value) {
  return value.is_null() ? "-" : TerminalSafe(value.get<std::string>());
}

Status CaseList(const CaseFlags& f) {
  BW_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DatabasePath(f.db)));
  store::CaseFilter filter;
  filter.status = f.status;
  filter.owner = f.owner;
  filter.limit = f.limit;
  BW_ASSIGN_OR_RETURN(const store::CasePage page, store->cases().ListCases(filter));
  if (f.format == "json") {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const store::Case& c : page.cases) items.push_back(service::CaseToJson(c));
    PrintJson({{"total", page.total}, {"items", items}});
    return Status::Ok();
  }
  fmt::print("{:>6} {:<10} {:<12} {:<14} {:>5} {:<28} {:<21} {}\n", "case", "kind", "status",
             "account", "score", "owner", "due", "escalated");
  for (const store::Case& c : page.cases) {
    const nlohmann::ordered_json j = service::CaseToJson(c);
    fmt::print("{:>6} {:<10} {:<12} {:<14} {:>5} {:<28} {:<21} {}\n", c.id, c.kind, c.status,
               TerminalSafe(c.account_id), c.score >= 0 ? std::to_string(c.score) : "-",
               c.owner.empty() ? "-" : TerminalSafe(c.owner), Text(j["due_at"]),
               Text(j["escalated_at"]));
  }
  fmt::print("{} of {} cases\n", page.cases.size(), page.total);
  return Status::Ok();
}

Status CaseShow(const CaseFlags& f) {
  BW_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DatabasePath(f.db)));
  BW_ASSIGN_OR_RETURN(const std::optional<store::Case> c, store->cases().FindCase(f.id));
  if (!c) return NotFound("no case " + std::to_string(f.id));
  BW_ASSIGN_OR_RETURN(const std::vector<store::CaseEvent> events, store->cases().ListEvents(f.id));
  const nlohmann::ordered_json j = service::CaseWithEventsToJson(*c, events);
  if (f.format == "json") {
    PrintJson(j);
    return Status::Ok();
  }
  fmt::print("case {}: {} ({}), account {}, contact {}, score {}\n", c->id, c->kind, c->status,
             TerminalSafe(c->account_id), Text(j["contact_id"]),
             c->score >= 0 ? std::to_string(c->score) : "-");
  fmt::print("owner {}; opened {}; due {}; escalated {}; closed {}\n", Text(j["owner"]),
             Text(j["opened_at"]), Text(j["due_at"]), Text(j["escalated_at"]),
             Text(j["closed_at"]));
  if (!c->resolution.empty()) fmt::print("resolution: {}\n", TerminalSafe(c->resolution));
  if (!c->action.empty()) {
    fmt::print("follow-up: {} (due {})\n", TerminalSafe(c->action), Text(j["action_due"]));
  }
  for (const auto& e : j["events"]) {
    fmt::print("  {}  {:<22} {:<20} {}\n", Text(e["at"]), Text(e["what"]), Text(e["actor"]),
               Text(e["note"]));
  }
  return Status::Ok();
}

Status CaseUpdate(const CaseFlags& f) {
  BW_ASSIGN_OR_RETURN(const config::WorkspaceConfig workspace, service::LoadWorkspace(f.config));
  BW_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DatabasePath(f.db)));
  loop::CaseUpdate update;
  update.status = f.status;
  update.note = f.note;
  update.action = f.action;
  update.action_due = f.due;
  Result<store::Case> updated =
      service::UpdateCase(*store, f.id, update, CliActor(), "", workspace, SystemClock::Instance());
  if (!updated.ok()) {
    const Status& s = updated.status();
    if (s.field().empty()) return s;
    return Status(s.code(), "--" + std::string(s.field()) + ": " + s.message(), *s.detail());
  }
  if (f.format == "json") {
    PrintJson(service::CaseToJson(*updated));
  } else {
    fmt::print("case {} is {}\n", updated->id, updated->status);
  }
  return Status::Ok();
}

Status WebhookAdd(const CaseFlags& f) {
  BW_ASSIGN_OR_RETURN(const config::WorkspaceConfig workspace, service::LoadWorkspace(f.config));
  std::vector<std::string> events;
  size_t start = 0;
  while (start <= f.events.size()) {
    const size_t comma = f.events.find(',', start);
    const std::string e = f.events.substr(start, comma - start);
    if (!e.empty()) events.push_back(e);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  BW_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DatabasePath(f.db)));
  BW_ASSIGN_OR_RETURN(const store::Webhook webhook,
                      loop::AddWebhook(*store, f.url, events, workspace.loop.allow_private_webhooks,
                                       SystemClock::Instance()));
  if (f.format == "json") {
    PrintJson({{"id", webhook.id},
               {"url", webhook.url},
               {"events", webhook.events},
               {"secret", webhook.secret}});
  } else {
    fmt::print(
        "added webhook {} for {}\nits signing secret (shown this once; keep it where the "
        "receiver can read it):\n{}\n",
        webhook.id, TerminalSafe(webhook.url), webhook.secret);
  }
  return Status::Ok();
}

Status WebhookList(const CaseFlags& f) {
  BW_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DatabasePath(f.db)));
  BW_ASSIGN_OR_RETURN(const std::vector<store::Webhook> webhooks, store->cases().ListWebhooks());
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const store::Webhook& w : webhooks) {
    items.push_back({{"id", w.id}, {"url", w.url}, {"events", w.events}});
  }
  if (f.format == "json") {
    PrintJson({{"items", items}});
    return Status::Ok();
  }
  for (const store::Webhook& w : webhooks) {
    std::string events;
    for (const std::string& e : w.events) events += (events.empty() ? "" : ",") + e;
    fmt::print("{:>4} {} {}\n", w.id, TerminalSafe(w.url), events);
  }
  return Status::Ok();
}

Status WebhookRemove(const CaseFlags& f) {
  BW_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DatabasePath(f.db)));
  BW_RETURN_IF_ERROR(store->cases().RemoveWebhook(f.id));
  fmt::print("removed webhook {}\n", f.id);
  return Status::Ok();
}

Status WebhookDead(const CaseFlags& f) {
  BW_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DatabasePath(f.db)));
  BW_ASSIGN_OR_RETURN(
      const std::vector<store::OutboxMessage> dead,
      store->outreach().ListMessages("webhook", "failed", static_cast<int>(f.limit)));
  if (f.format == "json") {
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const store::OutboxMessage& m : dead) items.push_back(service::DeadLetterToJson(m));
    PrintJson({{"items", items}});
    return Status::Ok();
  }
  for (const store::OutboxMessage& m : dead) {
    fmt::print("{} {} {} attempts={} {}\n", m.message_id, m.purpose, TerminalSafe(m.recipient),
               m.attempts, TerminalSafe(m.last_error));
  }
  return Status::Ok();
}

Status WebhookReplay(const CaseFlags& f) {
  BW_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(DatabasePath(f.db)));
  BW_RETURN_IF_ERROR(
      store->outreach().Requeue(f.message_id, SystemClock::Instance().UnixSeconds()));
  fmt::print("{} is queued again (same webhook-id); outbox deliver or serve sends it\n",
             f.message_id);
  return Status::Ok();
}

void Action(CLI::App* cmd, int* exit_code, std::function<Status()> run) {
  cmd->callback([exit_code, run = std::move(run)] {
    const Status status = run();
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

void Common(CLI::App* cmd, CaseFlags& f) {
  cmd->add_option("--db", f.db, "The database (default $BELLWETHER_DB, else ./bellwether.db)");
  cmd->add_option("--config", f.config, "The workspace configuration (default ./bellwether.toml)");
  AddFormatOption(*cmd, f.format, {"table", "json"});
}

}  // namespace

void AddCaseCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<CaseFlags>();
  CLI::App* cases =
      app.add_subcommand("case", "Close-the-loop cases: list, show, update (docs/surveys.md).");
  cases->require_subcommand(1);
  CLI::App* list = cases->add_subcommand("list", "List cases, newest first.");
  list->add_option("--status", f->status, "open, in_progress or closed");
  list->add_option("--owner", f->owner, "Only this owner's cases (email)");
  list->add_option("--limit", f->limit, "At most this many (default 100)");
  Common(list, *f);
  Action(list, exit_code, [f] { return CaseList(*f); });
  CLI::App* show = cases->add_subcommand("show", "A case with its history.");
  show->add_option("id", f->id, "The case's number")->required();
  Common(show, *f);
  Action(show, exit_code, [f] { return CaseShow(*f); });
  CLI::App* update = cases->add_subcommand(
      "update", "Move a case (open -> in_progress -> closed), add a note or a follow-up action.");
  update->add_option("id", f->id, "The case's number")->required();
  update->add_option("--status", f->status, "in_progress, closed, or open (reopen)");
  update->add_option("--note", f->note, "A note; closing needs one (the resolution)");
  update->add_option("--action", f->action, "A follow-up action, e.g. \"90-day plan\"");
  update->add_option("--due", f->due, "The action's due date (YYYY-MM-DD)");
  Common(update, *f);
  Action(update, exit_code, [f] { return CaseUpdate(*f); });
}

void AddWebhookCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<CaseFlags>();
  CLI::App* webhook = app.add_subcommand(
      "webhook", "Webhooks of the closed loop: add, list, remove, dead, replay.");
  webhook->require_subcommand(1);
  CLI::App* add = webhook->add_subcommand("add", "Add a webhook; its secret is printed once.");
  add->add_option("url", f->url, "Where events are POSTed (http or https)")->required();
  add->add_option("--events", f->events,
                  "Comma-separated: case.opened,case.escalated,case.closed,response.created,"
                  "threat.opened")
      ->required();
  Common(add, *f);
  Action(add, exit_code, [f] { return WebhookAdd(*f); });
  CLI::App* list = webhook->add_subcommand("list", "List the webhooks (not their secrets).");
  Common(list, *f);
  Action(list, exit_code, [f] { return WebhookList(*f); });
  CLI::App* remove = webhook->add_subcommand("remove", "Remove a webhook.");
  remove->add_option("id", f->id, "The webhook's number")->required();
  Common(remove, *f);
  Action(remove, exit_code, [f] { return WebhookRemove(*f); });
  CLI::App* dead = webhook->add_subcommand("dead", "The dead letters: deliveries given up.");
  dead->add_option("--limit", f->limit, "At most this many (default 100)");
  Common(dead, *f);
  Action(dead, exit_code, [f] { return WebhookDead(*f); });
  CLI::App* replay = webhook->add_subcommand("replay", "Queue a dead letter again (same id).");
  replay->add_option("id", f->message_id, "The delivery's webhook-id (msg_...)")->required();
  Common(replay, *f);
  Action(replay, exit_code, [f] { return WebhookReplay(*f); });
}

}  // namespace bw::cli
