#include "server/auth.h"

#include <algorithm>

#include "core/ascii.h"
#include "service/credentials.h"

namespace bw::server {
namespace http = boost::beast::http;

std::string NormalizeEmail(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) {
    email.remove_prefix(1);
  }
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) {
    email.remove_suffix(1);
  }
  return AsciiLower(email);
}

namespace {

const char kWrongLogin[] = "wrong email or password";

Principal PrincipalOf(const store::User& user) {
  Principal principal;
  principal.user_id = user.id;
  principal.email = user.email;
  principal.name = user.name;
  principal.role = user.role;
  return principal;
}

std::string_view Header(const Request& request, http::field field) {
  const auto it = request.find(field);
  if (it == request.end()) return {};
  return {it->value().data(), it->value().size()};
}

std::string CookieValue(const Request& request, std::string_view name) {
  for (auto it = request.find(http::field::cookie);
       it != request.end() && it->name() == http::field::cookie; ++it) {
    std::string_view cookies(it->value().data(), it->value().size());
    while (!cookies.empty()) {
      const size_t semi = cookies.find(';');
      std::string_view pair = cookies.substr(0, semi);
      cookies = semi == std::string_view::npos ? std::string_view() : cookies.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        return std::string(pair.substr(eq + 1));
      }
    }
  }
  return "";
}

}  // namespace

Auth::Auth(LockedStore& store, const Clock& clock, AuthOptions options)
    : store_(store), clock_(clock), options_(std::move(options)) {}

bool Auth::Throttled(const std::string& email, const std::string& peer, int64_t now,
                     int64_t& retry_after) {
  std::lock_guard lock(throttle_mutex_);
  int64_t until = 0;
  if (auto it = by_email_.find(email); it != by_email_.end()) until = it->second.blocked_until;
  if (auto it = by_address_.find(peer); it != by_address_.end()) {
    until = std::max(until, it->second.blocked_until);
  }
  if (until > now) {
    retry_after = until - now;
    return true;
  }
  return false;
}

void Auth::RecordFailure(const std::string& email, const std::string& peer, int64_t now) {
  std::lock_guard lock(throttle_mutex_);
  // Per email: after kFreeFailuresPerEmail failures, each next attempt waits twice as long
  // as the last, at most kMaxAccountDelay: guessing one account is slow, and its owner
  // waits a minute at worst.
  Throttle& account = by_email_[email];
  ++account.failures;
  if (account.failures >= kFreeFailuresPerEmail) {
    const int doublings = std::min(account.failures - kFreeFailuresPerEmail, 6);
    account.blocked_until =
        now + std::min<int64_t>(int64_t{1} << doublings, kMaxAccountDelay.count());
  }
  // Per address: kFailuresPerAddressPerWindow failures in a window block the address
  // until the window ends (one machine trying many accounts).
  Throttle& address = by_address_[peer];
  if (now - address.window_start >= kAddressWindow.count()) address = Throttle{0, now, 0};
  if (++address.failures >= kFailuresPerAddressPerWindow) {
    address.blocked_until = address.window_start + kAddressWindow.count();
  }
  // Bound the memory an attacker can make us spend on counters.
  if (by_email_.size() > 100000) by_email_.clear();
  if (by_address_.size() > 100000) by_address_.clear();
}

Result<LoginResult> Auth::Login(const std::string& email_input, const std::string& password,
                                const std::string& peer, int64_t& retry_after) {
  const std::string email = NormalizeEmail(email_input);
  const int64_t now = clock_.UnixSeconds();
  if (Throttled(email, peer, now, retry_after)) {
    return ResourceExhausted("too many failed logins; try again in " + std::to_string(retry_after) +
                             " s");
  }
  std::optional<store::User> user;
  {
    std::lock_guard lock(store_.mutex);
    BW_ASSIGN_OR_RETURN(user, store_.store->users().FindUserByEmail(email));
  }
  // Hashing happens outside the store's lock: it takes tens of milliseconds.
  const bool ok = user ? service::VerifyPassword(user->password_hash, password)
                       : (service::VerifyPasswordOfNobody(password), false);
  if (!ok) {
    RecordFailure(email, peer, now);
    return Unauthenticated(kWrongLogin);
  }
  {
    std::lock_guard lock(throttle_mutex_);
    by_email_.erase(email);
  }
  LoginResult result;
  result.session_id = service::RandomHex(32);  // 256 bits, a new id at every login
  result.principal = PrincipalOf(*user);
  result.principal.session_hash = service::Sha256Hex(result.session_id);
  result.principal.csrf_token = service::RandomHex(32);
  std::lock_guard lock(store_.mutex);
  store::UserStore& users = store_.store->users();
  BW_RETURN_IF_ERROR(users.DeleteExpiredSessions(now - options_.idle_timeout.count(),
                                                 now - options_.absolute_timeout.count()));
  BW_RETURN_IF_ERROR(users.CreateSession(store::Session{result.principal.session_hash, user->id,
                                                        result.principal.csrf_token, now, now}));
  return result;
}

