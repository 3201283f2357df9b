#include "store/migrations.h"

#include <array>
#include <string>

#include "store/internal/sqlite.h"

namespace bw::store {
namespace {

// Version 1: the import format of shared/spec/data-format.md. Keys as store.h says:
// accounts, contacts, invitations, responses, touchpoints by id; revenue by account and
// month; signals by account, signal and date. CHECK constraints hold the enumerations to
// their canonical names (core/domain.h) so a scan never meets a value it cannot map.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE accounts (
  account_key INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  industry TEXT,
  region TEXT,
  owner TEXT,
  acquisition TEXT CHECK (acquisition IN ('earned', 'bought')),
  created_on INTEGER,
  churned_on INTEGER
);
CREATE TABLE contacts (
  contact_key INTEGER PRIMARY KEY,
  contact_id TEXT NOT NULL UNIQUE,
  account_key INTEGER NOT NULL REFERENCES accounts (account_key),
  name TEXT,
  email TEXT,
  role TEXT NOT NULL CHECK (role IN ('decision_maker', 'influencer', 'user')),
  left_on INTEGER
);
CREATE TABLE revenue (
  account_key INTEGER NOT NULL REFERENCES accounts (account_key),
  month INTEGER NOT NULL,
  amount_cents BIGINT NOT NULL,
  PRIMARY KEY (account_key, month)
);
CREATE TABLE invitations (
  invitation_id TEXT NOT NULL PRIMARY KEY,
  contact_key INTEGER NOT NULL REFERENCES contacts (contact_key),
  survey_id TEXT NOT NULL,
  sent_on INTEGER NOT NULL
);
CREATE TABLE responses (
  response_id TEXT NOT NULL PRIMARY KEY,
  contact_key INTEGER NOT NULL REFERENCES contacts (contact_key),
  survey_id TEXT,
  responded_on INTEGER NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment TEXT,
  drivers TEXT
);
CREATE TABLE touchpoints (
  touchpoint_id TEXT NOT NULL PRIMARY KEY,
  account_key INTEGER NOT NULL REFERENCES accounts (account_key),
  contact_key INTEGER REFERENCES contacts (contact_key),
  type TEXT NOT NULL CHECK (type IN ('support_ticket', 'business_review', 'meeting', 'call',
                                     'email', 'marketing_email', 'training', 'other')),
  occurred_on INTEGER NOT NULL
);
CREATE TABLE signals (
  account_key INTEGER NOT NULL REFERENCES accounts (account_key),
  signal TEXT NOT NULL,
  observed_on INTEGER NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (account_key, signal, observed_on)
);
)sql";

