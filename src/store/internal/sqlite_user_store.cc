#include "store/internal/sqlite_user_store.h"

#include <array>
#include <string>
#include <utility>

namespace bw::store::internal {
namespace {

constexpr std::array<std::string_view, 4> kRoleNames = {"admin", "cx_manager", "account_manager",
                                                        "viewer"};

constexpr std::string_view kUserColumns =
    "SELECT user_id, email, name, role, password_hash, created_at FROM users ";
constexpr std::string_view kTokenColumns =
    "SELECT t.token_id, t.user_id, u.email, t.name, t.token_hash, t.created_at, "
    "COALESCE(t.last_used_at, 0), t.revoked FROM api_tokens t JOIN users u USING (user_id) ";

User ReadUser(const Statement& s) {
  User u;
  u.id = s.ColumnInt64(0);
  u.email = s.ColumnText(1);
  u.name = s.ColumnText(2);
  u.role = ParseUserRole(s.ColumnText(3)).value_or(UserRole::kViewer);
  u.password_hash = s.ColumnText(4);
  u.created_at = s.ColumnInt64(5);
  return u;
}

ApiToken ReadToken(const Statement& s) {
  ApiToken t;
  t.id = s.ColumnInt64(0);
  t.user_id = s.ColumnInt64(1);
  t.user_email = s.ColumnText(2);
  t.name = s.ColumnText(3);
  t.token_hash = s.ColumnText(4);
  t.created_at = s.ColumnInt64(5);
  t.last_used_at = s.ColumnInt64(6);
  t.revoked = s.ColumnInt64(7) != 0;
  return t;
}

// A user as the audit log shows it: never the password hash.
std::string UserJson(const User& u) {
  std::string out = "{\"email\":\"";
  auto escape = [&out](std::string_view text) {
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) < 0x20) continue;
      out += c;
    }
  };
  escape(u.email);
  out += "\",\"name\":\"";
  escape(u.name);
  out += "\",\"role\":\"";
  out += UserRoleName(u.role);
  out += "\"}";
  return out;
}

class SqliteUserStore final : public UserStore {
 public:
  explicit SqliteUserStore(Database& db) : db_(db) {}

  Result<User> AddUser(const User& user, const Actor& actor) override {
    User added = user;
    Status status = InTransaction(db_, "adding a user", [&]() -> Status {
      BW_ASSIGN_OR_RETURN(Statement s,
                          db_.Prepare("INSERT INTO users (email, name, role, password_hash, "
                                      "created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING user_id"));
      s.BindText(1, user.email);
      s.BindText(2, user.name);
      s.BindText(3, UserRoleName(user.role));
      s.BindText(4, user.password_hash);
      s.BindInt64(5, actor.now);
      const int rc = s.Step();
      if (rc != SQLITE_ROW) {
        if ((rc & 0xff) == SQLITE_CONSTRAINT) {
          return AlreadyExists("a user with the email \"" + user.email + "\" exists already");
        }
        return db_.Error(rc, "adding a user");
      }
      added.id = s.ColumnInt64(0);
      added.created_at = actor.now;
      s.Reset();
      BW_RETURN_IF_ERROR(Audit(actor, "user.add", "user", user.email, "", UserJson(added)));
      return BumpChangeVersion(db_, "auth");
    });
    if (!status.ok()) return status;
    return added;
  }

  Result<std::optional<User>> FindUserByEmail(std::string_view email) override {
    return FindOne<User>(
        db_, std::string(kUserColumns) + "WHERE email = ?1",
        [&](Statement& s) { s.BindText(1, email); }, ReadUser);
  }

  Result<std::optional<User>> FindUserById(int64_t id) override {
    return FindOne<User>(
        db_, std::string(kUserColumns) + "WHERE user_id = ?1",
        [&](Statement& s) { s.BindInt64(1, id); }, ReadUser);
  }

