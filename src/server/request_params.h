// Reading a request's query parameters the same way in every route: known names only,
// paging as api.md's "Conventions" say.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "server/router.h"

namespace bw::server {

// The value of `name`, or null when the request does not have it.
const std::string* QueryValue(const RouteCall& call, const std::string& name);

// Refuses query parameters a route does not know (api.md: unknown fields are a 400).
Status OnlyParameters(const RouteCall& call, std::initializer_list<std::string_view> known);

// limit (default 100, at most 1,000; more is a 400) and offset of a list.
Result<std::pair<int64_t, int64_t>> ParsePaging(const RouteCall& call);

}  // namespace bw::server
