// The users, sessions, API tokens and audit log of a workspace (shared/spec/api.md,
// "Authentication" and "Roles"): the store's area for who may do what.
//
// Secrets never reach the store in the clear: a password is stored as its argon2id hash
// string, a session id and an API token as a SHA-256 hash (computed by the caller), so a
// copy of the database does not let anybody log in. Every change to users and tokens is
// written to the audit log in the same transaction, and bumps the auth version that a
// running server polls to see changes made by the CLI or another instance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace bw::store {

// api.md, "Roles".
enum class UserRole { kAdmin, kCxManager, kAccountManager, kViewer };
std::string_view UserRoleName(UserRole role);  // "admin", "cx_manager", ...
std::optional<UserRole> ParseUserRole(std::string_view name);

struct User {
  int64_t id = 0;
  std::string email;  // lower-case, unique
  std::string name;
  UserRole role = UserRole::kViewer;
  std::string password_hash;  // argon2id hash string (libsodium's format)
  int64_t created_at = 0;     // Unix seconds
};

struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string user_email;
  std::string name;
  std::string token_hash;     // hex SHA-256 of the token
  int64_t created_at = 0;     // Unix seconds
  int64_t last_used_at = 0;   // 0: never
  bool revoked = false;
};

struct Session {
  std::string id_hash;  // hex SHA-256 of the session id sent in the cookie
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;    // Unix seconds; the absolute timeout counts from here
  int64_t last_seen_at = 0;  // Unix seconds; the idle timeout counts from here
};

struct AuditEntry {
  int64_t id = 0;
  int64_t at = 0;           // Unix seconds
  std::string actor;        // user email, or "cli:<what>" for the command line
  std::string action;       // e.g. "user.add", "token.revoke", "account.update"
  std::string object_type;  // e.g. "user", "token", "account"
  std::string object_id;
  std::string before_json;  // "" when the object did not exist before
  std::string after_json;   // "" when it does not exist after
};

struct AuditPage {
  int64_t total = 0;
  std::vector<AuditEntry> entries;  // newest first
};

// Who makes a change and when, for the audit log.
struct Actor {
  std::string name;  // user email or "cli:..."
  int64_t now = 0;   // Unix seconds, from the caller's clock
};

// Not thread-safe: used by one thread at a time, like the Store that owns it.
class UserStore {
 public:
  virtual ~UserStore() = default;

  // Errors: kAlreadyExists when the email is taken.
  virtual Result<User> AddUser(const User& user, const Actor& actor) = 0;
  virtual Result<std::optional<User>> FindUserByEmail(std::string_view email) = 0;
  virtual Result<std::optional<User>> FindUserById(int64_t id) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  // Removes the user with their sessions and tokens. Errors: kNotFound.
  virtual Status RemoveUser(std::string_view email, const Actor& actor) = 0;
  // Replaces the password hash and ends the user's sessions. Errors: kNotFound.
  virtual Status SetPasswordHash(std::string_view email, const std::string& hash,
                                 const Actor& actor) = 0;
  // Errors: kNotFound.
  virtual Status SetRole(std::string_view email, UserRole role, const Actor& actor) = 0;

  // Errors: kNotFound for an unknown user.
  virtual Result<ApiToken> AddToken(std::string_view email, const std::string& name,
                                    const std::string& token_hash, const Actor& actor) = 0;
  // Every token, or those of one user (email non-empty), revoked ones included.
  virtual Result<std::vector<ApiToken>> ListTokens(std::string_view email) = 0;
  virtual Result<std::optional<ApiToken>> FindTokenByHash(std::string_view token_hash) = 0;
  // Errors: kNotFound.
  virtual Status RevokeToken(int64_t id, const Actor& actor) = 0;
  virtual Status MarkTokenUsed(int64_t id, int64_t now) = 0;

  virtual Status CreateSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> FindSession(std::string_view id_hash) = 0;
  virtual Status TouchSession(std::string_view id_hash, int64_t now) = 0;
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  // Deletes sessions idle since before `idle_before` or created before `created_before`.
  virtual Status DeleteExpiredSessions(int64_t idle_before, int64_t created_before) = 0;

  // Appends to the audit log (for changes outside this area, e.g. data records).
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  // Newest first. `limit` rows from `offset`.
  virtual Result<AuditPage> ListAudit(int64_t limit, int64_t offset) = 0;

  // A number that grows with every change to users and tokens (not sessions).
  virtual Result<int64_t> AuthVersion() = 0;
};

}  // namespace bw::store
