// The record routes of shared/spec/api.md: GET (list, one), POST, PATCH and DELETE of
// contacts, responses, touchpoints, signals, invitations and revenue, and POST, PATCH,
// DELETE of accounts (GET /accounts/{id} is the account 360), plus POST /imports. Every
// write is validated by the import format's rules (the same reader as `bellwether
// import`, with references resolving against the store), committed with its audit entry
// in one transaction, and seen by the figures once the next snapshot is swapped in.
#pragma once

#include <functional>

#include "core/clock.h"
#include "server/auth.h"
#include "server/authorize.h"
#include "server/router.h"
#include "server/write_batcher.h"

namespace bw::server {

// Single-record writes go through `writes` (group commit); an upload is one transaction of
// its own. `on_write` is called after an upload commits (the batcher signals its own).
void AddRecordRoutes(Router& router, const Guard& guard, LockedStore& store, WriteBatcher& writes,
                     const Clock& clock, std::function<void()> on_write);

}  // namespace bw::server
