// `bellwether survey create|send|remind|list|show` and `bellwether outbox deliver`
// (issue 12; docs/surveys.md): parse, call the survey module through the service layer,
// print a table or JSON.
#include <fmt/core.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/format.h"
#include "core/clock.h"
#include "loop/webhooks.h"
#include "service/loop_service.h"
#include "service/survey_service.h"
#include "service/workspace.h"
#include "store/store.h"
#include "survey/invitations.h"
#include "survey/outbox_sender.h"
#include "survey/smtp.h"
#include "survey/wave.h"

namespace bw::cli {
namespace {

struct SurveyFlags {
  std::string db;
  std::string config;
  std::string format = "table";
  std::string wave;
  std::string title;
  std::vector<std::string> filters;
  std::string language;
  int reminder_after = 7;
  int max_reminders = 1;
  bool due_only = false;
};

Result<std::unique_ptr<store::Store>> OpenStore(const std::string& db) {
  return store::OpenSqliteStore(DatabasePath(db));
}

void PrintJson(const nlohmann::ordered_json& j) { fmt::print("{}\n", j.dump(2)); }

// Failing flags name themselves: "--title: ..." (StatusDetail.field is the flag's name).
Status WithFlag(Status status) {
  if (status.ok() || status.field().empty()) return status;
  return Status(status.code(), "--" + std::string(status.field()) + ": " + status.message(),
                *status.detail());
}

Status SurveyCreate(const SurveyFlags& f) {
  BW_ASSIGN_OR_RETURN(const config::WorkspaceConfig workspace, service::LoadWorkspace(f.config));
  BW_RETURN_IF_ERROR(service::CheckWaveFilters(f.filters));
  survey::WaveSpec spec;
  spec.wave_id = f.wave;
  spec.title = f.title;
  spec.filters = f.filters;
  spec.language = f.language;
  spec.reminder_after_days = f.reminder_after;
  spec.max_reminders = f.max_reminders;
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(f.db));
  Result<store::Wave> wave =
      survey::CreateWave(*store, spec, workspace.survey, SystemClock::Instance());
  if (!wave.ok()) return WithFlag(wave.status());
  if (f.format == "json") {
    PrintJson(service::WaveToJson(*wave));
  } else {
    fmt::print("created wave {} (\"{}\"); send it with: bellwether survey send {}\n",
               TerminalSafe(wave->wave_id), TerminalSafe(wave->title), TerminalSafe(wave->wave_id));
  }
  return Status::Ok();
}

Status SurveySend(const SurveyFlags& f) {
  const Clock& clock = SystemClock::Instance();
  BW_ASSIGN_OR_RETURN(const config::WorkspaceConfig workspace, service::LoadWorkspace(f.config));
  BW_ASSIGN_OR_RETURN(const survey::OutreachContext context, service::OutreachContextOf(workspace));
  std::vector<survey::AudienceMember> audience;
  {
    BW_ASSIGN_OR_RETURN(auto store, OpenStore(f.db));
    BW_ASSIGN_OR_RETURN(const std::optional<store::Wave> wave, store->outreach().FindWave(f.wave));
    if (!wave) return NotFound("no wave \"" + f.wave + "\"");
    BW_ASSIGN_OR_RETURN(const survey::WaveDefinition definition,
                        survey::ParseWaveDefinition(wave->definition_json));
    service::DataSource source;
    source.db_path = DatabasePath(f.db);
    BW_ASSIGN_OR_RETURN(const auto snapshot,
                        service::LoadSnapshot(source, /*keep_text=*/true, nullptr));
    BW_ASSIGN_OR_RETURN(
        audience, service::SelectAudience(*snapshot, clock.Today(), workspace, definition.filters));
  }
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(f.db));
  BW_ASSIGN_OR_RETURN(const survey::SendReport report,
                      survey::SendWave(*store, f.wave, audience, context, clock));
  if (f.format == "json") {
    PrintJson(service::SendReportToJson(f.wave, report));
  } else {
    fmt::print(
        "wave {}: {} invited ({} in the audience); not invited: {} already, {} within the "
        "fatigue period, {} left, {} unsubscribed or bounced, {} without an address\n"
        "the mails are in the outbox: bellwether outbox deliver (or bellwether serve) sends "
        "them\n",
        TerminalSafe(f.wave), report.invited, audience.size(), report.already_invited,
        report.fatigued, report.left, report.suppressed, report.no_email);
  }
  return Status::Ok();
}

