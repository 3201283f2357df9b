#include "survey/invitations.h"

#include <optional>

#include "core/ascii.h"
#include "survey/mail_texts.h"
#include "survey/token.h"

namespace bw::survey {
namespace {

constexpr int64_t kDaySeconds = 86400;

std::string Language(const store::Wave& wave, const SurveySettings& settings) {
  return wave.language.empty() ? settings.language : wave.language;
}

// Queues one mail of `invite` with a new token; the token exists only in the mail.
Status QueueMail(store::OutreachStore& outreach, MailKind kind, const store::Wave& wave,
                 const store::SurveyInvite& invite, std::string_view name,
                 const OutreachContext& context, int64_t now) {
  const std::string token = NewToken();
  store::SurveyToken stored;
  stored.token_hash = TokenHash(token);
  stored.invitation_id = invite.invitation_id;
  stored.issued_at = now;
  stored.expires_at = now + int64_t{context.settings.link_valid_days} * kDaySeconds;
  BW_RETURN_IF_ERROR(outreach.AddToken(stored));

  SurveyMail mail;
  mail.kind = kind;
  mail.language = invite.language;
  mail.wave_title = wave.title;
  mail.from = context.from;
  mail.to.name = std::string(name);
  mail.to.address = invite.email;
  mail.answer_url = context.public_url + "/s/" + token;
  mail.unsubscribe_url = context.public_url + "/s/" + token + "/unsubscribe";
  mail.valid_until = stored.expires_at;
  // Random, so that ids never repeat across waves or stores; fixed from here on.
  mail.message_id = "bw-" + NewToken() + "@" + DomainOf(context.from.address);
  mail.now = now;

  store::OutboxMessage message;
  message.message_id = mail.message_id;
  message.channel = "email";
  message.purpose = kind == MailKind::kInvitation ? "invitation" : "reminder";
  message.recipient = invite.email;
  message.reference = invite.invitation_id;
  message.payload = RenderSurveyMail(mail);
  message.next_attempt_at = now;
  message.created_at = now;
  return outreach.Enqueue(message);
}

Result<store::Wave> FindWave(store::Store& store, std::string_view wave_id) {
  BW_ASSIGN_OR_RETURN(std::optional<store::Wave> wave, store.outreach().FindWave(wave_id));
  if (!wave) return NotFound("no wave \"" + std::string(wave_id) + "\"");
  return *wave;
}

Status CheckContext(const OutreachContext& context) {
  if (context.public_url.empty()) {
    return FailedPrecondition(
        "[server] public_url is not set in bellwether.toml: survey links need it");
  }
  if (!IsValidEmailAddress(context.from.address)) {
    return FailedPrecondition("[smtp] from is not set in bellwether.toml: mails need a sender");
  }
  return Status::Ok();
}

// The contact's name, and whether they have left by `today`, from the contact record.
struct ContactState {
  std::string name;
  bool left = false;
};
Result<ContactState> ReadContact(store::WriteTransaction& tx, const std::string& contact_id,
                                 Day today) {
  BW_ASSIGN_OR_RETURN(std::optional<store::RecordFields> fields,
                      tx.Get(RecordKind::kContact, {contact_id}));
  ContactState state;
  if (!fields) {
    state.left = true;  // deleted since
    return state;
  }
  for (const auto& [column, value] : *fields) {
    if (column == "name") state.name = value;
    if (column == "left_on" && !value.empty()) {
      const std::optional<Day> left_on = ParseDate(value);
      state.left = left_on && *left_on <= today;
    }
  }
  return state;
}

}  // namespace

std::string InvitationId(std::string_view wave_id, std::string_view contact_id) {
  return std::string(wave_id) + ":" + std::string(contact_id);
}

std::string ResponseId(std::string_view invitation_id) {
  return std::string(invitation_id) + ":answer";
}

Result<SendReport> SendWave(store::Store& store, std::string_view wave_id,
                            const std::vector<AudienceMember>& audience,
                            const OutreachContext& context, const Clock& clock) {
  BW_RETURN_IF_ERROR(CheckContext(context));
  BW_ASSIGN_OR_RETURN(const store::Wave wave, FindWave(store, wave_id));
  const int64_t now = clock.UnixSeconds();
  const Day today = clock.Today();
  const std::string language = Language(wave, context.settings);
  SendReport report;
  Result<store::ImportCounts> written = store.Write([&](store::WriteTransaction& tx) -> Status {
    report = SendReport();
    BW_ASSIGN_OR_RETURN(store::OutreachStore * outreach, tx.Outreach());
    for (const AudienceMember& member : audience) {
      const std::string invitation_id = InvitationId(wave.wave_id, member.contact_id);
      BW_ASSIGN_OR_RETURN(std::optional<store::RecordFields> existing,
                          tx.Get(RecordKind::kInvitation, {invitation_id}));
      if (existing) {
        ++report.already_invited;
        continue;
      }
      if (member.left_on != kNoDay && member.left_on <= today) {
        ++report.left;
        continue;
      }
      const std::string email = AsciiLower(member.email);
      if (!IsValidEmailAddress(email)) {
        ++report.no_email;
        continue;
      }
      BW_ASSIGN_OR_RETURN(const bool suppressed, outreach->IsSuppressed(email));
      if (suppressed) {
        ++report.suppressed;
        continue;
      }
      BW_ASSIGN_OR_RETURN(const std::optional<int64_t> last,
                          outreach->LastInvitedDay(member.contact_id));
      if (last && *last > today - context.settings.fatigue_days) {
        ++report.fatigued;
        continue;
      }
      InvitationRecord record;
      record.invitation_id = invitation_id;
      record.contact_id = member.contact_id;
      record.survey_id = wave.wave_id;
      record.sent_on = today;
      BW_RETURN_IF_ERROR(tx.sink().OnInvitation(record));
      BW_ASSIGN_OR_RETURN(outreach, tx.Outreach());  // writes the record first
      store::SurveyInvite invite;
      invite.invitation_id = invitation_id;
      invite.wave_id = wave.wave_id;
      invite.contact_id = member.contact_id;
      invite.email = email;
      invite.language = language;
      invite.sent_at = now;
      BW_RETURN_IF_ERROR(outreach->AddInvite(invite));
      BW_RETURN_IF_ERROR(
          QueueMail(*outreach, MailKind::kInvitation, wave, invite, member.name, context, now));
      ++report.invited;
    }
    return outreach->MarkWaveSent(wave.wave_id, now);
  });
  if (!written.ok()) return written.status();
  return report;
}

Result<RemindReport> RemindWave(store::Store& store, std::string_view wave_id, bool only_due,
                                const OutreachContext& context, const Clock& clock) {
  BW_RETURN_IF_ERROR(CheckContext(context));
  BW_ASSIGN_OR_RETURN(const store::Wave wave, FindWave(store, wave_id));
  const int64_t now = clock.UnixSeconds();
  const Day today = clock.Today();
  RemindReport report;
  if (only_due) {
    // Most passes of serve find nothing due: then no write transaction (and no new data
    // version, which would rebuild the server's snapshot).
    BW_ASSIGN_OR_RETURN(const std::vector<store::SurveyInvite> invites,
                        store.outreach().ListInvites(wave.wave_id));
    bool any_due = false;
    for (const store::SurveyInvite& invite : invites) {
      const int64_t last_mail = std::max(invite.sent_at, invite.last_reminded_at);
      if (invite.answered_at != 0) {
        ++report.answered;
      } else if (invite.reminders_sent >= wave.max_reminders) {
        ++report.exhausted;
      } else if (now < last_mail + int64_t{wave.reminder_after_days} * kDaySeconds) {
        ++report.not_due;
      } else {
        any_due = true;
      }
    }
    if (!any_due) return report;
  }
  Result<store::ImportCounts> written = store.Write([&](store::WriteTransaction& tx) -> Status {
    report = RemindReport();
    BW_ASSIGN_OR_RETURN(store::OutreachStore * outreach, tx.Outreach());
    BW_ASSIGN_OR_RETURN(const std::vector<store::SurveyInvite> invites,
                        outreach->ListInvites(wave.wave_id));
    for (const store::SurveyInvite& invite : invites) {
      if (invite.answered_at != 0) {
        ++report.answered;
        continue;
      }
      if (invite.reminders_sent >= wave.max_reminders) {
        ++report.exhausted;
        continue;
      }
      const int64_t last_mail = std::max(invite.sent_at, invite.last_reminded_at);
      if (only_due && now < last_mail + int64_t{wave.reminder_after_days} * kDaySeconds) {
        ++report.not_due;
        continue;
      }
      BW_ASSIGN_OR_RETURN(const bool suppressed, outreach->IsSuppressed(invite.email));
      BW_ASSIGN_OR_RETURN(const ContactState contact, ReadContact(tx, invite.contact_id, today));
      if (suppressed || contact.left) {
        ++report.suppressed;
        continue;
      }
      BW_RETURN_IF_ERROR(
          QueueMail(*outreach, MailKind::kReminder, wave, invite, contact.name, context, now));
      BW_RETURN_IF_ERROR(outreach->RecordReminder(invite.invitation_id, now));
      ++report.reminded;
    }
    return Status::Ok();
  });
  if (!written.ok()) return written.status();
  return report;
}

}  // namespace bw::survey
