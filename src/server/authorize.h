// Who may call a route, and what a route handler learns about its caller: the one place
// where authentication, roles, CSRF and the account manager's scope are applied
// (App::Guard in api.cc); every route goes through it.
#pragma once

#include <functional>

#include "server/auth.h"
#include "server/router.h"
#include "service/book_service.h"

namespace bw::server {

// api.md, "Roles".
enum class Access {
  kPublic,  // no login
  kRead,    // every role
  kQuery,   // every role; a POST only to carry a query body, changes nothing (no CSRF)
  kWrite,   // admin, cx_manager, account_manager (within their scope)
  kAdmin,   // admin only
};

// The caller of a route that passed the guard: who, and the accounts they see.
struct Caller {
  Principal principal;
  service::Scope scope;  // owner set for an account manager
};

using GuardedHandler = std::function<void(RouteCall&, const Caller&)>;
// Wraps a handler in the checks its Access needs.
using Guard = std::function<RouteHandler(Access, GuardedHandler)>;

}  // namespace bw::server
