#include "loop/webhooks.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <ctime>
#include <mutex>

namespace bw::loop {
namespace {

void InitSodium() {
  if (sodium_init() < 0) std::abort();  // no random source: nothing can be signed
}

std::string Base64(const unsigned char* bytes, size_t size) {
  const size_t length = sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL);
  std::string out(length, '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(length - 1);
  return out;
}

bool IsPublicV4(const in_addr& a) {
  const uint32_t ip = ntohl(a.s_addr);
  const auto in = [ip](uint32_t net, int bits) {
    const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    return (ip & mask) == net;
  };
  return !(in(0x00000000, 8) || in(0x0A000000, 8) || in(0x64400000, 10) || in(0x7F000000, 8) ||
           in(0xA9FE0000, 16) || in(0xAC100000, 12) || in(0xC0000000, 24) || in(0xC0A80000, 16) ||
           in(0xC6120000, 15) || in(0xE0000000, 4) || in(0xF0000000, 4));
}

bool IsPublicV6(const in6_addr& a) {
  const uint8_t* b = a.s6_addr;
  if (IN6_IS_ADDR_UNSPECIFIED(&a) || IN6_IS_ADDR_LOOPBACK(&a) || IN6_IS_ADDR_LINKLOCAL(&a) ||
      IN6_IS_ADDR_SITELOCAL(&a) || IN6_IS_ADDR_MULTICAST(&a)) {
    return false;
  }
  if ((b[0] & 0xFE) == 0xFC) return false;  // unique local fc00::/7
  if (IN6_IS_ADDR_V4MAPPED(&a)) {
    in_addr v4;
    std::copy(b + 12, b + 16, reinterpret_cast<uint8_t*>(&v4.s_addr));
    return IsPublicV4(v4);
  }
  return true;
}

std::string IsoTime(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

class CurlWebhookTransport final : public WebhookTransport {
 public:
  CurlWebhookTransport() : curl_(curl_easy_init()) {}
  ~CurlWebhookTransport() override { curl_easy_cleanup(curl_); }
  CurlWebhookTransport(const CurlWebhookTransport&) = delete;
  CurlWebhookTransport& operator=(const CurlWebhookTransport&) = delete;

  WebhookResponse Post(const std::string& url, const std::vector<std::string>& headers,
                       const std::string& body) override {
    WebhookResponse response;
    if (curl_ == nullptr) {
      response.error = "libcurl could not be initialised";
      return response;
    }
    curl_easy_reset(curl_);
    curl_slist* list = nullptr;
    for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, Discard);
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
    const CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(list);
    if (rc == CURLE_OK) {
      curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &response.status);
    } else {
      response.error = error[0] != '\0' ? error : curl_easy_strerror(rc);
    }
    return response;
  }

 private:
  CURL* curl_;
};

int64_t RetryDelay(const WebhookDeliveryOptions& options, int attempts) {
  int64_t delay = options.first_retry_seconds;
  for (int i = 1; i < attempts && delay < options.max_retry_seconds; ++i) delay *= 2;
  delay = std::min(delay, options.max_retry_seconds);
  // Full jitter between half and all of the delay, so that retries do not come in waves.
  const double factor = 0.5 + 0.5 * (randombytes_uniform(1'000'001) / 1'000'000.0);
  return std::max<int64_t>(1, static_cast<int64_t>(static_cast<double>(delay) * factor));
}

}  // namespace

const std::vector<std::string>& WebhookEvents() {
  static const std::vector<std::string> kEvents = {"case.opened", "case.escalated", "case.closed",
                                                   "response.created", "threat.opened"};
  return kEvents;
}

Status CheckWebhookUrl(std::string_view url, bool allow_private) {
  const auto refuse = [&](const std::string& why) {
    return InvalidArgument("webhook URL \"" + std::string(url) + "\": " + why);
  };
  if (url.size() > 2000) return refuse("longer than 2000 bytes");
  size_t host_start = 0;
  if (url.rfind("https://", 0) == 0) {
    host_start = 8;
  } else if (url.rfind("http://", 0) == 0) {
    host_start = 7;
  } else {
    return refuse("must start with http:// or https://");
  }
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      return refuse("has a space or control character");
  }
  const size_t host_end = url.find_first_of("/?#", host_start);
  std::string authority(url.substr(host_start, host_end - host_start));
  if (authority.find('@') != std::string::npos) return refuse("must not carry user information");
  std::string host = authority;
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    if (close == std::string::npos) return refuse("has a malformed IPv6 address");
    host = host.substr(1, close - 1);
  } else if (const size_t colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  if (host.empty()) return refuse("has no host");
  if (allow_private) return Status::Ok();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || found == nullptr) {
    return refuse("the host \"" + host + "\" cannot be resolved");
  }
  Status status;
  for (addrinfo* a = found; a != nullptr && status.ok(); a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {0};
    bool is_public = true;
    if (a->ai_family == AF_INET) {
      const auto* v4 = reinterpret_cast<const sockaddr_in*>(a->ai_addr);
      is_public = IsPublicV4(v4->sin_addr);
      inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    } else if (a->ai_family == AF_INET6) {
      const auto* v6 = reinterpret_cast<const sockaddr_in6*>(a->ai_addr);
      is_public = IsPublicV6(v6->sin6_addr);
      inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    }
    if (!is_public) {
      status = refuse(std::string("the host resolves to ") + text +
                      ", a loopback, private or link-local address ([loop] "
                      "allow_private_webhooks allows it)");
    }
  }
  freeaddrinfo(found);
  return status;
}

std::string NewWebhookSecret() {
  InitSodium();
  std::array<unsigned char, 24> key{};
  randombytes_buf(key.data(), key.size());
  return "whsec_" + Base64(key.data(), key.size());
}