// Version 2: who may use the server (store/users.h), the audit log, and the change
// versions a running server polls (area 'data': the records; 'auth': users and tokens).
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE users (
  user_id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'cx_manager', 'account_manager', 'viewer')),
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE sessions (
  id_hash TEXT NOT NULL PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE TABLE api_tokens (
  token_id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE audit_log (
  audit_id INTEGER PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE TABLE change_versions (
  area TEXT NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO change_versions (area, version) VALUES ('data', 0), ('auth', 0);
)sql";

// Version 3: surveys and their outbound messages (store/outreach.h). A wave's invitations
// and answers are invitation and response records of version 1; survey_invites holds what
// only the survey needs (the token hash, reminders, the extra answers), and goes with its
// invitation record when that is deleted. Each mail (invitation, reminder) carries a token
// of its own; only its SHA-256 is stored (survey_tokens). invitations_by_contact serves the
// fatigue rule (a contact's latest invitation).
constexpr std::string_view kSchemaV3 = R"sql(
CREATE INDEX invitations_by_contact ON invitations (contact_key, sent_on);
CREATE TABLE waves (
  wave_id TEXT NOT NULL PRIMARY KEY,
  title TEXT NOT NULL,
  language TEXT CHECK (language IN ('de', 'en')),
  definition_json TEXT NOT NULL,
  reminder_after_days INTEGER NOT NULL,
  max_reminders INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE TABLE survey_invites (
  invitation_id TEXT NOT NULL PRIMARY KEY
    REFERENCES invitations (invitation_id) ON DELETE CASCADE,
  wave_id TEXT NOT NULL REFERENCES waves (wave_id),
  contact_id TEXT NOT NULL,
  email TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('de', 'en')),
  sent_at BIGINT NOT NULL,
  reminders_sent INTEGER NOT NULL DEFAULT 0,
  last_reminded_at BIGINT,
  response_id TEXT,
  answered_at BIGINT,
  answers_json TEXT
);
CREATE INDEX survey_invites_by_wave ON survey_invites (wave_id);
CREATE TABLE survey_tokens (
  token_hash TEXT NOT NULL PRIMARY KEY,
  invitation_id TEXT NOT NULL REFERENCES survey_invites (invitation_id) ON DELETE CASCADE,
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX survey_tokens_by_invitation ON survey_tokens (invitation_id);
CREATE TABLE outbox (
  message_id TEXT NOT NULL PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  purpose TEXT NOT NULL,
  recipient TEXT NOT NULL,
  reference TEXT,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_until BIGINT,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE INDEX outbox_due ON outbox (channel, state, next_attempt_at);
CREATE INDEX outbox_by_reference ON outbox (reference);
CREATE TABLE suppressions (
  email TEXT NOT NULL PRIMARY KEY,
  reason TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE TABLE cases (
  case_id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('detractor', 'passive', 'threat')),
  account_id TEXT NOT NULL,
  contact_id TEXT,
  response_id TEXT UNIQUE,
  owner TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
  score INTEGER,
  opened_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  escalated_at BIGINT,
  closed_at BIGINT,
  resolution TEXT,
  action TEXT,
  action_due INTEGER
);
CREATE INDEX cases_by_owner ON cases (owner, status);
CREATE TABLE case_events (
  event_id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (case_id) ON DELETE CASCADE,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  what TEXT NOT NULL,
  note TEXT
);
CREATE INDEX case_events_by_case ON case_events (case_id);
CREATE TABLE webhooks (
  webhook_id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
)sql";

constexpr std::array kMigrations = {
    Migration{1,
              "import format v1: accounts, contacts, revenue, invitations, responses, "
              "touchpoints, signals",
              kSchemaV1},
    Migration{2, "users, sessions, API tokens, audit log, change versions", kSchemaV2},
    Migration{3, "survey waves and invitations, outbox, suppression list, cases, webhooks",
              kSchemaV3},
};

// Created before any migration runs, so that the version can be read from any database.
constexpr std::string_view kCreateSchemaVersion =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL)";

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations.back().version; }

Status NotABellwetherStore(const std::string& path) {
  return FailedPrecondition(path + " is not a Bellwether store (no schema_version table)");
}

Status RefuseForeignDatabase(internal::Database& db) {
  // The first read of the file: a file that is no SQLite database fails here, named so.
  BW_RETURN_IF_ERROR(db.Execute("PRAGMA schema_version", "reading the database header"));
  BW_ASSIGN_OR_RETURN(const int64_t version, ReadSchemaVersion(db));
  if (version > 0) return Status::Ok();
  // Never add our tables to somebody else's database: only an empty file becomes a store.
  BW_ASSIGN_OR_RETURN(const int64_t objects,
                      db.QueryInt64("SELECT COUNT(*) FROM sqlite_master", 0));
  return objects > 0 ? NotABellwetherStore(db.path()) : Status::Ok();
}

Result<int64_t> ReadSchemaVersion(const internal::Database& db) {
  BW_ASSIGN_OR_RETURN(const int64_t tables,
                      db.QueryInt64("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                                    "name = 'schema_version'",
                                    0));
  if (tables == 0) return 0;
  BW_ASSIGN_OR_RETURN(const int64_t version,
                      db.QueryInt64("SELECT MAX(version) FROM schema_version", 0));
  // Read as 64 bits: 4294967297 must not pass for 1.
  if (version < 0) {
    return FailedPrecondition(db.path() + ": schema version " + std::to_string(version) +
                              " is not valid (the database is damaged or not a Bellwether store)");
  }
  return version;
}

Status ApplyMigrations(internal::Database& db, std::span<const Migration> migrations) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  // A read first, so that opening an up-to-date store does not take the write lock.
  BW_ASSIGN_OR_RETURN(int64_t version, ReadSchemaVersion(db));
  auto too_new = [&](int64_t found) {
    return FailedPrecondition(db.path() + ": schema version " + std::to_string(found) +
                              " is newer than this program supports (" + std::to_string(latest) +
                              "); use a newer bellwether");
  };
  if (version > latest) return too_new(version);
  if (version == latest) return Status::Ok();
  if (version == 0) BW_RETURN_IF_ERROR(RefuseForeignDatabase(db));

  return internal::InTransaction(db, "migrating the schema", [&]() -> Status {
    BW_RETURN_IF_ERROR(db.Execute(kCreateSchemaVersion, "creating schema_version"));
    // Another process may have migrated between the read and the write lock.
    BW_ASSIGN_OR_RETURN(version, ReadSchemaVersion(db));
    if (version > latest) return too_new(version);
    BW_ASSIGN_OR_RETURN(
        internal::Statement record,
        db.Prepare("INSERT INTO schema_version (version, description) VALUES (?, ?)"));
    for (const Migration& migration : migrations) {
      if (migration.version <= version) continue;
      const std::string what = "migration " + std::to_string(migration.version) + " (" +
                               std::string(migration.name) + ")";
      BW_RETURN_IF_ERROR(db.Execute(migration.sql, what));
      record.Reset();
      record.BindInt64(1, migration.version);
      record.BindText(2, migration.name);
      const int rc = record.Step();
      if (rc != SQLITE_DONE) return db.Error(rc, what);
    }
    return Status::Ok();
  });
}

}  // namespace bw::store
