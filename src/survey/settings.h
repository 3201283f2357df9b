// The survey module's settings, as the workspace configuration ([survey], [smtp];
// docs/configuration.md and docs/surveys.md) gives them.
#pragma once

#include <string>
#include <vector>

namespace bw::survey {

// [survey]
struct SurveySettings {
  std::string language = "en";  // the workspace's language: "de" or "en"
  int fatigue_days = 90;        // nobody is invited twice within this many days
  int link_valid_days = 30;     // a link works this long after its mail was queued
  int edit_days = 7;            // an answer may be changed this long after it was first given
  // The pick-list of drivers ("what is behind your score?"), as stored in responses.
  std::vector<std::string> drivers = {"product", "support", "price", "onboarding",
                                      "account_management"};
  std::vector<std::string> questions;  // up to 4 extra short questions
  int answers_per_minute = 30;         // per client address, on the answer pages
  bool operator==(const SurveySettings&) const = default;
};

// [smtp]
struct SmtpSettings {
  std::string host;  // empty: no mail is sent (the outbox keeps it)
  int port = 25;
  std::string from;          // the From address, e.g. "Acme CX <cx@acme.example>"
  std::string username;      // empty: no authentication
  std::string password_env;  // the environment variable holding the password
  bool starttls = false;     // require STARTTLS before authenticating and sending
  int timeout_seconds = 30;
  // A mail claimed by a sender that died is sent again after this many seconds.
  int lease_seconds = 120;
  // The first wait after a 4xx; each further attempt waits twice as long (at most 6 h).
  int retry_seconds = 60;
  // SMTP connections a sender uses at once (each on a thread of its own).
  int connections = 4;
  bool operator==(const SmtpSettings&) const = default;
};

}  // namespace bw::survey