  Result<std::vector<User>> ListUsers() override {
    return FindAll<User>(
        db_, std::string(kUserColumns) + "ORDER BY email", [](Statement&) {}, ReadUser);
  }

  Status RemoveUser(std::string_view email, const Actor& actor) override {
    return ChangeUser(email, actor, "user.remove", [&](const User& before) -> Result<std::string> {
      BW_RETURN_IF_ERROR(RunStatement(db_, "DELETE FROM sessions WHERE user_id = ?1",
                                      [&](Statement& s) { s.BindInt64(1, before.id); }));
      BW_RETURN_IF_ERROR(RunStatement(db_, "DELETE FROM api_tokens WHERE user_id = ?1",
                                      [&](Statement& s) { s.BindInt64(1, before.id); }));
      BW_RETURN_IF_ERROR(RunStatement(db_, "DELETE FROM users WHERE user_id = ?1",
                                      [&](Statement& s) { s.BindInt64(1, before.id); }));
      return std::string();
    });
  }

  Status SetPasswordHash(std::string_view email, const std::string& hash,
                         const Actor& actor) override {
    return ChangeUser(
        email, actor, "user.password", [&](const User& before) -> Result<std::string> {
          BW_RETURN_IF_ERROR(RunStatement(
              db_, "UPDATE users SET password_hash = ?2 WHERE user_id = ?1", [&](Statement& s) {
                s.BindInt64(1, before.id);
                s.BindText(2, hash);
              }));
          // A new password ends every session opened with the old one.
          BW_RETURN_IF_ERROR(RunStatement(db_, "DELETE FROM sessions WHERE user_id = ?1",
                                          [&](Statement& s) { s.BindInt64(1, before.id); }));
          return UserJson(before);
        });
  }

  Status SetRole(std::string_view email, UserRole role, const Actor& actor) override {
    return ChangeUser(email, actor, "user.role", [&](const User& before) -> Result<std::string> {
      BW_RETURN_IF_ERROR(
          RunStatement(db_, "UPDATE users SET role = ?2 WHERE user_id = ?1", [&](Statement& s) {
            s.BindInt64(1, before.id);
            s.BindText(2, UserRoleName(role));
          }));
      User after = before;
      after.role = role;
      return UserJson(after);
    });
  }

  Result<ApiToken> AddToken(std::string_view email, const std::string& name,
                            const std::string& token_hash, const Actor& actor) override {
    ApiToken token;
    Status status = InTransaction(db_, "creating a token", [&]() -> Status {
      BW_ASSIGN_OR_RETURN(std::optional<User> user, FindUserByEmail(email));
      if (!user) return NotFound("no user with the email \"" + std::string(email) + "\"");
      BW_ASSIGN_OR_RETURN(Statement s,
                          db_.Prepare("INSERT INTO api_tokens (user_id, name, token_hash, "
                                      "created_at) VALUES (?1, ?2, ?3, ?4) RETURNING token_id"));
      s.BindInt64(1, user->id);
      s.BindText(2, name);
      s.BindText(3, token_hash);
      s.BindInt64(4, actor.now);
      const int rc = s.Step();
      if (rc != SQLITE_ROW) return db_.Error(rc, "creating a token");
      token.id = s.ColumnInt64(0);
      s.Reset();
      token.user_id = user->id;
      token.user_email = user->email;
      token.name = name;
      token.token_hash = token_hash;
      token.created_at = actor.now;
      BW_RETURN_IF_ERROR(Audit(actor, "token.create", "token", std::to_string(token.id), "",
                               "{\"user\":\"" + user->email + "\"}"));
      return BumpChangeVersion(db_, "auth");
    });
    if (!status.ok()) return status;
    return token;
  }

  Result<std::vector<ApiToken>> ListTokens(std::string_view email) override {
    if (email.empty()) {
      return FindAll<ApiToken>(
          db_, std::string(kTokenColumns) + "ORDER BY t.token_id", [](Statement&) {}, ReadToken);
    }
    return FindAll<ApiToken>(
        db_, std::string(kTokenColumns) + "WHERE u.email = ?1 ORDER BY t.token_id",
        [&](Statement& s) { s.BindText(1, email); }, ReadToken);
  }

