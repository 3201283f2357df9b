#include "store/internal/sqlite_outreach.h"

#include <string>
#include <utility>

#include "core/ascii.h"

namespace bw::store::internal {
namespace {

constexpr std::string_view kWaveColumns =
    "SELECT wave_id, title, COALESCE(language, ''), definition_json, reminder_after_days, "
    "max_reminders, created_at, COALESCE(sent_at, 0) FROM waves ";
constexpr std::string_view kInviteFields =
    "SELECT i.invitation_id, i.wave_id, i.contact_id, i.email, i.language, i.sent_at, "
    "i.reminders_sent, COALESCE(i.last_reminded_at, 0), COALESCE(i.response_id, ''), "
    "COALESCE(i.answered_at, 0), COALESCE(i.answers_json, '')";
const std::string kInviteColumns = std::string(kInviteFields) + " FROM survey_invites i ";
constexpr std::string_view kMessageColumns =
    "SELECT message_id, channel, purpose, recipient, COALESCE(reference, ''), payload, state, "
    "attempts, next_attempt_at, COALESCE(lease_until, 0), COALESCE(last_error, ''), "
    "created_at, COALESCE(sent_at, 0) FROM outbox ";

Wave ReadWave(const Statement& s) {
  Wave w;
  w.wave_id = s.ColumnText(0);
  w.title = s.ColumnText(1);
  w.language = s.ColumnText(2);
  w.definition_json = s.ColumnText(3);
  w.reminder_after_days = static_cast<int>(s.ColumnInt64(4));
  w.max_reminders = static_cast<int>(s.ColumnInt64(5));
  w.created_at = s.ColumnInt64(6);
  w.sent_at = s.ColumnInt64(7);
  return w;
}

SurveyInvite ReadInvite(const Statement& s) {
  SurveyInvite i;
  i.invitation_id = s.ColumnText(0);
  i.wave_id = s.ColumnText(1);
  i.contact_id = s.ColumnText(2);
  i.email = s.ColumnText(3);
  i.language = s.ColumnText(4);
  i.sent_at = s.ColumnInt64(5);
  i.reminders_sent = static_cast<int>(s.ColumnInt64(6));
  i.last_reminded_at = s.ColumnInt64(7);
  i.response_id = s.ColumnText(8);
  i.answered_at = s.ColumnInt64(9);
  i.answers_json = s.ColumnText(10);
  return i;
}

OutboxMessage ReadMessage(const Statement& s) {
  OutboxMessage m;
  m.message_id = s.ColumnText(0);
  m.channel = s.ColumnText(1);
  m.purpose = s.ColumnText(2);
  m.recipient = s.ColumnText(3);
  m.reference = s.ColumnText(4);
  m.payload = s.ColumnText(5);
  m.state = s.ColumnText(6);
  m.attempts = static_cast<int>(s.ColumnInt64(7));
  m.next_attempt_at = s.ColumnInt64(8);
  m.lease_until = s.ColumnInt64(9);
  m.last_error = s.ColumnText(10);
  m.created_at = s.ColumnInt64(11);
  m.sent_at = s.ColumnInt64(12);
  return m;
}

bool IsConstraint(int rc) { return (rc & 0xff) == SQLITE_CONSTRAINT; }

class SqliteOutreachStore final : public OutreachStore {
 public:
  explicit SqliteOutreachStore(Database& db) : db_(db) {}

  Status Transact(const std::function<Status()>& body) override {
    // Inside Store::Write the connection is in a transaction already: a savepoint then.
    if (!sqlite3_get_autocommit(db_.handle())) {
      BW_RETURN_IF_ERROR(db_.Execute("SAVEPOINT outreach", "writing the outbox"));
      Status status = body();
      BW_RETURN_IF_ERROR(
          db_.Execute(status.ok() ? "RELEASE outreach" : "ROLLBACK TO outreach; RELEASE outreach",
                      "writing the outbox"));
      return status;
    }
    return InTransaction(db_, "writing the outbox", body);
  }

