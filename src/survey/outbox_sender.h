// Delivering the outbox's mails (shared/design/architecture.md, "Outbound messages"):
// claim due messages (a lease), send each, record the outcome. A message is marked sent
// right after the server accepted it; a sender killed in between leaves it "sending" until
// its lease runs out, and then it goes again with the same Message-ID, so the receiver can
// recognise the repeat. Nothing is lost: every message is sent or, after max_attempts or a
// 5xx, marked failed with the server's reply.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"
#include "survey/smtp.h"

namespace bw::survey {

struct DeliveryOptions {
  std::string envelope_from;         // MAIL FROM (the [smtp] from address)
  int batch = 100;                   // messages claimed at once
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
// for the next pass) or `stop` becomes true. Errors: the store's (a message being sent
// then stays "sending" until its lease runs out).
Result<DeliveryReport> DeliverMailOnce(store::Store& store, MailTransport& transport,
                                       const Clock& clock, const DeliveryOptions& options,
                                       const std::atomic<bool>* stop = nullptr);

}  // namespace bw::survey
