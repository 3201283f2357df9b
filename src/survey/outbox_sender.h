// Delivering the outbox's mails (shared/design/architecture.md, "Outbound messages"):
// claim due messages (a lease), send them over one or more SMTP connections at once, and
// record the outcomes. The outcomes that arrive together are recorded in one transaction
// (a group commit), and a connection gets its next message only after the outcome of its
// last one is committed. So a sender killed at any moment leaves at most one accepted but
// unrecorded message per connection "sending"; after its lease it goes again with the same
// Message-ID, so the receiver can recognise the repeat. Nothing is lost: every message is
// sent or, after max_attempts or a 5xx, marked failed with the server's reply.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"
#include "survey/smtp.h"

namespace bw::survey {

struct DeliveryOptions {
  std::string envelope_from;         // MAIL FROM (the [smtp] from address)
  int batch = 200;                   // messages claimed at once
  int64_t lease_seconds = 120;       // a claimed message comes back after this (sender died)
  int max_attempts = 8;              // 4xx: retried until this many attempts, then failed
  int64_t first_retry_seconds = 60;  // 4xx backoff: 60 s, 120 s, 240 s ... with jitter
  int64_t max_retry_seconds = int64_t{6} * 3600;
};

struct DeliveryReport {
  int64_t sent = 0;
  int64_t retried = 0;     // 4xx or no connection: due again later
  int64_t failed = 0;      // given up (5xx, or max_attempts)
  int64_t suppressed = 0;  // addresses put on the suppression list (5xx)
  int64_t skipped = 0;     // not sent: the address was suppressed after the mail was queued
};

// The delay before attempt `attempts` + 1: first_retry * 2^(attempts-1), at most
// max_retry, times a jitter factor in [0.5, 1] drawn from `jitter` (0..1).
int64_t RetryDelaySeconds(const DeliveryOptions& options, int attempts, double jitter);

// One pass: delivers mails that are due now until none is left (those retried later stay
// for the next pass) or `stop` becomes true. Each transport is one connection, used by a
// thread of its own during the pass (so each must be used by nothing else meanwhile); the
// store is used by the calling thread only. Errors: the store's (messages being sent then
// stay "sending" until their lease runs out).
Result<DeliveryReport> DeliverMailOnce(store::Store& store,
                                       std::span<MailTransport* const> transports,
                                       const Clock& clock, const DeliveryOptions& options,
                                       const std::atomic<bool>* stop = nullptr);
// The same over one connection, or over the connections MakeSmtpTransports made.
Result<DeliveryReport> DeliverMailOnce(store::Store& store, MailTransport& transport,
                                       const Clock& clock, const DeliveryOptions& options,
                                       const std::atomic<bool>* stop = nullptr);
Result<DeliveryReport> DeliverMailOnce(
    store::Store& store, const std::vector<std::unique_ptr<MailTransport>>& transports,
    const Clock& clock, const DeliveryOptions& options, const std::atomic<bool>* stop = nullptr);

}  // namespace bw::survey
