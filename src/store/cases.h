// The store's area for the closed loop (issue 12): cases opened for unhappy answers, their
// history, and the webhooks that hear about them. Webhook deliveries are outbox messages
// (store/outreach.h, channel "webhook"); a failed one is the dead-letter list.
//
// A webhook's secret is kept as it is given (not hashed): it is the key every delivery is
// signed with, so it must be at hand for each; it is printed once when the webhook is
// added and never shown again (docs/surveys.md).
//
// Not thread-safe, like the Store that owns it; calls inside Store::Write's body
// (WriteTransaction::Cases()) are part of that transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace bw::store {

struct Case {
  int64_t id = 0;
  std::string kind;  // "detractor", "passive" or "threat"
  std::string account_id;
  std::string contact_id;   // "" for a threat
  std::string response_id;  // the answer that opened it ("" for a threat); one case each
  std::string owner;        // the account owner's email ("" when the account has none)
  std::string status;       // "open", "in_progress", "closed"
  int score = -1;           // the answer's score (-1 for a threat)
  int64_t opened_at = 0;    // Unix seconds
  int64_t due_at = 0;
  int64_t escalated_at = 0;  // 0: not escalated
  int64_t closed_at = 0;
  std::string resolution;  // the note given when closed
  std::string action;      // a follow-up action, e.g. "90-day plan"
  int64_t action_due = 0;  // its due date as a day number; 0: none
};

struct CaseEvent {
  int64_t case_id = 0;
  int64_t at = 0;
  std::string actor;  // user email, "cli:..." or "system"
  std::string what;   // "opened", "status:in_progress", "closed", "escalated", "note", "action"
  std::string note;
};

struct CaseFilter {
  std::string status;  // "" any
  std::string owner;   // "" any; compared case-insensitively
  int64_t limit = 100;
  int64_t offset = 0;
};

struct CasePage {
  int64_t total = 0;
  std::vector<Case> cases;  // newest first
};

struct Webhook {
  int64_t id = 0;
  std::string url;
  std::vector<std::string> events;  // e.g. "case.opened"
  std::string secret;               // "whsec_" + base64 of the key
  int64_t created_at = 0;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Adds the case (its id is chosen here). Errors: kAlreadyExists when its response has a
  // case already.
  virtual Result<Case> AddCase(const Case& c) = 0;
  virtual Result<std::optional<Case>> FindCase(int64_t id) = 0;
  virtual Result<CasePage> ListCases(const CaseFilter& filter) = 0;
  // Writes status, escalated_at, closed_at, resolution, action and action_due of `c`.
  virtual Status UpdateCase(const Case& c) = 0;
  virtual Status AddEvent(const CaseEvent& event) = 0;
  virtual Result<std::vector<CaseEvent>> ListEvents(int64_t case_id) = 0;  // oldest first
  // Cases not closed, due at or before `now`, not escalated yet.
  virtual Result<std::vector<Case>> ListOverdue(int64_t now) = 0;
  // The threat cases without a "threat_ended" event (the account is still a threat, as of
  // the last run that looked), by account id.
  virtual Result<std::vector<Case>> ListOngoingThreats() = 0;
  // Every case, for the loop figures.
  virtual Result<std::vector<Case>> AllCases() = 0;

  virtual Result<Webhook> AddWebhook(const Webhook& webhook) = 0;
  virtual Result<std::vector<Webhook>> ListWebhooks() = 0;
  virtual Result<std::optional<Webhook>> FindWebhook(int64_t id) = 0;
  // Errors: kNotFound.
  virtual Status RemoveWebhook(int64_t id) = 0;
};

}  // namespace bw::store
