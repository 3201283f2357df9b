// The survey waves over the API (issue 12, docs/api.md), mirroring `bellwether survey`:
// list and show (every role), create, send and remind (admin and cx_manager: a wave
// addresses the whole book, so an account manager may not start one).
#pragma once

#include <functional>

#include "config/workspace_config.h"
#include "core/clock.h"
#include "server/auth.h"
#include "server/authorize.h"
#include "server/router.h"
#include "service/book_service.h"

namespace bw::server {

// Everything given must outlive the router; `on_write` is called after a committed change.
void AddWaveRoutes(Router& router, const Guard& guard, LockedStore& store,
                   service::BookService& books, const Clock& clock,
                   const config::WorkspaceConfig& workspace, std::function<void()> on_write);

}  // namespace bw::server
