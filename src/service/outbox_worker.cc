#include "service/outbox_worker.h"

#include <fmt/core.h>

#include "loop/webhooks.h"
#include "service/loop_service.h"
#include "service/survey_service.h"
#include "survey/invitations.h"
#include "survey/outbox_sender.h"
#include "survey/smtp.h"

namespace bw::service {

struct OutboxWorker::State {
  std::unique_ptr<store::Store> store;
  // The [smtp] connections; none without an [smtp] host.
  std::vector<std::unique_ptr<survey::MailTransport>> transports;
  survey::DeliveryOptions delivery;
  std::unique_ptr<loop::WebhookTransport> webhooks;
  loop::WebhookDeliveryOptions webhook_delivery;
};

OutboxWorker::OutboxWorker(OpenStore open_store, config::WorkspaceConfig workspace,
                           const Clock& clock, Log log, OutboxWorkerOptions options)
    : open_store_(std::move(open_store)),
      workspace_(std::move(workspace)),
      clock_(clock),
      log_(std::move(log)),
      options_(options) {}

OutboxWorker::~OutboxWorker() { Stop(); }

Status OutboxWorker::Start() {
  auto state = std::make_unique<State>();
  if (!workspace_.smtp.host.empty()) {
    if (workspace_.smtp.from.empty()) {
      return FailedPrecondition("[smtp] from is not set in bellwether.toml: mails need a sender");
    }
    BW_ASSIGN_OR_RETURN(const survey::MailAddress from,
                        survey::ParseMailAddress(workspace_.smtp.from));
    state->delivery.envelope_from = from.address;
    state->delivery.lease_seconds = workspace_.smtp.lease_seconds;
    state->delivery.first_retry_seconds = workspace_.smtp.retry_seconds;
    BW_ASSIGN_OR_RETURN(state->transports, survey::MakeSmtpTransports(workspace_.smtp));
  }
  state->webhooks = loop::MakeCurlWebhookTransport();
  state->webhook_delivery.allow_private = workspace_.loop.allow_private_webhooks;
  state->webhook_delivery.first_retry_seconds = workspace_.smtp.retry_seconds;
  BW_ASSIGN_OR_RETURN(state->store, open_store_());
  state_ = std::move(state);
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void OutboxWorker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxWorker::Run() {
  auto next_reminders = std::chrono::steady_clock::now();
  while (!stopping_) {
    Result<int64_t> escalated = EscalateOverdueCases(*state_->store, workspace_, clock_);
    if (!escalated.ok()) {
      log_("cases: " + escalated.status().message());
    } else if (*escalated > 0) {
      log_(fmt::format("cases: {} overdue escalated", *escalated));
    }
    if (!state_->transports.empty()) {
      Result<survey::DeliveryReport> report = survey::DeliverMailOnce(
          *state_->store, state_->transports, clock_, state_->delivery, &stopping_);
      if (!report.ok()) {
        log_("outbox: " + report.status().message());
      } else if (report->sent + report->retried + report->failed + report->skipped > 0) {
        log_(fmt::format("outbox: {} sent, {} to retry, {} failed, {} skipped", report->sent,
                         report->retried, report->failed, report->skipped));
      }
    }
    Result<loop::WebhookDeliveryReport> hooks = loop::DeliverWebhooksOnce(
        *state_->store, *state_->webhooks, clock_, state_->webhook_delivery, &stopping_);
    if (!hooks.ok()) {
      log_("webhooks: " + hooks.status().message());
    } else if (hooks->delivered + hooks->retried + hooks->dead > 0) {
      log_(fmt::format("webhooks: {} delivered, {} to retry, {} dead", hooks->delivered,
                       hooks->retried, hooks->dead));
    }
    if (std::chrono::steady_clock::now() >= next_reminders && !stopping_) {
      next_reminders = std::chrono::steady_clock::now() + options_.reminder_interval;
      Result<survey::OutreachContext> context = OutreachContextOf(workspace_);
      if (state_->transports.empty()) context = FailedPrecondition("no [smtp] host");
      Result<std::vector<store::Wave>> waves = state_->store->outreach().ListWaves();
      if (context.ok() && waves.ok()) {
        for (const store::Wave& wave : *waves) {
          if (wave.sent_at == 0 || wave.max_reminders == 0) continue;
          Result<survey::RemindReport> reminded =
              survey::RemindWave(*state_->store, wave.wave_id, /*only_due=*/true, *context, clock_);
          if (!reminded.ok()) {
            log_("reminders of " + wave.wave_id + ": " + reminded.status().message());
          } else if (reminded->reminded > 0) {
            log_(fmt::format("reminders of {}: {} queued", wave.wave_id, reminded->reminded));
          }
        }
      }
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.interval, [this] { return stopping_.load(); });
  }
}

}  // namespace bw::service
