#include "store/internal/sqlite_cases.h"

#include <string>
#include <utility>

#include "core/ascii.h"

namespace bw::store::internal {
namespace {

constexpr std::string_view kCaseColumns =
    "SELECT case_id, kind, account_id, COALESCE(contact_id, ''), COALESCE(response_id, ''), "
    "owner, status, COALESCE(score, -1), opened_at, due_at, COALESCE(escalated_at, 0), "
    "COALESCE(closed_at, 0), COALESCE(resolution, ''), COALESCE(action, ''), "
    "COALESCE(action_due, 0) FROM cases ";

Case ReadCase(const Statement& s) {
  Case c;
  c.id = s.ColumnInt64(0);
  c.kind = s.ColumnText(1);
  c.account_id = s.ColumnText(2);
  c.contact_id = s.ColumnText(3);
  c.response_id = s.ColumnText(4);
  c.owner = s.ColumnText(5);
  c.status = s.ColumnText(6);
  c.score = static_cast<int>(s.ColumnInt64(7));
  c.opened_at = s.ColumnInt64(8);
  c.due_at = s.ColumnInt64(9);
  c.escalated_at = s.ColumnInt64(10);
  c.closed_at = s.ColumnInt64(11);
  c.resolution = s.ColumnText(12);
  c.action = s.ColumnText(13);
  c.action_due = s.ColumnInt64(14);
  return c;
}

std::string JoinEvents(const std::vector<std::string>& events) {
  std::string out;
  for (const std::string& e : events) out += (out.empty() ? "" : ",") + e;
  return out;
}

std::vector<std::string> SplitEvents(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

Webhook ReadWebhook(const Statement& s) {
  Webhook w;
  w.id = s.ColumnInt64(0);
  w.url = s.ColumnText(1);
  w.events = SplitEvents(s.ColumnText(2));
  w.secret = s.ColumnText(3);
  w.created_at = s.ColumnInt64(4);
  return w;
}

class SqliteCaseStore final : public CaseStore {
 public:
  explicit SqliteCaseStore(Database& db) : db_(db) {}

  Result<Case> AddCase(const Case& c) override {
    BW_ASSIGN_OR_RETURN(
        Statement s,
        db_.Prepare("INSERT INTO cases (kind, account_id, contact_id, response_id, owner, status, "
                    "score, opened_at, due_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                    "RETURNING case_id"));
    s.BindText(1, c.kind);
    s.BindText(2, c.account_id);
    s.BindOptionalText(3, c.contact_id);
    s.BindOptionalText(4, c.response_id);
    const std::string owner = AsciiLower(c.owner);
    s.BindText(5, owner);
    s.BindText(6, c.status);
    if (c.score >= 0) {
      s.BindInt64(7, c.score);
    } else {
      s.BindNull(7);
    }
    s.BindInt64(8, c.opened_at);
    s.BindInt64(9, c.due_at);
    const int rc = s.Step();
    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
      return AlreadyExists("the response \"" + c.response_id + "\" has a case already");
    }
    if (rc != SQLITE_ROW) return db_.Error(rc, "opening a case");
    Case added = c;
    added.id = s.ColumnInt64(0);
    added.owner = owner;
    s.Reset();
    return added;
  }

  Result<std::optional<Case>> FindCase(int64_t id) override {
    return FindOne<Case>(
        db_, std::string(kCaseColumns) + "WHERE case_id = ?1",
        [&](Statement& s) { s.BindInt64(1, id); }, ReadCase);
  }

  Result<CasePage> ListCases(const CaseFilter& f) override {
    const std::string where = "WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR owner = ?2) ";
    const std::string owner = AsciiLower(f.owner);
    auto bind = [&](Statement& s) {
      s.BindText(1, f.status);
      s.BindText(2, owner);
      s.BindInt64(3, f.limit);
      s.BindInt64(4, f.offset);
    };
    CasePage page;
    BW_ASSIGN_OR_RETURN(
        page.cases, FindAll<Case>(db_,
                                  std::string(kCaseColumns) + where +
                                      "ORDER BY opened_at DESC, case_id DESC LIMIT ?3 OFFSET ?4",
                                  bind, ReadCase));
    BW_ASSIGN_OR_RETURN(Statement count, db_.Prepare("SELECT COUNT(*) FROM cases " + where));
    count.BindText(1, f.status);
    count.BindText(2, owner);
    const int rc = count.Step();
    if (rc != SQLITE_ROW) return db_.Error(rc, "counting cases");
    page.total = count.ColumnInt64(0);
    return page;
  }

  Status UpdateCase(const Case& c) override {
    return RunStatement(
        db_,
        "UPDATE cases SET status = ?2, escalated_at = NULLIF(?3, 0), closed_at = NULLIF(?4, 0), "
        "resolution = NULLIF(?5, ''), action = NULLIF(?6, ''), action_due = NULLIF(?7, 0) "
        "WHERE case_id = ?1",
        [&](Statement& s) {
          s.BindInt64(1, c.id);
          s.BindText(2, c.status);
          s.BindInt64(3, c.escalated_at);
          s.BindInt64(4, c.closed_at);
          s.BindText(5, c.resolution);
          s.BindText(6, c.action);
          s.BindInt64(7, c.action_due);
        });
  }

  Status AddEvent(const CaseEvent& e) override {
    return RunStatement(
        db_, "INSERT INTO case_events (case_id, at, actor, what, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        [&](Statement& s) {
          s.BindInt64(1, e.case_id);
          s.BindInt64(2, e.at);
          s.BindText(3, e.actor);
          s.BindText(4, e.what);
          s.BindOptionalText(5, e.note);
        });
  }

  Result<std::vector<CaseEvent>> ListEvents(int64_t case_id) override {
    return FindAll<CaseEvent>(
        db_,
        "SELECT case_id, at, actor, what, COALESCE(note, '') FROM case_events WHERE case_id = ?1 "
        "ORDER BY event_id",
        [&](Statement& s) { s.BindInt64(1, case_id); },
        [](const Statement& s) {
          CaseEvent e;
          e.case_id = s.ColumnInt64(0);
          e.at = s.ColumnInt64(1);
          e.actor = s.ColumnText(2);
          e.what = s.ColumnText(3);
          e.note = s.ColumnText(4);
          return e;
        });
  }

  Result<std::vector<Case>> ListOverdue(int64_t now) override {
    return FindAll<Case>(
        db_,
        std::string(kCaseColumns) +
            "WHERE status != 'closed' AND due_at <= ?1 AND escalated_at IS NULL "
            "ORDER BY due_at, case_id",
        [&](Statement& s) { s.BindInt64(1, now); }, ReadCase);
  }

  Result<std::vector<Case>> ListOngoingThreats() override {
    return FindAll<Case>(
        db_,
        std::string(kCaseColumns) +
            "WHERE kind = 'threat' AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id "
            "= cases.case_id AND e.what = 'threat_ended') ORDER BY account_id, case_id",
        [](Statement&) {}, ReadCase);
  }

  Result<std::vector<Case>> AllCases() override {
    return FindAll<Case>(
        db_, std::string(kCaseColumns) + "ORDER BY case_id", [](Statement&) {}, ReadCase);
  }

  Result<Webhook> AddWebhook(const Webhook& w) override {
    BW_ASSIGN_OR_RETURN(Statement s,
                        db_.Prepare("INSERT INTO webhooks (url, events, secret, created_at) VALUES "
                                    "(?1, ?2, ?3, ?4) RETURNING webhook_id"));
    const std::string events = JoinEvents(w.events);
    s.BindText(1, w.url);
    s.BindText(2, events);
    s.BindText(3, w.secret);
    s.BindInt64(4, w.created_at);
    const int rc = s.Step();
    if (rc != SQLITE_ROW) return db_.Error(rc, "adding a webhook");
    Webhook added = w;
    added.id = s.ColumnInt64(0);
    s.Reset();
    return added;
  }

  Result<std::vector<Webhook>> ListWebhooks() override {
    return FindAll<Webhook>(
        db_, "SELECT webhook_id, url, events, secret, created_at FROM webhooks ORDER BY webhook_id",
        [](Statement&) {}, ReadWebhook);
  }

  Result<std::optional<Webhook>> FindWebhook(int64_t id) override {
    return FindOne<Webhook>(
        db_,
        "SELECT webhook_id, url, events, secret, created_at FROM webhooks WHERE webhook_id = ?1",
        [&](Statement& s) { s.BindInt64(1, id); }, ReadWebhook);
  }

  Status RemoveWebhook(int64_t id) override {
    BW_RETURN_IF_ERROR(RunStatement(db_, "DELETE FROM webhooks WHERE webhook_id = ?1",
                                    [&](Statement& s) { s.BindInt64(1, id); }));
    if (sqlite3_changes(db_.handle()) == 0) {
      return NotFound("no webhook " + std::to_string(id));
    }
    return Status::Ok();
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<CaseStore> MakeSqliteCaseStore(Database& db) {
  return std::make_unique<SqliteCaseStore>(db);
}

}  // namespace bw::store::internal
