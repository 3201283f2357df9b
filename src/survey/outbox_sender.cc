#include "survey/outbox_sender.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

namespace bw::survey {
namespace {

double Jitter() {
  // randombytes_uniform is thread-safe and needs no seeding.
  return randombytes_uniform(1'000'001) / 1'000'000.0;
}

}  // namespace

int64_t RetryDelaySeconds(const DeliveryOptions& options, int attempts, double jitter) {
  int64_t delay = options.first_retry_seconds;
  for (int i = 1; i < attempts && delay < options.max_retry_seconds; ++i) delay *= 2;
  delay = std::min(delay, options.max_retry_seconds);
  const double factor = 0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0);
  return std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(delay) * factor));
}

// One pass in order (claim, send, record each outcome) reads best as one function; its
// steps are commented where they happen.
// NOLINTNEXTLINE(readability-function-size)
Result<DeliveryReport> DeliverMailOnce(store::Store& store, MailTransport& transport,
                                       const Clock& clock, const DeliveryOptions& options,
                                       const std::atomic<bool>* stop) {
  DeliveryReport report;
  store::OutreachStore& outreach = store.outreach();
  const int64_t pass_start = clock.UnixSeconds();
  while (stop == nullptr || !stop->load()) {
    BW_ASSIGN_OR_RETURN(const std::vector<store::OutboxMessage> batch,
                        outreach.ClaimDue("email", pass_start, clock.UnixSeconds(),
                                          options.lease_seconds, options.batch));
    if (batch.empty()) break;
    for (const store::OutboxMessage& message : batch) {
      if (stop != nullptr && stop->load()) break;  // the rest come back after the lease
      BW_ASSIGN_OR_RETURN(const bool suppressed, outreach.IsSuppressed(message.recipient));
      if (suppressed) {
        BW_RETURN_IF_ERROR(outreach.MarkFailed(message.message_id, "address suppressed"));
        ++report.skipped;
        continue;
      }
      const SendResult result =
          transport.Send(options.envelope_from, message.recipient, message.payload);
      const int64_t now = clock.UnixSeconds();
      switch (result.kind) {
        case SendResult::Kind::kSent:
          BW_RETURN_IF_ERROR(outreach.MarkSent(message.message_id, now));
          ++report.sent;
          break;
        case SendResult::Kind::kRetry:
          if (message.attempts >= options.max_attempts) {
            BW_RETURN_IF_ERROR(outreach.MarkFailed(message.message_id, result.detail));
            ++report.failed;
          } else {
            BW_RETURN_IF_ERROR(outreach.MarkRetry(
                message.message_id, now + RetryDelaySeconds(options, message.attempts, Jitter()),
                result.detail));
            ++report.retried;
          }
          break;
        case SendResult::Kind::kRejected:
          BW_RETURN_IF_ERROR(outreach.Transact([&]() -> Status {
            BW_RETURN_IF_ERROR(outreach.MarkFailed(message.message_id, result.detail));
            return outreach.Suppress(message.recipient,
                                     "bounced: " + std::to_string(result.smtp_code), now);
          }));
          ++report.failed;
          ++report.suppressed;
          break;
      }
    }
  }
  return report;
}

}  // namespace bw::survey
