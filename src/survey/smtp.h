// Handing a mail to an SMTP server (RFC 5321) with libcurl: the transport under the outbox
// sender. The server's answer decides what happens to the message (docs/surveys.md):
// 2xx sent; 4xx (and a connection that fails) try again later; 5xx given up and the address
// suppressed, except the 53x codes of authentication (a configuration problem, not the
// recipient's).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "survey/settings.h"

namespace bw::survey {

struct SendResult {
  enum class Kind { kSent, kRetry, kRejected };
  Kind kind = Kind::kSent;
  long smtp_code = 0;  // the server's last reply code, 0 when none came
  std::string detail;  // for logs and the outbox's last_error
};

// How a mail leaves. Implementations need not be thread-safe: one per sending thread.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Sends `message` (RFC 5322 text, CRLF lines) from `from` to `to` (plain addresses).
  virtual SendResult Send(std::string_view from, std::string_view to, std::string_view message) = 0;
};

// What a reply code means for the message (see above).
SendResult::Kind ClassifySmtpReply(long code);

// A transport to the [smtp] server; keeps its connection open between messages. The
// password is read from the environment variable settings.password_env here.
// Errors: kFailedPrecondition when no host is configured, or password_env names a
// variable that is not set.
Result<std::unique_ptr<MailTransport>> MakeSmtpTransport(const SmtpSettings& settings);
// settings.connections such transports, for a sender that sends over them at once.
Result<std::vector<std::unique_ptr<MailTransport>>> MakeSmtpTransports(
    const SmtpSettings& settings);

}  // namespace bw::survey