Status SurveyRemind(const SurveyFlags& f) {
  BW_ASSIGN_OR_RETURN(const config::WorkspaceConfig workspace, service::LoadWorkspace(f.config));
  BW_ASSIGN_OR_RETURN(const survey::OutreachContext context, service::OutreachContextOf(workspace));
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(f.db));
  BW_ASSIGN_OR_RETURN(
      const survey::RemindReport report,
      survey::RemindWave(*store, f.wave, f.due_only, context, SystemClock::Instance()));
  if (f.format == "json") {
    PrintJson(service::RemindReportToJson(f.wave, report));
  } else {
    fmt::print(
        "wave {}: {} reminded; not reminded: {} answered, {} not due, {} had every reminder, "
        "{} unsubscribed, bounced or left\n",
        TerminalSafe(f.wave), report.reminded, report.answered, report.not_due, report.exhausted,
        report.suppressed);
  }
  return Status::Ok();
}

Status SurveyList(const SurveyFlags& f) {
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(f.db));
  BW_ASSIGN_OR_RETURN(const std::vector<store::Wave> waves, store->outreach().ListWaves());
  if (f.format == "json") {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const store::Wave& w : waves) j.push_back(service::WaveToJson(w));
    PrintJson({{"waves", j}});
    return Status::Ok();
  }
  fmt::print("{:<24} {:<8} {:<21} {}\n", "wave", "language", "sent", "title");
  for (const store::Wave& w : waves) {
    const nlohmann::ordered_json j = service::WaveToJson(w);
    fmt::print("{:<24} {:<8} {:<21} {}\n", TerminalSafe(w.wave_id),
               w.language.empty() ? "-" : w.language,
               j["sent_at"].is_null() ? "not sent" : j["sent_at"].get<std::string>(),
               TerminalSafe(w.title));
  }
  return Status::Ok();
}

Status SurveyShow(const SurveyFlags& f) {
  BW_ASSIGN_OR_RETURN(const config::WorkspaceConfig workspace, service::LoadWorkspace(f.config));
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(f.db));
  BW_ASSIGN_OR_RETURN(const std::optional<store::Wave> wave, store->outreach().FindWave(f.wave));
  if (!wave) return NotFound("no wave \"" + f.wave + "\"");
  BW_ASSIGN_OR_RETURN(const std::vector<store::InviteDelivery> deliveries,
                      store->outreach().ListDeliveries(f.wave));
  service::DataSource source;
  source.db_path = DatabasePath(f.db);
  BW_ASSIGN_OR_RETURN(const auto snapshot,
                      service::LoadSnapshot(source, /*keep_text=*/false, nullptr));
  const Day today = SystemClock::Instance().Today();
  nlohmann::ordered_json j = service::WaveToJson(*wave);
  j["figures"] = service::WaveFiguresToJson(*snapshot, today, workspace, deliveries);
  if (f.format == "json") {
    PrintJson(j);
    return Status::Ok();
  }
  fmt::print("wave {}: {}\n", TerminalSafe(wave->wave_id), TerminalSafe(wave->title));
  const auto row = [](const std::string& label, const nlohmann::ordered_json& t) {
    const std::optional<double> rate =
        t["response_rate"].is_null() ? std::nullopt
                                     : std::optional<double>(t["response_rate"].get<double>());
    fmt::print(
        "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", label,
        GroupThousands(t["invited"].get<int64_t>()), GroupThousands(t["delivered"].get<int64_t>()),
        GroupThousands(t["bounced"].get<int64_t>()), GroupThousands(t["pending"].get<int64_t>()),
        GroupThousands(t["answered"].get<int64_t>()), PercentText(rate));
  };
  fmt::print("{:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "", "invited", "delivered", "bounced",
             "pending", "answered", "rate");
  const nlohmann::ordered_json& figures = j["figures"];
  row("all", figures);
  for (const auto& [role, t] : figures["by_role"].items()) row("role " + role, t);
  for (const auto& [tier, t] : figures["by_tier"].items()) row("tier " + tier, t);
  return Status::Ok();
}

