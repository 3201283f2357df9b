// The store's area for what Bellwether sends and what comes back from it (issue 12):
// survey waves, the survey side of each invitation (its token hash, language, reminders,
// answer), the outbox of messages to deliver, and the suppression list of addresses that
// must not be written to again.
//
// A wave's invitations and answers are ALSO ordinary data records (store/records.h): an
// invitation record with survey_id = the wave, a response record for the answer. Those are
// written through WriteTransaction::sink() in the same transaction as the rows here, so
// every figure of metrics.md includes them and the data version moves.
//
// The outbox (shared/design/architecture.md, "Outbound messages"): a message is written in
// the transaction of the change that causes it, with its final Message-ID, and delivered
// later by a sender that claims due rows (a lease), sends, and marks them sent; a message
// whose lease ran out (the sender died) is claimed again with the same Message-ID.
//
// Not thread-safe: used by one thread at a time, on the connection of the Store that owns
// it. Calls made inside Store::Write's body (WriteTransaction::outreach()) are part of that
// transaction; calls made outside one commit on their own.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace bw::store {

// A survey wave ("flight").
struct Wave {
  std::string wave_id;
  std::string title;
  std::string language;         // "de", "en", or "" (each contact's, else the workspace's)
  std::string definition_json;  // filters, drivers, extra questions (survey/wave.h)
  int reminder_after_days = 7;
  int max_reminders = 1;
  int64_t created_at = 0;  // Unix seconds
  int64_t sent_at = 0;     // Unix seconds of the first send; 0: not sent
};

// The survey side of one invitation record.
struct SurveyInvite {
  std::string invitation_id;  // the invitation record's id
  std::string wave_id;
  std::string contact_id;
  std::string email;
  std::string language;  // "de" or "en": what the mails and pages use
  int64_t sent_at = 0;   // Unix seconds the invitation was queued
  int reminders_sent = 0;
  int64_t last_reminded_at = 0;  // 0: never
  std::string response_id;       // "" until answered
  int64_t answered_at = 0;       // first answer; 0: not answered
  std::string answers_json;      // the extra questions' answers
};

// One link's token: each mail (invitation, reminder) has its own.
struct SurveyToken {
  std::string token_hash;  // hex SHA-256 of the token in the link
  std::string invitation_id;
  int64_t issued_at = 0;
  int64_t expires_at = 0;  // the link works until then (Unix seconds)
};

// Delivery state of one invitation's first message, for a wave's figures.
struct InviteDelivery {
  std::string invitation_id;
  std::string contact_id;
  bool answered = false;
  std::string state;  // the invitation message's outbox state ("" when none)
};

// One message to deliver.
struct OutboxMessage {
  std::string message_id;  // stable: the Message-ID header / the webhook-id
  std::string channel;     // "email" or "webhook"
  std::string purpose;     // "invitation", "reminder", "case", ...
  std::string recipient;   // email address or URL
  std::string reference;   // what it is about (an invitation id, a case id), may be ""
  std::string payload;     // the complete message (RFC 5322 text, or the webhook body)
  std::string state;       // "pending", "sending", "sent", "failed" (given up)
  int attempts = 0;
  int64_t next_attempt_at = 0;  // Unix seconds
  int64_t lease_until = 0;      // while "sending"
  std::string last_error;
  int64_t created_at = 0;
  int64_t sent_at = 0;
};

struct OutboxCounts {
  int64_t pending = 0;  // pending or sending
  int64_t sent = 0;
  int64_t failed = 0;
};

class OutreachStore {
 public:
  virtual ~OutreachStore() = default;

  // Runs `body` in one transaction of its own (no data version change): for the outbox
  // and suppression writes that change no data record. Errors: `body`'s, or the store's.
  virtual Status Transact(const std::function<Status()>& body) = 0;

  // Errors: kAlreadyExists when the id is taken.
  virtual Status AddWave(const Wave& wave) = 0;
  virtual Result<std::optional<Wave>> FindWave(std::string_view wave_id) = 0;
  virtual Result<std::vector<Wave>> ListWaves() = 0;  // by id
  virtual Status MarkWaveSent(std::string_view wave_id, int64_t at) = 0;

  // The latest sent_on (day number) of any invitation record of the contact, survey or
  // imported; nullopt when none.
  virtual Result<std::optional<int64_t>> LastInvitedDay(std::string_view contact_id) = 0;

  // Errors: kAlreadyExists when the invitation has a survey side already.
  virtual Status AddInvite(const SurveyInvite& invite) = 0;
  // Errors: kAlreadyExists for a hash stored already.
  virtual Status AddToken(const SurveyToken& token) = 0;
  // The token with `hash` and its invitation; nullopt when there is none.
  struct TokenMatch {
    SurveyToken token;
    SurveyInvite invite;
  };
  virtual Result<std::optional<TokenMatch>> FindByTokenHash(std::string_view hash) = 0;
  virtual Result<std::vector<SurveyInvite>> ListInvites(std::string_view wave_id) = 0;
  // Invitations of the wave with whether answered and the state of their invitation mail.
  virtual Result<std::vector<InviteDelivery>> ListDeliveries(std::string_view wave_id) = 0;
  virtual Status RecordAnswer(std::string_view invitation_id, std::string_view response_id,
                              int64_t answered_at, std::string_view answers_json) = 0;
  virtual Status RecordReminder(std::string_view invitation_id, int64_t at) = 0;

  // Addresses compare case-insensitively (stored lower case).
  virtual Result<bool> IsSuppressed(std::string_view email) = 0;
  // Adds the address (keeps the first reason when it is there already).
  virtual Status Suppress(std::string_view email, std::string_view reason, int64_t at) = 0;

  // Errors: kAlreadyExists when the message id is taken.
  virtual Status Enqueue(const OutboxMessage& message) = 0;
  // Claims up to `limit` messages of `channel` that are due (pending with next_attempt_at
  // <= due_by, or sending with a lease expired at `now`), oldest first, in one
  // transaction: they become "sending" with lease_until = now + lease_seconds and one
  // more attempt. Two senders never hold the same message. (A pass of a sender keeps
  // due_by at its start, so a message it retried is not tried again in the same pass.)
  virtual Result<std::vector<OutboxMessage>> ClaimDue(std::string_view channel, int64_t due_by,
                                                      int64_t now, int64_t lease_seconds,
                                                      int limit) = 0;
  virtual Status MarkSent(std::string_view message_id, int64_t at) = 0;
  virtual Status MarkRetry(std::string_view message_id, int64_t next_attempt_at,
                           std::string_view error) = 0;
  virtual Status MarkFailed(std::string_view message_id, std::string_view error) = 0;
  virtual Result<std::optional<OutboxMessage>> FindMessage(std::string_view message_id) = 0;
  virtual Result<OutboxCounts> CountOutbox() = 0;
  // Messages of `channel` in `state`, newest first (e.g. the failed webhooks: dead letters).
  virtual Result<std::vector<OutboxMessage>> ListMessages(std::string_view channel,
                                                          std::string_view state, int limit) = 0;
  // A failed message made pending again, due at `now`, its attempts counted from zero.
  // Errors: kNotFound when there is no failed message with this id.
  virtual Status Requeue(std::string_view message_id, int64_t now) = 0;
};

}  // namespace bw::store
