// The closed loop's routes (issue 12, docs/api.md): cases (list, one, update), scoped like
// accounts (an account manager sees and changes only the cases of accounts they own), and
// the webhooks' dead-letter list with its replay (admin).
#pragma once

#include "config/workspace_config.h"
#include "core/clock.h"
#include "server/auth.h"
#include "server/authorize.h"
#include "server/router.h"

namespace bw::server {

// `store`, `clock` and `workspace` must outlive the router; `on_write` is called after a
// change was committed.
void AddLoopRoutes(Router& router, const Guard& guard, LockedStore& store, const Clock& clock,
                   const config::WorkspaceConfig& workspace, std::function<void()> on_write);

}  // namespace bw::server
