// The names of an account's flags (shared/spec/metrics.md, "The account row": `flags`),
// shared by the JSON and CSV forms of the row. Private to src/service.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analytics/account_rows.h"

namespace bw::service::internal {

// Calls visit(std::string_view name) for each flag the account has, in the order of
// analytics::AccountFlag (sorted by name).
template <typename Visit>
void ForEachFlagName(const analytics::AccountBasics& basics, Visit&& visit) {
  for (int f = 0; f < analytics::kAccountFlagCount; ++f) {
    const auto flag = static_cast<analytics::AccountFlag>(f);
    if (basics.Has(flag)) visit(analytics::FlagName(flag));
  }
}

// The flags the account has, in the order of ForEachFlagName.
inline std::vector<std::string> FlagNames(const analytics::AccountBasics& basics) {
  std::vector<std::string> flags;
  ForEachFlagName(basics, [&](std::string_view name) { flags.emplace_back(name); });
  return flags;
}

}  // namespace bw::service::internal