struct OutboxFlags {
  std::string db;
  std::string config;
  std::string format = "table";
};

Status OutboxDeliver(const OutboxFlags& f) {
  const Clock& clock = SystemClock::Instance();
  BW_ASSIGN_OR_RETURN(const config::WorkspaceConfig workspace, service::LoadWorkspace(f.config));
  BW_ASSIGN_OR_RETURN(auto store, OpenStore(f.db));
  // Overdue cases first, so that their mails and events go out in this pass.
  BW_ASSIGN_OR_RETURN(const int64_t escalated,
                      service::EscalateOverdueCases(*store, workspace, clock));
  survey::DeliveryReport mail;
  if (!workspace.smtp.host.empty()) {
    BW_ASSIGN_OR_RETURN(const survey::MailAddress from,
                        survey::ParseMailAddress(workspace.smtp.from));
    BW_ASSIGN_OR_RETURN(const std::vector<std::unique_ptr<survey::MailTransport>> transports,
                        survey::MakeSmtpTransports(workspace.smtp));
    survey::DeliveryOptions options;
    options.envelope_from = from.address;
    options.lease_seconds = workspace.smtp.lease_seconds;
    options.first_retry_seconds = workspace.smtp.retry_seconds;
    BW_ASSIGN_OR_RETURN(mail, survey::DeliverMailOnce(*store, transports, clock, options));
  }
  loop::WebhookDeliveryOptions hook_options;
  hook_options.allow_private = workspace.loop.allow_private_webhooks;
  hook_options.first_retry_seconds = workspace.smtp.retry_seconds;
  const std::unique_ptr<loop::WebhookTransport> hooks = loop::MakeCurlWebhookTransport();
  BW_ASSIGN_OR_RETURN(const loop::WebhookDeliveryReport webhooks,
                      loop::DeliverWebhooksOnce(*store, *hooks, clock, hook_options));
  BW_ASSIGN_OR_RETURN(const store::OutboxCounts counts, store->outreach().CountOutbox());
  if (f.format == "json") {
    nlohmann::ordered_json j;
    j["sent"] = mail.sent;
    j["retried"] = mail.retried;
    j["failed"] = mail.failed;
    j["suppressed"] = mail.suppressed;
    j["skipped"] = mail.skipped;
    j["webhooks"] = {
        {"delivered", webhooks.delivered}, {"retried", webhooks.retried}, {"dead", webhooks.dead}};
    j["escalated_cases"] = escalated;
    j["outbox"] = {{"pending", counts.pending}, {"sent", counts.sent}, {"failed", counts.failed}};
    PrintJson(j);
  } else {
    if (workspace.smtp.host.empty()) {
      fmt::print("no [smtp] host configured: mails stay in the outbox\n");
    }
    fmt::print(
        "mail: {} sent, {} to retry later, {} failed ({} addresses suppressed), {} skipped "
        "(suppressed)\nwebhooks: {} delivered, {} to retry later, {} dead letters\n"
        "cases escalated: {}\noutbox: {} pending, {} sent, {} failed\n",
        mail.sent, mail.retried, mail.failed, mail.suppressed, mail.skipped, webhooks.delivered,
        webhooks.retried, webhooks.dead, escalated, counts.pending, counts.sent, counts.failed);
  }
  return Status::Ok();
}