  Status AddWave(const Wave& w) override {
    BW_ASSIGN_OR_RETURN(
        Statement s,
        db_.Prepare("INSERT INTO waves (wave_id, title, language, definition_json, "
                    "reminder_after_days, max_reminders, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                    "?6, ?7)"));
    s.BindText(1, w.wave_id);
    s.BindText(2, w.title);
    s.BindOptionalText(3, w.language);
    s.BindText(4, w.definition_json);
    s.BindInt64(5, w.reminder_after_days);
    s.BindInt64(6, w.max_reminders);
    s.BindInt64(7, w.created_at);
    const int rc = s.Step();
    if (IsConstraint(rc)) return AlreadyExists("a wave \"" + w.wave_id + "\" exists already");
    if (rc != SQLITE_DONE) return db_.Error(rc, "adding a wave");
    return Status::Ok();
  }

  Result<std::optional<Wave>> FindWave(std::string_view wave_id) override {
    return FindOne<Wave>(
        db_, std::string(kWaveColumns) + "WHERE wave_id = ?1",
        [&](Statement& s) { s.BindText(1, wave_id); }, ReadWave);
  }

  Result<std::vector<Wave>> ListWaves() override {
    return FindAll<Wave>(
        db_, std::string(kWaveColumns) + "ORDER BY wave_id", [](Statement&) {}, ReadWave);
  }

  Status MarkWaveSent(std::string_view wave_id, int64_t at) override {
    return RunStatement(db_, "UPDATE waves SET sent_at = COALESCE(sent_at, ?2) WHERE wave_id = ?1",
                        [&](Statement& s) {
                          s.BindText(1, wave_id);
                          s.BindInt64(2, at);
                        });
  }

  Result<std::optional<int64_t>> LastInvitedDay(std::string_view contact_id) override {
    BW_ASSIGN_OR_RETURN(Statement s,
                        db_.Prepare("SELECT MAX(i.sent_on) FROM invitations i JOIN contacts c ON "
                                    "c.contact_key = i.contact_key WHERE c.contact_id = ?1"));
    s.BindText(1, contact_id);
    const int rc = s.Step();
    if (rc != SQLITE_ROW) return db_.Error(rc, "reading the last invitation");
    if (s.ColumnIsNull(0)) return std::optional<int64_t>();
    return std::optional<int64_t>(s.ColumnInt64(0));
  }

  Status AddInvite(const SurveyInvite& i) override {
    BW_ASSIGN_OR_RETURN(
        Statement s,
        db_.Prepare("INSERT INTO survey_invites (invitation_id, wave_id, contact_id, email, "
                    "language, sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    s.BindText(1, i.invitation_id);
    s.BindText(2, i.wave_id);
    s.BindText(3, i.contact_id);
    s.BindText(4, i.email);
    s.BindText(5, i.language);
    s.BindInt64(6, i.sent_at);
    const int rc = s.Step();
    if (IsConstraint(rc)) {
      return AlreadyExists("the invitation \"" + i.invitation_id + "\" has a survey already");
    }
    if (rc != SQLITE_DONE) return db_.Error(rc, "adding a survey invitation");
    return Status::Ok();
  }

  Status AddToken(const SurveyToken& t) override {
    BW_ASSIGN_OR_RETURN(Statement s,
                        db_.Prepare("INSERT INTO survey_tokens (token_hash, invitation_id, "
                                    "issued_at, expires_at) VALUES (?1, ?2, ?3, ?4)"));
    s.BindText(1, t.token_hash);
    s.BindText(2, t.invitation_id);
    s.BindInt64(3, t.issued_at);
    s.BindInt64(4, t.expires_at);
    const int rc = s.Step();
    if (IsConstraint(rc)) return AlreadyExists("the token is taken");
    if (rc != SQLITE_DONE) return db_.Error(rc, "adding a survey token");
    return Status::Ok();
  }

  Result<std::optional<TokenMatch>> FindByTokenHash(std::string_view hash) override {
    return FindOne<TokenMatch>(
        db_,
        std::string(kInviteFields) +
            ", t.token_hash, t.issued_at, t.expires_at FROM survey_tokens t JOIN survey_invites "
            "i ON i.invitation_id = t.invitation_id WHERE t.token_hash = ?1",
        [&](Statement& s) { s.BindText(1, hash); },
        [](const Statement& s) {
          TokenMatch m;
          m.invite = ReadInvite(s);
          m.token.invitation_id = m.invite.invitation_id;
          m.token.token_hash = s.ColumnText(11);
          m.token.issued_at = s.ColumnInt64(12);
          m.token.expires_at = s.ColumnInt64(13);
          return m;
        });
  }

  Result<std::vector<SurveyInvite>> ListInvites(std::string_view wave_id) override {
    return FindAll<SurveyInvite>(
        db_, kInviteColumns + "WHERE i.wave_id = ?1 ORDER BY i.invitation_id",
        [&](Statement& s) { s.BindText(1, wave_id); }, ReadInvite);
  }

  Result<std::vector<InviteDelivery>> ListDeliveries(std::string_view wave_id) override {
    return FindAll<InviteDelivery>(
        db_,
        "SELECT i.invitation_id, i.contact_id, i.answered_at IS NOT NULL, "
        "COALESCE(o.state, '') FROM survey_invites i LEFT JOIN outbox o ON "
        "o.reference = i.invitation_id AND o.purpose = 'invitation' WHERE i.wave_id = ?1 "
        "ORDER BY i.invitation_id",
        [&](Statement& s) { s.BindText(1, wave_id); },
        [](const Statement& s) {
          InviteDelivery d;
          d.invitation_id = s.ColumnText(0);
          d.contact_id = s.ColumnText(1);
          d.answered = s.ColumnInt64(2) != 0;
          d.state = s.ColumnText(3);
          return d;
        });
  }

  Status RecordAnswer(std::string_view invitation_id, std::string_view response_id,
                      int64_t answered_at, std::string_view answers_json) override {
    return RunStatement(
        db_,
        "UPDATE survey_invites SET response_id = ?2, answered_at = COALESCE(answered_at, ?3), "
        "answers_json = ?4 WHERE invitation_id = ?1",
        [&](Statement& s) {
          s.BindText(1, invitation_id);
          s.BindText(2, response_id);
          s.BindInt64(3, answered_at);
          s.BindOptionalText(4, answers_json);
        });
  }

  Status RecordReminder(std::string_view invitation_id, int64_t at) override {
    return RunStatement(
        db_,
        "UPDATE survey_invites SET reminders_sent = reminders_sent + 1, last_reminded_at = ?2 "
        "WHERE invitation_id = ?1",
        [&](Statement& s) {
          s.BindText(1, invitation_id);
          s.BindInt64(2, at);
        });
  }

  Result<bool> IsSuppressed(std::string_view email) override {
    BW_ASSIGN_OR_RETURN(Statement s, db_.Prepare("SELECT 1 FROM suppressions WHERE email = ?1"));
    const std::string lower = AsciiLower(email);
    s.BindText(1, lower);
    const int rc = s.Step();
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return db_.Error(rc, "reading the suppression list");
  }

  Status Suppress(std::string_view email, std::string_view reason, int64_t at) override {
    const std::string lower = AsciiLower(email);
    return RunStatement(
        db_,
        "INSERT INTO suppressions (email, reason, at) VALUES (?1, ?2, ?3) ON CONFLICT (email) "
        "DO NOTHING",
        [&](Statement& s) {
          s.BindText(1, lower);
          s.BindText(2, reason);
          s.BindInt64(3, at);
        });
  }

  Status Enqueue(const OutboxMessage& m) override {
    BW_ASSIGN_OR_RETURN(
        Statement s,
        db_.Prepare("INSERT INTO outbox (message_id, channel, purpose, recipient, reference, "
                    "payload, state, attempts, next_attempt_at, created_at) VALUES (?1, ?2, ?3, "
                    "?4, ?5, ?6, 'pending', 0, ?7, ?8)"));
    s.BindText(1, m.message_id);
    s.BindText(2, m.channel);
    s.BindText(3, m.purpose);
    s.BindText(4, m.recipient);
    s.BindOptionalText(5, m.reference);
    s.BindText(6, m.payload);
    s.BindInt64(7, m.next_attempt_at);
    s.BindInt64(8, m.created_at);
    const int rc = s.Step();
    if (IsConstraint(rc)) {
      return AlreadyExists("the message \"" + m.message_id + "\" is in the outbox already");
    }
    if (rc != SQLITE_DONE) return db_.Error(rc, "queueing a message");
    return Status::Ok();
  }

  Result<std::vector<OutboxMessage>> ClaimDue(std::string_view channel, int64_t due_by, int64_t now,
                                              int64_t lease_seconds, int limit) override {
    std::vector<OutboxMessage> claimed;
    Status status = Transact([&]() -> Status {
      BW_ASSIGN_OR_RETURN(
          claimed,
          FindAll<OutboxMessage>(
              db_,
              std::string(kMessageColumns) +
                  "WHERE channel = ?1 AND ((state = 'pending' AND next_attempt_at <= ?2) OR "
                  "(state = 'sending' AND lease_until <= ?4)) ORDER BY next_attempt_at, "
                  "created_at, message_id LIMIT ?3",
              [&](Statement& s) {
                s.BindText(1, channel);
                s.BindInt64(2, due_by);
                s.BindInt64(3, limit);
                s.BindInt64(4, now);
              },
              ReadMessage));
      BW_ASSIGN_OR_RETURN(Statement update,
                          db_.Prepare("UPDATE outbox SET state = 'sending', lease_until = ?2, "
                                      "attempts = attempts + 1 WHERE message_id = ?1"));
      for (OutboxMessage& m : claimed) {
        update.Reset();
        update.BindText(1, m.message_id);
        update.BindInt64(2, now + lease_seconds);
        const int rc = update.Step();
        if (rc != SQLITE_DONE) return db_.Error(rc, "claiming outbox messages");
        m.state = "sending";
        m.lease_until = now + lease_seconds;
        ++m.attempts;
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return claimed;
  }

  Status MarkSent(std::string_view message_id, int64_t at) override {
    return RunStatement(
        db_,
        "UPDATE outbox SET state = 'sent', sent_at = ?2, lease_until = NULL, last_error = NULL "
        "WHERE message_id = ?1",
        [&](Statement& s) {
          s.BindText(1, message_id);
          s.BindInt64(2, at);
        });
  }

  Status MarkRetry(std::string_view message_id, int64_t next_attempt_at,
                   std::string_view error) override {
    return RunStatement(
        db_,
        "UPDATE outbox SET state = 'pending', next_attempt_at = ?2, lease_until = NULL, "
        "last_error = ?3 WHERE message_id = ?1",
        [&](Statement& s) {
          s.BindText(1, message_id);
          s.BindInt64(2, next_attempt_at);
          s.BindText(3, error);
        });
  }

  Status MarkFailed(std::string_view message_id, std::string_view error) override {
    return RunStatement(db_,
                        "UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = ?2 "
                        "WHERE message_id = ?1",
                        [&](Statement& s) {
                          s.BindText(1, message_id);
                          s.BindText(2, error);
                        });
  }

  Result<std::optional<OutboxMessage>> FindMessage(std::string_view message_id) override {
    return FindOne<OutboxMessage>(
        db_, std::string(kMessageColumns) + "WHERE message_id = ?1",
        [&](Statement& s) { s.BindText(1, message_id); }, ReadMessage);
  }

  Result<std::vector<OutboxMessage>> ListMessages(std::string_view channel, std::string_view state,
                                                  int limit) override {
    return FindAll<OutboxMessage>(
        db_,
        std::string(kMessageColumns) +
            "WHERE channel = ?1 AND state = ?2 ORDER BY created_at DESC, message_id LIMIT ?3",
        [&](Statement& s) {
          s.BindText(1, channel);
          s.BindText(2, state);
          s.BindInt64(3, limit);
        },
        ReadMessage);
  }

  Status Requeue(std::string_view message_id, int64_t now) override {
    BW_RETURN_IF_ERROR(RunStatement(
        db_,
        "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?2 WHERE "
        "message_id = ?1 AND state = 'failed'",
        [&](Statement& s) {
          s.BindText(1, message_id);
          s.BindInt64(2, now);
        }));
    if (sqlite3_changes(db_.handle()) == 0) {
      return NotFound("no failed message \"" + std::string(message_id) + "\"");
    }
    return Status::Ok();
  }

  Result<OutboxCounts> CountOutbox() override {
    BW_ASSIGN_OR_RETURN(Statement s,
                        db_.Prepare("SELECT state, COUNT(*) FROM outbox GROUP BY state"));
    OutboxCounts counts;
    for (;;) {
      const int rc = s.Step();
      if (rc == SQLITE_DONE) return counts;
      if (rc != SQLITE_ROW) return db_.Error(rc, "counting the outbox");
      const std::string_view state = s.ColumnText(0);
      const int64_t n = s.ColumnInt64(1);
      if (state == "sent") {
        counts.sent += n;
      } else if (state == "failed") {
        counts.failed += n;
      } else {
        counts.pending += n;
      }
    }
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<OutreachStore> MakeSqliteOutreachStore(Database& db) {
  return std::make_unique<SqliteOutreachStore>(db);
}

}  // namespace bw::store::internal