Result<std::string> SignWebhook(std::string_view secret, std::string_view id, int64_t timestamp,
                                std::string_view body) {
  InitSodium();
  if (secret.rfind("whsec_", 0) != 0) return InvalidArgument("a webhook secret starts with whsec_");
  const std::string_view encoded = secret.substr(6);
  std::string key(encoded.size(), '\0');
  size_t key_size = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), encoded.data(),
                        encoded.size(), nullptr, &key_size, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      key_size == 0) {
    return InvalidArgument("a webhook secret is whsec_ and base64");
  }
  const std::string content =
      std::string(id) + "." + std::to_string(timestamp) + "." + std::string(body);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key_size);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(content.data()),
                                content.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  return "v1," + Base64(mac.data(), mac.size());
}

Result<store::Webhook> AddWebhook(store::Store& store, std::string_view url,
                                  const std::vector<std::string>& events, bool allow_private,
                                  const Clock& clock) {
  if (events.empty()) return InvalidArgument("--events: name at least one event");
  for (const std::string& e : events) {
    const auto& known = WebhookEvents();
    if (std::find(known.begin(), known.end(), e) == known.end()) {
      return InvalidArgument("--events: unknown event \"" + e +
                             "\" (case.opened, case.escalated, case.closed, response.created, "
                             "threat.opened)");
    }
  }
  BW_RETURN_IF_ERROR(CheckWebhookUrl(url, allow_private));
  store::Webhook webhook;
  webhook.url = std::string(url);
  webhook.events = events;
  webhook.secret = NewWebhookSecret();
  webhook.created_at = clock.UnixSeconds();
  return store.cases().AddWebhook(webhook);
}

Status QueueWebhookEvent(store::WriteTransaction& tx, std::string_view event,
                         std::string_view data_json, const Clock& clock) {
  BW_ASSIGN_OR_RETURN(store::CaseStore * cases, tx.Cases());
  BW_ASSIGN_OR_RETURN(const std::vector<store::Webhook> webhooks, cases->ListWebhooks());
  BW_ASSIGN_OR_RETURN(store::OutreachStore * outreach, tx.Outreach());
  const int64_t now = clock.UnixSeconds();
  for (const store::Webhook& w : webhooks) {
    if (std::find(w.events.begin(), w.events.end(), event) == w.events.end()) continue;
    InitSodium();
    std::array<unsigned char, 16> random{};
    randombytes_buf(random.data(), random.size());
    std::string hex(33, '\0');
    sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
    hex.pop_back();
    store::OutboxMessage m;
    m.message_id = "msg_" + hex;
    m.channel = "webhook";
    m.purpose = std::string(event);
    m.recipient = w.url;
    m.reference = std::to_string(w.id);
    m.payload = "{\"type\":" + JsonString(event) + ",\"timestamp\":" + JsonString(IsoTime(now)) +
                ",\"data\":" + std::string(data_json) + "}";
    m.next_attempt_at = now;
    m.created_at = now;
    BW_RETURN_IF_ERROR(outreach->Enqueue(m));
  }
  return Status::Ok();
}

std::unique_ptr<WebhookTransport> MakeCurlWebhookTransport() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::make_unique<CurlWebhookTransport>();
}

Result<WebhookDeliveryReport> DeliverWebhooksOnce(store::Store& store, WebhookTransport& transport,
                                                  const Clock& clock,
                                                  const WebhookDeliveryOptions& options,
                                                  const std::atomic<bool>* stop) {
  WebhookDeliveryReport report;
  store::OutreachStore& outreach = store.outreach();
  const int64_t pass_start = clock.UnixSeconds();
  while (stop == nullptr || !stop->load()) {
    BW_ASSIGN_OR_RETURN(const std::vector<store::OutboxMessage> batch,
                        outreach.ClaimDue("webhook", pass_start, clock.UnixSeconds(),
                                          options.lease_seconds, options.batch));
    if (batch.empty()) break;
    for (const store::OutboxMessage& m : batch) {
      if (stop != nullptr && stop->load()) break;
      std::string error;
      long status = 0;
      const int64_t id = std::atoll(m.reference.c_str());
      BW_ASSIGN_OR_RETURN(std::optional<store::Webhook> webhook, store.cases().FindWebhook(id));
      if (!webhook) {
        error = "the webhook was removed";
      } else if (Status allowed = CheckWebhookUrl(m.recipient, options.allow_private);
                 !allowed.ok()) {
        error = allowed.message();
      } else {
        const int64_t timestamp = clock.UnixSeconds();
        BW_ASSIGN_OR_RETURN(const std::string signature,
                            SignWebhook(webhook->secret, m.message_id, timestamp, m.payload));
        const WebhookResponse response = transport.Post(
            m.recipient,
            {"Content-Type: application/json", "webhook-id: " + m.message_id,
             "webhook-timestamp: " + std::to_string(timestamp), "webhook-signature: " + signature},
            m.payload);
        status = response.status;
        error = response.status >= 200 && response.status < 300
                    ? ""
                    : (response.status > 0 ? "HTTP " + std::to_string(response.status)
                                           : response.error);
      }
      const int64_t now = clock.UnixSeconds();
      if (error.empty()) {
        BW_RETURN_IF_ERROR(outreach.MarkSent(m.message_id, now));
        ++report.delivered;
      } else if (m.attempts >= options.max_attempts || !webhook) {
        BW_RETURN_IF_ERROR(outreach.MarkFailed(m.message_id, error));
        ++report.dead;
      } else {
        BW_RETURN_IF_ERROR(
            outreach.MarkRetry(m.message_id, now + RetryDelay(options, m.attempts), error));
        ++report.retried;
      }
      (void)status;
    }
  }
  return report;
}

}  // namespace bw::loop