void Action(CLI::App* cmd, int* exit_code, std::function<Status()> run) {
  cmd->callback([exit_code, run = std::move(run)] {
    const Status status = run();
    if (!status.ok()) *exit_code = ReportError(status);
  });
}

void CommonOptions(CLI::App* cmd, SurveyFlags& f) {
  cmd->add_option("--db", f.db, "The database (default $BELLWETHER_DB, else ./bellwether.db)");
  cmd->add_option("--config", f.config, "The workspace configuration (default ./bellwether.toml)");
  AddFormatOption(*cmd, f.format, {"table", "json"});
}

}  // namespace

void AddSurveyCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<SurveyFlags>();
  CLI::App* survey = app.add_subcommand(
      "survey", "Relationship survey waves: create, send, remind, list, show (docs/surveys.md).");
  survey->require_subcommand(1);

  CLI::App* create = survey->add_subcommand("create", "Create a wave (not sent yet).");
  create->add_option("wave", f->wave, "The wave's id, e.g. 2026-Q3")->required();
  create->add_option("--title", f->title, "The mails' subject and the page's heading");
  create->add_option("--filter", f->filters,
                     "Accounts table filter FIELD=VALUE[|VALUE...] or FIELD!=VALUE (tier, "
                     "owner, industry, region, category, ...), or role=...; repeatable");
  create->add_option("--language", f->language, "de or en (default: the workspace's)");
  create->add_option("--reminder-after", f->reminder_after,
                     "Days after a mail before serve sends a reminder (default 7)");
  create->add_option("--max-reminders", f->max_reminders, "Reminders per contact (default 1)");
  CommonOptions(create, *f);
  Action(create, exit_code, [f] { return SurveyCreate(*f); });

  CLI::App* send = survey->add_subcommand(
      "send", "Invite the wave's audience (those not invited yet); the mails go to the outbox.");
  send->add_option("wave", f->wave, "The wave's id")->required();
  CommonOptions(send, *f);
  Action(send, exit_code, [f] { return SurveySend(*f); });

  CLI::App* remind = survey->add_subcommand(
      "remind", "Queue a reminder for every invited contact who has not answered.");
  remind->add_option("wave", f->wave, "The wave's id")->required();
  remind->add_flag("--due-only", f->due_only,
                   "Only those whose last mail is --reminder-after days old");
  CommonOptions(remind, *f);
  Action(remind, exit_code, [f] { return SurveyRemind(*f); });

  CLI::App* list = survey->add_subcommand("list", "List the waves.");
  CommonOptions(list, *f);
  Action(list, exit_code, [f] { return SurveyList(*f); });

  CLI::App* show = survey->add_subcommand(
      "show", "A wave's figures: invited, delivered, bounced, answered, response rate.");
  show->add_option("wave", f->wave, "The wave's id")->required();
  CommonOptions(show, *f);
  Action(show, exit_code, [f] { return SurveyShow(*f); });
}

void AddOutboxCommand(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<OutboxFlags>();
  CLI::App* outbox = app.add_subcommand("outbox", "Messages waiting to be sent.");
  outbox->require_subcommand(1);
  CLI::App* deliver = outbox->add_subcommand(
      "deliver",
      "One pass: escalate overdue cases, send the due mails through the [smtp] server and "
      "the due webhook events.");
  deliver->add_option("--db", f->db, "The database (default $BELLWETHER_DB, else ./bellwether.db)");
  deliver->add_option("--config", f->config,
                      "The workspace configuration (default ./bellwether.toml)");
  AddFormatOption(*deliver, f->format, {"table", "json"});
  Action(deliver, exit_code, [f] { return OutboxDeliver(*f); });
}

}  // namespace bw::cli