  Result<std::optional<ApiToken>> FindTokenByHash(std::string_view token_hash) override {
    return FindOne<ApiToken>(
        db_, std::string(kTokenColumns) + "WHERE t.token_hash = ?1",
        [&](Statement& s) { s.BindText(1, token_hash); }, ReadToken);
  }

  Status RevokeToken(int64_t id, const Actor& actor) override {
    return InTransaction(db_, "revoking a token", [&]() -> Status {
      BW_ASSIGN_OR_RETURN(Statement s,
                          db_.Prepare("UPDATE api_tokens SET revoked = 1 WHERE token_id = ?1"));
      s.BindInt64(1, id);
      const int rc = s.Step();
      if (rc != SQLITE_DONE) return db_.Error(rc, "revoking a token");
      if (sqlite3_changes(db_.handle()) == 0) {
        return NotFound("no token with the id " + std::to_string(id));
      }
      BW_RETURN_IF_ERROR(Audit(actor, "token.revoke", "token", std::to_string(id),
                               "{\"revoked\":false}", "{\"revoked\":true}"));
      return BumpChangeVersion(db_, "auth");
    });
  }

  Status MarkTokenUsed(int64_t id, int64_t now) override {
    return RunStatement(db_, "UPDATE api_tokens SET last_used_at = ?2 WHERE token_id = ?1",
                        [&](Statement& s) {
                          s.BindInt64(1, id);
                          s.BindInt64(2, now);
                        });
  }

