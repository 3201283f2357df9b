// Sending a wave and its reminders (issue 12, "Waves"): each invitation is an invitation
// record (survey_id = the wave), its survey side (store/outreach.h), a token, and a mail in
// the outbox, all written in ONE transaction; the mails leave through the outbox sender.
//
// Fatigue rules (docs/surveys.md): a contact who has left, has no valid address, is on
// the suppression list (unsubscribed or bounced), or had any invitation (of any wave or
// imported) within settings.fatigue_days is not invited. Sending a wave again invites only
// those who were not invited yet (the wave's audience may have grown), so a repeated or
// interrupted send never invites anybody twice.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/domain.h"
#include "core/status.h"
#include "store/store.h"
#include "survey/email.h"
#include "survey/settings.h"

namespace bw::survey {

// One contact of a wave's audience, as the caller selected it (current contacts of active
// accounts matching the wave's filters).
struct AudienceMember {
  std::string contact_id;
  std::string name;
  std::string email;
  Role role = Role::kUser;
  Day left_on = kNoDay;
};

// What links and mails need.
struct OutreachContext {
  std::string public_url;  // e.g. "https://cx.example.com"; links are public_url + "/s/TOKEN"
  MailAddress from;
  SurveySettings settings;
};

struct SendReport {
  int64_t invited = 0;
  int64_t already_invited = 0;  // by this wave, in an earlier send
  int64_t fatigued = 0;         // invited within fatigue_days
  int64_t left = 0;
  int64_t suppressed = 0;  // unsubscribed or bounced
  int64_t no_email = 0;    // no or no valid address
};

// The invitation record's id of a contact in a wave, and its response's.
std::string InvitationId(std::string_view wave_id, std::string_view contact_id);
std::string ResponseId(std::string_view invitation_id);

// Invites `audience` to the wave. Errors: kNotFound for an unknown wave;
// kFailedPrecondition without a public_url; the store's (then nothing is written).
Result<SendReport> SendWave(store::Store& store, std::string_view wave_id,
                            const std::vector<AudienceMember>& audience,
                            const OutreachContext& context, const Clock& clock);

struct RemindReport {
  int64_t reminded = 0;
  int64_t answered = 0;    // not reminded: answered already
  int64_t not_due = 0;     // not reminded: the last mail is younger than reminder_after_days
  int64_t exhausted = 0;   // not reminded: max_reminders reached
  int64_t suppressed = 0;  // not reminded: unsubscribed, bounced or left since
};

// Queues a reminder, with a link of its own, for each invitation of the wave that has not
// been answered and has had fewer than max_reminders. `only_due`: only those whose last
// mail is at least the wave's reminder_after_days old (the automatic reminders of serve);
// otherwise every one (the operator's `survey remind`). Errors as SendWave.
Result<RemindReport> RemindWave(store::Store& store, std::string_view wave_id, bool only_due,
                                const OutreachContext& context, const Clock& clock);

}  // namespace bw::survey
