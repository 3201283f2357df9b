// Webhooks of the closed loop (issue 12): events are queued in the outbox (channel
// "webhook") in the transaction of the change, and delivered signed as the Standard
// Webhooks scheme does: headers webhook-id (the same on every retry), webhook-timestamp
// (Unix seconds of the attempt) and webhook-signature "v1,<base64 HMAC-SHA256 of
// id.timestamp.body>" with the webhook's secret ("whsec_<base64 key>"). A delivery that
// fails (no 2xx) is retried with exponential backoff and jitter; after max_attempts it is a
// dead letter an admin can list and replay. Targets on loopback, private, link-local,
// multicast or unspecified addresses are refused unless the configuration allows them.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace bw::loop {

// The events a webhook may subscribe to.
const std::vector<std::string>& WebhookEvents();

// Checks `url` (http or https, a host, at most 2000 bytes) and that every address its host
// resolves to is public, unless `allow_private`. Errors: kInvalidArgument naming the
// problem (the URL, or the address that is not allowed).
Status CheckWebhookUrl(std::string_view url, bool allow_private);

// A new secret: "whsec_" + base64 of 24 random bytes.
std::string NewWebhookSecret();

// "v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>", the key being the
// base64-decoded part of `secret` after "whsec_". Errors: kInvalidArgument for a secret
// that is not of that form.
Result<std::string> SignWebhook(std::string_view secret, std::string_view id, int64_t timestamp,
                                std::string_view body);

// Adds a webhook. Errors: kInvalidArgument for an unknown event or a refused URL.
Result<store::Webhook> AddWebhook(store::Store& store, std::string_view url,
                                  const std::vector<std::string>& events, bool allow_private,
                                  const Clock& clock);

// Queues `event` (one of WebhookEvents()) with `data_json` (a JSON object's text) for every
// webhook subscribed to it, inside `tx`. The body is
// {"type": event, "timestamp": "<ISO 8601>", "data": <data>}. Errors: the store's.
Status QueueWebhookEvent(store::WriteTransaction& tx, std::string_view event,
                         std::string_view data_json, const Clock& clock);

struct WebhookResponse {
  long status = 0;  // the HTTP status; 0 when there was no answer
  std::string error;
};

// How a webhook request leaves; one per sending thread.
class WebhookTransport {
 public:
  virtual ~WebhookTransport() = default;
  virtual WebhookResponse Post(const std::string& url, const std::vector<std::string>& headers,
                               const std::string& body) = 0;
};

// libcurl, with a 10 s timeout, no redirects followed.
std::unique_ptr<WebhookTransport> MakeCurlWebhookTransport();

struct WebhookDeliveryOptions {
  int batch = 50;
  int64_t lease_seconds = 120;
  int max_attempts = 8;
  int64_t first_retry_seconds = 30;
  int64_t max_retry_seconds = int64_t{6} * 3600;
  bool allow_private = false;  // checked again at delivery (the address may have changed)
};

struct WebhookDeliveryReport {
  int64_t delivered = 0;
  int64_t retried = 0;
  int64_t dead = 0;  // given up: the dead-letter list
};

// One pass over the due webhook messages. Errors: the store's.
Result<WebhookDeliveryReport> DeliverWebhooksOnce(store::Store& store, WebhookTransport& transport,
                                                  const Clock& clock,
                                                  const WebhookDeliveryOptions& options,
                                                  const std::atomic<bool>* stop = nullptr);

}  // namespace bw::loop
