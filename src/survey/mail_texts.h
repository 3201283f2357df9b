// The invitation and reminder mails in German and English (docs/surveys.md shows them).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "survey/email.h"

namespace bw::survey {

enum class MailKind { kInvitation, kReminder };

struct SurveyMail {
  MailKind kind = MailKind::kInvitation;
  std::string language;  // "de" or "en"
  std::string wave_title;
  MailAddress from;
  MailAddress to;  // the contact's name and address
  std::string answer_url;
  std::string unsubscribe_url;
  int64_t valid_until = 0;  // Unix seconds; shown as a date
  std::string message_id;
  int64_t now = 0;
};

// The complete message (RFC 5322 text).
std::string RenderSurveyMail(const SurveyMail& mail);

// The day (UTC) of `unix_seconds` as mails and pages in `language` show it: 01.12.2026
// in German ("de"), 2026-12-01 otherwise.
std::string ShownDate(int64_t unix_seconds, std::string_view language);

}  // namespace bw::survey
