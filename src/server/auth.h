// Who is asking, and may they (api.md, "Authentication" and "Roles"; docs/security.md).
//
// A request is authenticated by the session cookie set at login or by an API token
// (`Authorization: Bearer bw_...`). Sessions end after 30 minutes idle or 8 hours after
// login, by the injected clock. A state change made with a cookie must carry the session's
// CSRF token in X-CSRF-Token and, when the browser sends an Origin, the server's own.
// Logins are throttled per address and per email so guessing is slow, but the real user is
// never locked out for longer than kMaxAccountDelay.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "server/http_server.h"
#include "store/store.h"

namespace bw::server {

// The store, used by one thread at a time (store.h): every call holds the lock.
struct LockedStore {
  std::mutex mutex;
  store::Store* store = nullptr;
};

struct Principal {
  int64_t user_id = 0;
  std::string email;
  std::string name;
  store::UserRole role = store::UserRole::kViewer;
  bool via_token = false;
  std::string session_hash;  // empty for a token
  std::string csrf_token;    // empty for a token
};

struct AuthOptions {
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{8 * 60 * 60};
  bool secure_cookies = false;  // Secure + __Host- prefix
  // Origins a browser may send besides http(s)://<Host> (e.g. [server] public_url).
  std::string public_origin;
};

// How long a checked session or token is trusted without asking the store again: a user
// removed, a password changed or a token revoked by the CLI (another process) takes effect
// within this (api.md allows 5 seconds). Changes made through this server take effect at
// once.
inline constexpr std::chrono::seconds kCredentialRecheck{2};

inline constexpr int kFreeFailuresPerEmail = 5;
inline constexpr int kFailuresPerAddressPerWindow = 30;
inline constexpr std::chrono::seconds kAddressWindow{15 * 60};
inline constexpr std::chrono::seconds kMaxAccountDelay{60};

struct LoginResult {
  Principal principal;
  std::string session_id;  // for the cookie; only its hash is stored
};

class Auth {
 public:
  Auth(LockedStore& store, const Clock& clock, AuthOptions options);

  // Errors: kUnauthenticated (wrong email or password: one message for both);
  // kResourceExhausted with `retry_after` set when throttled.
  Result<LoginResult> Login(const std::string& email, const std::string& password,
                            const std::string& peer, int64_t& retry_after);

  // The principal of the request's cookie or bearer token. Errors: kUnauthenticated.
  Result<Principal> Authenticate(const Request& request);

  // For a state-changing request made with a session: the CSRF token and Origin rules.
  // Errors: kPermissionDenied.
  Status CheckCsrf(const Request& request, const Principal& principal) const;

  Status Logout(const Principal& principal);

  std::string SessionCookie(const std::string& session_id) const;
  std::string ExpiredSessionCookie() const;
  std::string CookieName() const {
    return options_.secure_cookies ? "__Host-bw_session" : "bw_session";
  }

 private:
  struct Throttle {
    int failures = 0;
    int64_t window_start = 0;  // address: start of the counting window
    int64_t blocked_until = 0;
  };
  // A session or token checked against the store less than kCredentialRecheck ago.
  struct Checked {
    Principal principal;
    int64_t created_at = 0;    // sessions: the absolute timeout counts from here
    int64_t last_seen_at = 0;  // sessions: last seen; tokens: last used
    std::chrono::steady_clock::time_point checked_at;
  };
  Result<Principal> AuthenticateToken(std::string_view token, int64_t now);
  Result<Principal> AuthenticateSession(const std::string& session_id, int64_t now);
  std::optional<Checked> Cached(const std::string& hash);
  void Remember(const std::string& hash, Checked checked);
  void Forget(const std::string& hash);

  bool Throttled(const std::string& email, const std::string& peer, int64_t now,
                 int64_t& retry_after);
  void RecordFailure(const std::string& email, const std::string& peer, int64_t now);

  LockedStore& store_;
  const Clock& clock_;
  const AuthOptions options_;
  std::mutex throttle_mutex_;
  std::map<std::string, Throttle> by_email_, by_address_;
  std::mutex checked_mutex_;
  std::map<std::string, Checked> checked_;  // by credential hash
};

// The email as stored: trimmed and lower-case.
std::string NormalizeEmail(std::string_view email);

}  // namespace bw::server