std::optional<Auth::Checked> Auth::Cached(const std::string& hash) {
  std::lock_guard lock(checked_mutex_);
  const auto it = checked_.find(hash);
  if (it == checked_.end()) return std::nullopt;
  if (std::chrono::steady_clock::now() - it->second.checked_at >= kCredentialRecheck) {
    checked_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void Auth::Remember(const std::string& hash, Checked checked) {
  checked.checked_at = std::chrono::steady_clock::now();
  std::lock_guard lock(checked_mutex_);
  if (checked_.size() > 100000) checked_.clear();  // bounded whatever the traffic
  checked_[hash] = std::move(checked);
}

void Auth::Forget(const std::string& hash) {
  std::lock_guard lock(checked_mutex_);
  checked_.erase(hash);
}

Result<Principal> Auth::Authenticate(const Request& request) {
  const int64_t now = clock_.UnixSeconds();
  const std::string_view authorization = Header(request, http::field::authorization);
  if (!authorization.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.substr(0, kBearer.size()) != kBearer) {
      return Unauthenticated("the Authorization header must be `Bearer TOKEN`");
    }
    return AuthenticateToken(authorization.substr(kBearer.size()), now);
  }
  const std::string session_id = CookieValue(request, CookieName());
  if (session_id.empty()) return Unauthenticated("log in first (POST /api/v1/session)");
  return AuthenticateSession(session_id, now);
}

Result<Principal> Auth::AuthenticateToken(std::string_view token_text, int64_t now) {
  const std::string hash = service::Sha256Hex(token_text);
  // Last use is kept to the minute: a write per request would cost more than it tells.
  if (std::optional<Checked> cached = Cached(hash); cached && now - cached->last_seen_at < 60) {
    return cached->principal;
  }
  std::lock_guard lock(store_.mutex);
  store::UserStore& users = store_.store->users();
  BW_ASSIGN_OR_RETURN(std::optional<store::ApiToken> token, users.FindTokenByHash(hash));
  if (!token || token->revoked) return Unauthenticated("unknown or revoked API token");
  BW_ASSIGN_OR_RETURN(std::optional<store::User> user, users.FindUserById(token->user_id));
  if (!user) return Unauthenticated("unknown or revoked API token");
  int64_t last_used = token->last_used_at;
  if (now - last_used >= 60) {
    BW_RETURN_IF_ERROR(users.MarkTokenUsed(token->id, now));
    last_used = now;
  }
  Checked checked;
  checked.principal = PrincipalOf(*user);
  checked.principal.via_token = true;
  checked.last_seen_at = last_used;
  Remember(hash, checked);
  return checked.principal;
}

Result<Principal> Auth::AuthenticateSession(const std::string& session_id, int64_t now) {
  const std::string hash = service::Sha256Hex(session_id);
  auto expired = [&](int64_t created_at, int64_t last_seen_at) {
    return now - last_seen_at >= options_.idle_timeout.count() ||
           now - created_at >= options_.absolute_timeout.count();
  };
  if (std::optional<Checked> cached = Cached(hash)) {
    // Seen-at is kept to the minute (see AuthenticateToken); the idle timeout is 30 minutes.
    if (!expired(cached->created_at, cached->last_seen_at) && now - cached->last_seen_at < 60) {
      return cached->principal;
    }
  }
  std::lock_guard lock(store_.mutex);
  store::UserStore& users = store_.store->users();
  BW_ASSIGN_OR_RETURN(std::optional<store::Session> session, users.FindSession(hash));
  if (!session) {
    Forget(hash);
    return Unauthenticated("the session has ended; log in again");
  }
  if (expired(session->created_at, session->last_seen_at)) {
    Forget(hash);
    BW_RETURN_IF_ERROR(users.DeleteSession(hash));
    return Unauthenticated("the session has expired; log in again");
  }
  BW_ASSIGN_OR_RETURN(std::optional<store::User> user, users.FindUserById(session->user_id));
  if (!user) {
    Forget(hash);
    return Unauthenticated("the session has ended; log in again");
  }
  int64_t last_seen = session->last_seen_at;
  if (now - last_seen >= 60) {
    BW_RETURN_IF_ERROR(users.TouchSession(hash, now));
    last_seen = now;
  }
  Checked checked;
  checked.principal = PrincipalOf(*user);
  checked.principal.session_hash = hash;
  checked.principal.csrf_token = session->csrf_token;
  checked.created_at = session->created_at;
  checked.last_seen_at = last_seen;
  Remember(hash, checked);
  return checked.principal;
}

Status Auth::CheckCsrf(const Request& request, const Principal& principal) const {
  if (principal.via_token) return Status::Ok();
  std::string_view token;
  if (auto it = request.find("X-CSRF-Token"); it != request.end()) {
    token = {it->value().data(), it->value().size()};
  }
  if (token.empty() || !service::ConstantTimeEquals(token, principal.csrf_token)) {
    return PermissionDenied("missing or wrong X-CSRF-Token");
  }
  const std::string_view origin = Header(request, http::field::origin);
  if (!origin.empty()) {
    const std::string host(Header(request, http::field::host));
    const bool own = origin == "http://" + host || origin == "https://" + host ||
                     (!options_.public_origin.empty() && origin == options_.public_origin);
    if (!own)
      return PermissionDenied("the Origin \"" + std::string(origin) + "\" is not this server");
  }
  return Status::Ok();
}

Status Auth::Logout(const Principal& principal) {
  if (principal.session_hash.empty()) return Status::Ok();
  Forget(principal.session_hash);
  std::lock_guard lock(store_.mutex);
  return store_.store->users().DeleteSession(principal.session_hash);
}

std::string Auth::SessionCookie(const std::string& session_id) const {
  std::string cookie = CookieName() + "=" + session_id + "; Path=/; HttpOnly; SameSite=Lax";
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

std::string Auth::ExpiredSessionCookie() const {
  std::string cookie = CookieName() + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

}  // namespace bw::server
