// The invitation and reminder mails in German and English (docs/surveys.md shows them).
#pragma once

#include <cstdint>
#include <string>

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

}  // namespace bw::survey