  Status CreateSession(const Session& session) override {
    return RunStatement(
        db_,
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)",
        [&](Statement& s) {
          s.BindText(1, session.id_hash);
          s.BindInt64(2, session.user_id);
          s.BindText(3, session.csrf_token);
          s.BindInt64(4, session.created_at);
          s.BindInt64(5, session.last_seen_at);
        });
  }

  Result<std::optional<Session>> FindSession(std::string_view id_hash) override {
    return FindOne<Session>(
        db_,
        "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions "
        "WHERE id_hash = ?1",
        [&](Statement& s) { s.BindText(1, id_hash); },
        [](const Statement& s) {
          Session out;
          out.id_hash = s.ColumnText(0);
          out.user_id = s.ColumnInt64(1);
          out.csrf_token = s.ColumnText(2);
          out.created_at = s.ColumnInt64(3);
          out.last_seen_at = s.ColumnInt64(4);
          return out;
        });
  }

  Status TouchSession(std::string_view id_hash, int64_t now) override {
    return RunStatement(db_, "UPDATE sessions SET last_seen_at = ?2 WHERE id_hash = ?1",
                        [&](Statement& s) {
                          s.BindText(1, id_hash);
                          s.BindInt64(2, now);
                        });
  }

  Status DeleteSession(std::string_view id_hash) override {
    return RunStatement(db_, "DELETE FROM sessions WHERE id_hash = ?1",
                        [&](Statement& s) { s.BindText(1, id_hash); });
  }

  Status DeleteExpiredSessions(int64_t idle_before, int64_t created_before) override {
    return RunStatement(db_, "DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2",
                        [&](Statement& s) {
                          s.BindInt64(1, idle_before);
                          s.BindInt64(2, created_before);
                        });
  }

  Status AppendAudit(const AuditEntry& e) override {
    return Audit(Actor{e.actor, e.at}, e.action, e.object_type, e.object_id, e.before_json,
                 e.after_json);
  }

  Result<AuditPage> ListAudit(int64_t limit, int64_t offset) override {
    AuditPage page;
    BW_ASSIGN_OR_RETURN(page.total, db_.QueryInt64("SELECT COUNT(*) FROM audit_log", 0));
    BW_ASSIGN_OR_RETURN(page.entries,
                        FindAll<AuditEntry>(
                            db_,
                            "SELECT audit_id, at, actor, action, object_type, object_id, "
                            "COALESCE(before_json, ''), COALESCE(after_json, '') FROM audit_log "
                            "ORDER BY audit_id DESC LIMIT ?1 OFFSET ?2",
                            [&](Statement& s) {
                              s.BindInt64(1, limit);
                              s.BindInt64(2, offset);
                            },
                            [](const Statement& s) {
                              AuditEntry e;
                              e.id = s.ColumnInt64(0);
                              e.at = s.ColumnInt64(1);
                              e.actor = s.ColumnText(2);
                              e.action = s.ColumnText(3);
                              e.object_type = s.ColumnText(4);
                              e.object_id = s.ColumnText(5);
                              e.before_json = s.ColumnText(6);
                              e.after_json = s.ColumnText(7);
                              return e;
                            }));
    return page;
  }

  Result<int64_t> AuthVersion() override { return ReadChangeVersion(db_, "auth"); }

 private:
  // Runs `change(user)` for the user with `email` in one transaction with its audit entry;
  // `change` returns the user's JSON after the change ("" when removed).
  template <typename Change>
  Status ChangeUser(std::string_view email, const Actor& actor, std::string_view action,
                    Change&& change) {
    return InTransaction(db_, action, [&]() -> Status {
      BW_ASSIGN_OR_RETURN(std::optional<User> before, FindUserByEmail(email));
      if (!before) return NotFound("no user with the email \"" + std::string(email) + "\"");
      BW_ASSIGN_OR_RETURN(const std::string after, change(*before));
      BW_RETURN_IF_ERROR(Audit(actor, action, "user", before->email, UserJson(*before), after));
      return BumpChangeVersion(db_, "auth");
    });
  }

  Status Audit(const Actor& actor, std::string_view action, std::string_view object_type,
               std::string_view object_id, std::string_view before, std::string_view after) {
    return RunStatement(
        db_,
        "INSERT INTO audit_log (at, actor, action, object_type, object_id, before_json, "
        "after_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        [&](Statement& s) {
          s.BindInt64(1, actor.now);
          s.BindText(2, actor.name);
          s.BindText(3, action);
          s.BindText(4, object_type);
          s.BindText(5, object_id);
          s.BindOptionalText(6, before);
          s.BindOptionalText(7, after);
        });
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<UserStore> MakeSqliteUserStore(Database& db) {
  return std::make_unique<SqliteUserStore>(db);
}

Status BumpChangeVersion(Database& db, std::string_view area) {
  BW_ASSIGN_OR_RETURN(
      Statement s, db.Prepare("UPDATE change_versions SET version = version + 1 WHERE area = ?1"));
  s.BindText(1, area);
  const int rc = s.Step();
  if (rc != SQLITE_DONE) return db.Error(rc, "bumping the change version");
  return Status::Ok();
}

Result<int64_t> ReadChangeVersion(const Database& db, std::string_view area) {
  BW_ASSIGN_OR_RETURN(Statement s,
                      db.Prepare("SELECT version FROM change_versions WHERE area = ?1"));
  s.BindText(1, area);
  const int rc = s.Step();
  if (rc == SQLITE_DONE) return int64_t{0};
  if (rc != SQLITE_ROW) return db.Error(rc, "reading the change version");
  return s.ColumnInt64(0);
}

}  // namespace bw::store::internal

namespace bw::store {

std::string_view UserRoleName(UserRole role) {
  return internal::kRoleNames[static_cast<size_t>(role)];
}

std::optional<UserRole> ParseUserRole(std::string_view name) {
  for (size_t i = 0; i < internal::kRoleNames.size(); ++i) {
    if (internal::kRoleNames[i] == name) return static_cast<UserRole>(i);
  }
  return std::nullopt;
}

}  // namespace bw::store
