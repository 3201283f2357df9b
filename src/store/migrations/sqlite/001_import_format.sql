-- import format v1: accounts, contacts, revenue, invitations, responses, touchpoints, signals
-- Version 1: the import format of shared/spec/data-format.md. Keys as store.h says:
-- accounts, contacts, invitations, responses, touchpoints by id; revenue by account and
-- month; signals by account, signal and date. CHECK constraints hold the enumerations to
-- their canonical names (core/domain.h) so a scan never meets a value it cannot map.
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
