#include "survey/smtp.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace bw::survey {
namespace {

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t room = size * count;
  const size_t left = upload->data.size() - upload->offset;
  const size_t n = left < room ? left : room;
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

class CurlSmtpTransport final : public MailTransport {
 public:
  CurlSmtpTransport(const SmtpSettings& settings, std::string password)
      : settings_(settings), password_(std::move(password)), curl_(curl_easy_init()) {
    url_ = "smtp://" + settings_.host + ":" + std::to_string(settings_.port);
  }
  ~CurlSmtpTransport() override { curl_easy_cleanup(curl_); }
  CurlSmtpTransport(const CurlSmtpTransport&) = delete;
  CurlSmtpTransport& operator=(const CurlSmtpTransport&) = delete;

  SendResult Send(std::string_view from, std::string_view to, std::string_view message) override {
    SendResult result;
    if (curl_ == nullptr) {
      result.kind = SendResult::Kind::kRetry;
      result.detail = "libcurl could not be initialised";
      return result;
    }
    const std::string mail_from = "<" + std::string(from) + ">";
    const std::string rcpt = "<" + std::string(to) + ">";
    curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
    Upload upload{message, 0};
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl_, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl_, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(curl_, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl_, CURLOPT_READFUNCTION, ReadUpload);
    curl_easy_setopt(curl_, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl_, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl_, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings_.timeout_seconds));
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout_seconds));
    if (settings_.starttls)
      curl_easy_setopt(curl_, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!settings_.username.empty()) {
      curl_easy_setopt(curl_, CURLOPT_USERNAME, settings_.username.c_str());
      curl_easy_setopt(curl_, CURLOPT_PASSWORD, password_.c_str());
    }
    const CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(recipients);
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &result.smtp_code);
    if (rc == CURLE_OK) {
      result.kind = SendResult::Kind::kSent;
      return result;
    }
    result.detail = std::to_string(result.smtp_code) + " " +
                    (error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(rc)));
    result.kind =
        result.smtp_code >= 200 ? ClassifySmtpReply(result.smtp_code) : SendResult::Kind::kRetry;
    // A 2xx as the last reply of a failed transfer (the connection dropped after it) is
    // not an acceptance of this message.
    if (result.kind == SendResult::Kind::kSent) result.kind = SendResult::Kind::kRetry;
    return result;
  }

 private:
  SmtpSettings settings_;
  std::string password_;
  std::string url_;
  CURL* curl_;
};

}  // namespace

SendResult::Kind ClassifySmtpReply(long code) {
  if (code >= 200 && code < 400) return SendResult::Kind::kSent;
  if (code >= 500 && code < 600) {
    // 530, 534, 535, 538: authentication; the account is at fault, not the recipient.
    if (code == 530 || code == 534 || code == 535 || code == 538) return SendResult::Kind::kRetry;
    return SendResult::Kind::kRejected;
  }
  return SendResult::Kind::kRetry;
}

Result<std::unique_ptr<MailTransport>> MakeSmtpTransport(const SmtpSettings& settings) {
  if (settings.host.empty()) {
    return FailedPrecondition("[smtp] host is not set in bellwether.toml: no mail can be sent");
  }
  std::string password;
  if (!settings.password_env.empty()) {
    const char* value = std::getenv(settings.password_env.c_str());
    if (value == nullptr) {
      return FailedPrecondition("[smtp] password_env: the environment variable " +
                                settings.password_env + " is not set");
    }
    password = value;
  }
  InitCurlOnce();
  return std::unique_ptr<MailTransport>(new CurlSmtpTransport(settings, std::move(password)));
}

Result<std::vector<std::unique_ptr<MailTransport>>> MakeSmtpTransports(
    const SmtpSettings& settings) {
  std::vector<std::unique_ptr<MailTransport>> transports;
  for (int i = 0; i < std::max(1, settings.connections); ++i) {
    BW_ASSIGN_OR_RETURN(std::unique_ptr<MailTransport> transport, MakeSmtpTransport(settings));
    transports.push_back(std::move(transport));
  }
  return transports;
}

}  // namespace bw::survey
