-- survey waves and invitations, outbox, suppression list, cases, webhooks
-- Version 3: surveys and their outbound messages (store/outreach.h). A wave's invitations
-- and answers are invitation and response records of version 1; survey_invites holds what
-- only the survey needs (the token hash, reminders, the extra answers), and goes with its
-- invitation record when that is deleted. Each mail (invitation, reminder) carries a token
-- of its own; only its SHA-256 is stored (survey_tokens). invitations_by_contact serves the
-- fatigue rule (a contact's latest invitation).
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
